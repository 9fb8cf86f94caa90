// `lucid server` and `lucid client` flags for renegotiation (RFC 5746, handshake/renegotiation.h),
// spelled after OpenSSL where it has one:
//   server: --client-renegotiation   accept renegotiations the client starts (s_server -client_renegotiation)
//           --renegotiate            ask each client to renegotiate once, right after its handshake
//                                    (HelloRequest, as typing "r" into s_server)
//           --renegotiate-client-cert  the same, asking for a client certificate in the new handshake
//                                    (s_server's "R"; needs --CAfile)
//   client: --renegotiate            renegotiate once, right after the handshake (s_client's "R")
//           --no-renegotiation       refuse the server's HelloRequests (no_renegotiation warning)
#pragma once

#include <vector>

#include "handshake/engine.h"
#include "tools/args.h"

namespace lucid::tools {

// What a tool does after the first handshake of a connection.
struct RenegotiationPlan {
    bool after_handshake = false;         // start one renegotiation
    bool ask_client_certificate = false;  // server: with a CertificateRequest in it
};

std::vector<FlagSpec> server_renegotiation_flags();
std::vector<FlagSpec> client_renegotiation_flags();

// Sets config.client_renegotiation; UsageError for --renegotiate-client-cert without client CAs.
RenegotiationPlan load_server_renegotiation(const Args& args, handshake::ServerConfig& config);
// Sets config.renegotiation; UsageError for --renegotiate with --no-renegotiation.
RenegotiationPlan load_client_renegotiation(const Args& args, handshake::ClientConfig& config);

// Called on each handshake_complete event: starts the planned renegotiation after the first
// handshake. Returns the line to print ("" if none): what started, or why it could not.
std::string renegotiate_as_planned(const RenegotiationPlan& plan, handshake::Engine& engine);

}  // namespace lucid::tools
