// A recorded lucid-client/lucid-server connection (vectors/tls/lucid-*.txt) and its replay.
//
// In deterministic mode (engine.h: make_deterministic_random, a fixed clock) an engine's output
// depends only on its configuration and on the bytes it receives. So a connection can be stored
// as its seeds and its bytes both ways, and replayed against the current code: a server fed the
// recorded client bytes must send exactly the recorded server bytes, and the reverse. If it does
// not, first_difference() (wire_diff.h) names the first field that changed.
//
// The script both sides follow (the "peer behaviour" the bytes depend on):
//   1. the client sends its ClientHello; the handshake runs to completion;
//   2. the server, as soon as its handshake completes, sends server_plaintext;
//   3. the client, as soon as its handshake completes, sends client_plaintext and close_notify;
//   4. the server answers close_notify with its own.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "handshake/engine.h"
#include "handshake/protocol_versions.h"
#include "handshake/session_cache.h"

namespace lucid::conformance {

struct RecordedConnection {
    handshake::CipherSuite suite = handshake::CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256;
    handshake::ClientAuth client_auth = handshake::ClientAuth::none;  // the server asks for a client certificate
    std::string server_name;            // SNI and the name checked
    handshake::VersionRange client_versions;  // RFC 5246 Appendix E.1: what each side allows
    handshake::VersionRange server_versions;  //   (default TLS 1.2 only, as the engines)
    std::int64_t time = 0;              // gmt_unix_time and certificate validation time, both sides
    Bytes client_seed;
    Bytes server_seed;
    Bytes client_plaintext;
    Bytes server_plaintext;
    Bytes client_to_server;             // every byte, in order
    Bytes server_to_client;
};

// What replaying needs besides the recording: the server's certificate chain and key, and the
// client's trust anchors (which the server also uses for client certificates); for the variants,
// the client's certificate and key, and a session to resume (both sides then have it: the client
// offers it, the server finds it in its cache).
struct ReplayCredentials {
    std::shared_ptr<const handshake::ServerCredentials> server;
    std::vector<Bytes> trust_anchors;
    std::shared_ptr<const handshake::ServerCredentials> client;  // may be null
    std::shared_ptr<const handshake::SessionState> resume;      // may be null
};

// The text form, vectors/tls/lucid-*.txt: "# comment" lines, then one "Key = value" line per field:
//   Suite             IANA or OpenSSL name                  ClientSeed / ServerSeed   hex
//   ServerName        SNI and checked name                  Time                      Unix seconds
//   CertificateChain  PEM file of the server's chain, relative to the recording's directory
//   PrivateKey        PEM file of the server's key          TrustAnchors              PEM file of the client's CAs
//   ClientPlaintext / ServerPlaintext / ClientToServer / ServerToClient               hex
// and, optional, for the variants of docs/handshake.md:
//   ClientAuth               none / request / require (the server's CertificateRequest)
//   ClientCertificateChain   PEM file of the client's chain     ClientPrivateKey   PEM file of its key
//   ResumeSession            a saved-session file (net/saved_session.h) both sides start from
//   ClientVersions / ServerVersions   the versions each side allows, "TLSv1.1" or "TLSv1..TLSv1.2"
//                            (OpenSSL's names; default TLSv1.2)
struct RecordedConnectionFile {
    RecordedConnection connection;
    std::string certificate_chain_file;
    std::string private_key_file;
    std::string trust_anchors_file;
    std::string client_certificate_chain_file;  // empty: none
    std::string client_private_key_file;
    std::string resume_session_file;            // empty: none
};
// Throws lucid::Error naming a missing or malformed field.
RecordedConnectionFile parse_recorded_connection(std::string_view text);
// header: comment lines to put first (each is prefixed with "# ").
std::string format_recorded_connection(const RecordedConnectionFile& file, const std::vector<std::string>& header);

// Runs the script above with a live client and server, filling the byte fields of `connection`.
void record_connection(RecordedConnection& connection, const ReplayCredentials& credentials);

struct ReplayResult {
    Bytes sent;                         // what the replayed engine sent
    Bytes received_plaintext;           // the application data it received
    std::optional<std::string> difference;  // first_difference() against the recording; empty = same
    std::optional<std::string> problem;     // a failure of the engine, the wrong plaintext ...
    bool ok() const { return !difference && !problem; }
};

// A server fed the recorded client bytes, one record at a time. trace (may be null) receives the
// replayed engine's events, as if it ran live (`lucid illustrate` renders them).
ReplayResult replay_server(const RecordedConnection& connection, const ReplayCredentials& credentials,
                           handshake::TraceSink* trace = nullptr);
// A client fed the recorded server bytes, one record at a time.
ReplayResult replay_client(const RecordedConnection& connection, const ReplayCredentials& credentials,
                           handshake::TraceSink* trace = nullptr);

}  // namespace lucid::conformance
