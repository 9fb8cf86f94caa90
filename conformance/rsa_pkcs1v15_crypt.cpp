// RSA Laboratories PKCS #1 v1.5 encryption examples, pkcs1v15crypt-vectors.txt: 15 keys of 1024 to
// 2048 bits, 20 messages each (format: conformance/rsa_labs_text.h).
//
//   # Message:     M
//   # Seed:        the PS bytes the encryptor drew (all nonzero, k - mLen - 3 of them)
//   # Encryption:  C
//
// Each example is one case, and it passes only if both directions agree with the file:
//   - RSAES-PKCS1-V1_5-DECRYPT(C) = M (RFC 8017 §7.2.2), and
//   - RSAES-PKCS1-V1_5-ENCRYPT(M), with the seed replayed as its random source, is C byte for byte
//     and uses exactly the seed's bytes (RFC 8017 §7.2.1).
#include "conformance/formats.h"
#include "conformance/replay_random.h"
#include "conformance/rsa_labs_text.h"
#include "crypto/error.h"
#include "crypto/rsa_pkcs1_encryption.h"

namespace lucid::conformance {

bool recognises_rsa_pkcs1v15_crypt(const std::filesystem::path& path, std::string_view) {
    return path.filename() == "pkcs1v15crypt-vectors.txt";
}

void run_rsa_pkcs1v15_crypt(const std::filesystem::path&, std::string_view text, FileReport& report) {
    report.algorithm = "RSAES-PKCS1-v1_5";
    // Blinding randomness: it does not change any result, so a fixed stream keeps runs repeatable.
    crypto::HmacDrbg blinding(as_bytes("lucid vectors: RSA blinding"), {}, {});
    RsaLabsKeys keys;
    Bytes message, seed;
    for (const RsaLabsValue& value : parse_rsa_labs_text(text)) {
        if (keys.take(value)) continue;
        if (value.label == "Message") {
            message = value.bytes;
        } else if (value.label == "Seed") {
            seed = value.bytes;
        } else if (value.label == "Encryption") {
            const std::string name = "example at line " + std::to_string(value.line);
            const crypto::RsaPrivateKey& key = keys.key();
            try {
                const bool decrypts = crypto::rsaes_pkcs1_v15_decrypt(key, value.bytes, blinding).reveal() == message;
                ReplayRandom replay(seed);
                const bool encrypts = crypto::rsaes_pkcs1_v15_encrypt(key.public_key(), message, replay) == value.bytes &&
                                      replay.used() == replay.size();
                report.check(decrypts && encrypts, name + (decrypts ? "" : ": decryption differs") +
                                                       (encrypts ? "" : ": encryption differs"));
            } catch (const Error& e) {
                report.fail(name + ": " + e.what());
            }
        }
    }
}

}  // namespace lucid::conformance
