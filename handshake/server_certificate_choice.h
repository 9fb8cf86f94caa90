// Server name indication on the server, RFC 6066 §3: which certificate a ClientHello's host_name
// gets, and what a strict server answers for a name it does not serve.
//
// "A server that receives a client hello containing the "server_name" extension MAY use the
// information contained in the extension to guide its selection of an appropriate certificate".
// "If the server understood the ClientHello extension but does not recognize the server name, the
// server SHOULD take one of two actions: either abort the handshake by sending a fatal-level
// unrecognized_name(112) alert or continue the handshake."
//
//   host_name absent                          the default credentials (--cert/--key)
//   host_name = a --servername (any case)     that name's credentials (--cert2/--key2)
//   host_name on the default certificate      the default credentials
//   any other host_name                       strict (--strict-sni): fatal unrecognized_name;
//                                             otherwise the default credentials and a trace note
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "handshake/engine.h"

namespace lucid::handshake {

struct CertificateChoice {
    std::shared_ptr<const ServerCredentials> credentials;
    std::string note;  // for the trace: which certificate and why
};

// Throws TlsError(unrecognized_name) in strict mode for a name that is not served.
CertificateChoice choose_certificate(const ServerConfig& config, const std::optional<std::string>& host_name);

// Throws lucid::Error if a configured name is not a valid HostName or appears twice.
void check_named_credentials(const ServerConfig& config);

}  // namespace lucid::handshake
