// --keylog FILE: the NSS key log format, so Wireshark/tshark (and a teacher) can decrypt a capture.
//
//   CLIENT_RANDOM <64 hex digits: ClientHello.random> <96 hex digits: the master secret>
//
// (https://developer.mozilla.org/en-US/docs/Mozilla/Projects/NSS/Key_Log_Format; the same lines
// OpenSSL writes with -keylogfile and curl/Firefox with SSLKEYLOGFILE.) One line per connection,
// appended, so a server's file grows by one line per client. The file holds secrets: it is created
// readable by its owner only.
#pragma once

#include <string>

#include "handshake/engine.h"

namespace lucid::tools {

// The line for a session that has a master secret (without the newline); empty if it has none.
std::string keylog_line(const handshake::SessionInfo& session);

// Appends keylog_line(session) + "\n" to path. Throws lucid::Error if the file cannot be written.
// Does nothing if the session has no master secret yet.
void append_keylog(const std::string& path, const handshake::SessionInfo& session);

}  // namespace lucid::tools
