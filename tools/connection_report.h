// The sentences `lucid client` and `lucid server` print on stderr about a connection: what was
// negotiated, and how it ended (always naming the alert, and who sent it).
#pragma once

#include <string>

#include "handshake/engine.h"
#include "tools/socket_loop.h"

namespace lucid::tools {

// "TLS 1.2, TLS_RSA_WITH_AES_128_CBC_SHA (AES128-SHA), ALPN http/1.1, SNI localhost", and for the
// variants ", DHE group ffdhe2048 (2048 bits)" and ", resumed session"
std::string describe_session(const handshake::SessionInfo& session);

// Why the connection failed, in one sentence, or empty if it did not fail. `peer` is "server" or
// "client". Examples:
//   "handshake failed: certificate has expired ... [we sent fatal alert certificate_expired]"
//   "handshake failed: ... [the server sent fatal alert handshake_failure]"
//   "handshake failed: the connection was closed ... [no alert]"
std::string describe_failure(const Outcome& outcome, const std::string& peer);

// A note for an ending that is not a failure but worth saying (a close without close_notify
// after the handshake, an idle timeout); empty if none.
std::string describe_warning(const Outcome& outcome);

}  // namespace lucid::tools
