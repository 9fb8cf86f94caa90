// Messages written as a bit length and a hex string, the convention of NIST SHAVS files and of the
// RFC-derived hash and HMAC files of python-cryptography:
//
//   Len = 24          the message length in BITS
//   Msg = 616263      the message in hex; the empty message (Len = 0) is written "Msg = 00"
//
// lucidtls hashes whole bytes only, so a Len that is not a multiple of 8 (SHAVS bit-oriented
// tests) is reported back as "not a byte message" for the runner to skip with a reason.
#pragma once

#include <optional>

#include "conformance/rsp_reader.h"
#include "crypto/bytes.h"

namespace lucid::conformance {

// The message bytes, or nothing when Len is not a whole number of bytes. Throws lucid::Error
// naming the line when Len is not a decimal number or disagrees with the length of Msg.
std::optional<Bytes> len_msg_message(const RspRecord& record);

}  // namespace lucid::conformance
