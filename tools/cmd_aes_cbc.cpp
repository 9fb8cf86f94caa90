// lucid aes-cbc encrypt|decrypt --key HEX --iv HEX --hex HEX [--padding none|pkcs7]
//
// AES in CBC mode on hex input, hex output, so that a student can compare with
// `openssl enc -aes-128-cbc -K KEY -iv IV` (which pads with PKCS #7 unless given -nopad).
#include <iostream>

#include "crypto/aes.h"
#include "crypto/cbc.h"
#include "crypto/hex.h"
#include "crypto/secret.h"
#include "tools/command.h"

namespace lucid::tools {

namespace {

int run_aes_cbc_command(const Args& args) {
    if (args.positional.size() != 1 || (args.positional[0] != "encrypt" && args.positional[0] != "decrypt")) {
        throw UsageError("say what to do: lucid aes-cbc encrypt|decrypt --key HEX --iv HEX --hex HEX");
    }
    const bool encrypting = args.positional[0] == "encrypt";
    const std::string padding = args.value("padding").value_or("pkcs7");
    if (padding != "pkcs7" && padding != "none") {
        throw UsageError("--padding must be 'none' or 'pkcs7', not '" + padding + "'");
    }
    const bool pkcs7 = padding == "pkcs7";

    // The key was typed on the command line, so it is no secret from the user; it still lives in
    // SecretBytes so that it is wiped like every other key.
    const SecretBytes key = SecretBytes::adopt(args.hex("key"));
    const Bytes iv = args.hex("iv");
    const Bytes input = args.hex("hex");

    // Every fault of the input (key or IV length, unaligned data, bad padding) is the user's,
    // so lucid::Error from crypto/ becomes a usage error: one line, exit status 2.
    try {
        const crypto::Aes aes(key.view());
        Bytes output;
        if (encrypting) {
            output = crypto::cbc_encrypt(aes, iv, pkcs7 ? crypto::pkcs7_pad(input) : input);
        } else {
            output = crypto::cbc_decrypt(aes, iv, input);
            if (pkcs7) output = crypto::pkcs7_unpad(output);
        }
        std::cout << to_hex(output) << "\n";
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
    return 0;
}

}  // namespace

extern const Command aes_cbc_command = {
    "aes-cbc",
    "encrypt or decrypt hex with AES-128/192/256 in CBC mode (SP 800-38A), like openssl enc",
    "lucid aes-cbc encrypt|decrypt --key HEX --iv HEX --hex HEX [--padding none|pkcs7]",
    {
        {"key", true, "the AES key in hex: 16, 24 or 32 bytes"},
        {"iv", true, "the initialisation vector in hex: 16 bytes"},
        {"hex", true, "the input in hex (plaintext to encrypt, ciphertext to decrypt)"},
        {"padding", true, "pkcs7 (default, as openssl enc) or none (input must be whole 16-byte blocks)"},
    },
    run_aes_cbc_command,
};

}  // namespace lucid::tools
