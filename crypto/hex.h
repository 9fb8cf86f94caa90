// Hexadecimal text <-> bytes, the format of every test vector and of every command-line argument.
#pragma once

#include <string>
#include <string_view>

#include "crypto/bytes.h"

namespace lucid {

// Lower-case hex, two digits per byte, no separators.
std::string to_hex(ByteView bytes);

// Accepts upper and lower case. Throws lucid::Error naming the problem for an odd number of
// digits or a character that is not a hex digit (with its position). Whitespace is not skipped:
// callers that read formatted text strip it first.
Bytes from_hex(std::string_view text);

// Hex as people copy it from a trace or from `openssl x509 -text`: the digits may be grouped by
// bytes with spaces, tabs, newlines or colons ("4a 6f", "4a:6f"). A separator inside a byte
// ("4 a") is an error, as is anything from_hex refuses. Returns the bare digits.
std::string hex_without_separators(std::string_view text);
// from_hex(hex_without_separators(text)): what the command line accepts.
Bytes from_hex_separated(std::string_view text);

}  // namespace lucid
