// The shared body of `lucid aes-gcm` and `lucid chacha20-poly1305` (aead_command.h).
#include "tools/aead_command.h"

#include <iostream>

#include "crypto/hex.h"
#include "crypto/secret.h"

namespace lucid::tools {

int run_aead_command(const Args& args, const AeadFunctions& aead) {
    const std::string usage = "lucid " + std::string(aead.command) + " encrypt|decrypt --key HEX --iv HEX [--aad HEX] --hex HEX [--tag HEX]";
    if (args.positional.size() != 1 || (args.positional[0] != "encrypt" && args.positional[0] != "decrypt")) {
        throw UsageError("say what to do: " + usage);
    }
    const bool encrypting = args.positional[0] == "encrypt";
    const SecretBytes key = SecretBytes::adopt(args.hex("key"));  // typed by the user; wiped anyway
    const Bytes iv = args.hex("iv");
    const Bytes aad = args.optional_hex("aad").value_or(Bytes{});
    const Bytes input = args.hex("hex");
    if (encrypting && args.has("tag")) throw UsageError("--tag is for decrypt: encrypt prints ciphertext || tag");
    if (!encrypting && !args.has("tag")) throw UsageError("decrypt needs --tag HEX (the tag printed after the ciphertext)");

    std::optional<Bytes> output;
    try {  // wrong key, IV or tag lengths are the user's mistake: a usage error, exit status 2
        output = encrypting ? aead.seal(key.view(), iv, aad, input) : aead.open(key.view(), iv, aad, input, args.hex("tag"));
    } catch (const UsageError&) {
        throw;
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
    if (!output) {
        std::cerr << "lucid " << aead.command << ": the tag does not match: the ciphertext, the additional data, "
                  << "the IV or the key is not the one that was used to encrypt; no plaintext is printed\n";
        return 1;
    }
    std::cout << to_hex(*output) << "\n";
    return 0;
}

std::vector<FlagSpec> aead_flags(std::string_view key_help, std::string_view iv_help) {
    return {
        {"key", true, key_help},
        {"iv", true, iv_help},
        {"aad", true, "additional authenticated data in hex (default: none)"},
        {"hex", true, "the input in hex: plaintext to encrypt, ciphertext (without the tag) to decrypt"},
        {"tag", true, "decrypt only: the 16-byte tag in hex"},
    };
}

}  // namespace lucid::tools
