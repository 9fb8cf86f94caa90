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

}  // namespace lucid
