// What `lucid aes-gcm` and `lucid chacha20-poly1305` share: the same options and the same output
// (encrypt: ciphertext || tag as one hex line; decrypt: the plaintext, or exit status 1 and a
// sentence when the tag does not match). Each command supplies its two AEAD functions.
#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "crypto/bytes.h"
#include "tools/command.h"

namespace lucid::tools {

struct AeadFunctions {
    std::string_view command;  // "aes-gcm"
    // Both throw lucid::Error for a bad key, IV or tag length (a usage error).
    std::function<Bytes(ByteView key, ByteView iv, ByteView aad, ByteView plaintext)> seal;
    std::function<std::optional<Bytes>(ByteView key, ByteView iv, ByteView aad, ByteView ciphertext, ByteView tag)> open;
};

int run_aead_command(const Args& args, const AeadFunctions& aead);

// --key, --iv, --aad, --hex, --tag, with the help text of each.
std::vector<FlagSpec> aead_flags(std::string_view key_help, std::string_view iv_help);

}  // namespace lucid::tools
