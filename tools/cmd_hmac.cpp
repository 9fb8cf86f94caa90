// lucid hmac ALG --key HEX (--hex HEX | FILE | -): the HMAC (RFC 2104) in lower-case hex, like
// `openssl dgst -sha256 -mac HMAC -macopt hexkey:KEY`.
#include <iostream>

#include "crypto/hex.h"
#include "crypto/hmac.h"
#include "crypto/secret.h"
#include "tools/command.h"
#include "tools/hash_choice.h"
#include "tools/message_input.h"

namespace lucid::tools {

namespace {

int run_hmac_command(const Args& args) {
    const crypto::HashAlgorithm alg = hash_choice(args);
    // Typed on the command line, so no secret from the user; still wiped like every key.
    const SecretBytes key = SecretBytes::adopt(args.hex("key"));
    crypto::Hmac mac(alg, key.view());
    read_message(args, 1, [&](ByteView piece) { mac.update(piece); });
    std::cout << to_hex(mac.final()) << "\n";
    return 0;
}

}  // namespace

extern const Command hmac_command = {
    "hmac",
    "print the HMAC of a message under a key (RFC 2104) with md5 sha1 sha224 sha256 sha384 sha512",
    "lucid hmac ALG --key HEX (--hex HEX | FILE | -)",
    {{"key", true, "the key in hex (any length; longer than a block is hashed first)"}, message_hex_flag},
    run_hmac_command,
};

}  // namespace lucid::tools
