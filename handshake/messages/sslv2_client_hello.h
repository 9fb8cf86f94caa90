// The SSL 2.0-compatible CLIENT-HELLO, RFC 5246 Appendix E.2: how very old clients that also speak
// TLS start a handshake. See sslv2_client_hello.cpp.
#pragma once

#include <cstddef>
#include <optional>

#include "crypto/bytes.h"
#include "record/handshake_assembler.h"

namespace lucid::handshake {

// A server's first bytes: nullopt while fewer than 3 bytes (or, for an SSL 2.0 record, fewer than
// the whole record) have arrived; 0 when they are an ordinary TLS record; otherwise the length of
// the SSL 2.0 record that holds a CLIENT-HELLO (2-byte header + message).
std::optional<std::size_t> sslv2_client_hello_length(ByteView first_bytes);

// RFC 5246 Appendix E.2: the V2ClientHello (the record after its 2-byte msg_length) as the TLS
// ClientHello it stands for: `body` is that ClientHello's body (no session_id, no extensions, the
// challenge left-padded with zeros to the 32-byte random, the SSL 2.0 cipher specs whose first byte
// is 0 as cipher suites); `raw` is the V2ClientHello itself, which is what goes into the Finished
// hash. Throws record::TlsError(decode_error / illegal_parameter).
record::HandshakeMessage convert_sslv2_client_hello(ByteView v2_message);

}  // namespace lucid::handshake
