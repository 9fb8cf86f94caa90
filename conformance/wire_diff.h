// Naming the first difference between two byte streams of a TLS connection, in TLS terms.
//
// When a recorded connection (vectors/tls/lucid-*.txt) no longer replays byte for byte, "byte 1234
// differs" helps nobody. first_difference() walks the recorded stream record by record (RFC 5246
// §6.2.1) and, inside a handshake record sent in the clear, message by message with the message
// parsers' own field trees (trace.h), so it can say
//   record 2 (handshake), ServerHello.random.random_bytes, byte 11 of the message: recorded 3f, now 40
// Records after a ChangeCipherSpec are encrypted: for them it names the record and the byte.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "crypto/bytes.h"

namespace lucid::conformance {

// Empty when the streams are equal; otherwise one sentence locating the first differing byte
// (or the point where one stream ends early) in `recorded`. label prefixes the sentence
// ("client_to_server").
std::optional<std::string> first_difference(std::string_view label, ByteView recorded, ByteView actual);

}  // namespace lucid::conformance
