// lucid aes-gcm encrypt|decrypt --key HEX --iv HEX [--aad HEX] --hex HEX [--tag HEX]
//
// AES-GCM (SP 800-38D) on hex input. encrypt prints ciphertext || tag (16 bytes) as one hex line;
// decrypt takes the ciphertext and --tag and prints the plaintext, or exits with status 1 saying
// the tag does not match (and prints nothing else). Compare with Python's
// cryptography.hazmat.primitives.ciphers.aead.AESGCM, whose encrypt() returns the same bytes.
#include "crypto/gcm.h"
#include "tools/aead_command.h"

namespace lucid::tools {

namespace {

int run_aes_gcm_command(const Args& args) {
    return run_aead_command(args, {
        "aes-gcm",
        [](ByteView key, ByteView iv, ByteView aad, ByteView plaintext) {
            return crypto::AesGcm(key).seal(iv, aad, plaintext);
        },
        [](ByteView key, ByteView iv, ByteView aad, ByteView ciphertext, ByteView tag) {
            return crypto::AesGcm(key).open(iv, aad, ciphertext, tag);
        },
    });
}

}  // namespace

extern const Command aes_gcm_command = {
    "aes-gcm",
    "encrypt or decrypt hex with AES-128/192/256-GCM (SP 800-38D): ciphertext || tag, tag checked first",
    "lucid aes-gcm encrypt|decrypt --key HEX --iv HEX [--aad HEX] --hex HEX [--tag HEX]",
    aead_flags("the AES key in hex: 16, 24 or 32 bytes", "the IV in hex: any non-empty length, 12 bytes usual"),
    run_aes_gcm_command,
};

}  // namespace lucid::tools
