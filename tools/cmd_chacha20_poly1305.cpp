// lucid chacha20-poly1305 encrypt|decrypt --key HEX --iv HEX [--aad HEX] --hex HEX [--tag HEX]
//
// The RFC 8439 §2.8 AEAD on hex input, with the options and output of `lucid aes-gcm`. Compare with
// Python's cryptography.hazmat.primitives.ciphers.aead.ChaCha20Poly1305, or RFC 8439 §2.8.2.
#include "crypto/chacha20_poly1305.h"
#include "tools/aead_command.h"

namespace lucid::tools {

namespace {

int run_chacha20_poly1305_command(const Args& args) {
    return run_aead_command(args, {
        "chacha20-poly1305",
        [](ByteView key, ByteView iv, ByteView aad, ByteView plaintext) {
            return crypto::ChaCha20Poly1305(key).seal(iv, aad, plaintext);
        },
        [](ByteView key, ByteView iv, ByteView aad, ByteView ciphertext, ByteView tag) {
            return crypto::ChaCha20Poly1305(key).open(iv, aad, ciphertext, tag);
        },
    });
}

}  // namespace

extern const Command chacha20_poly1305_command = {
    "chacha20-poly1305",
    "encrypt or decrypt hex with ChaCha20-Poly1305 (RFC 8439): ciphertext || tag, tag checked first",
    "lucid chacha20-poly1305 encrypt|decrypt --key HEX --iv HEX [--aad HEX] --hex HEX [--tag HEX]",
    aead_flags("the key in hex: 32 bytes", "the nonce in hex: 12 bytes"),
    run_chacha20_poly1305_command,
};

}  // namespace lucid::tools
