// RSA Laboratories PKCS #1 v1.5 signature examples, pkcs1v15sign-vectors.txt: 15 keys of 1024 to
// 2048 bits, 20 messages each, SHA-1 (format: conformance/rsa_labs_text.h).
//
//   # Message to be signed:  M
//   # Signature:             S
//
// Each example is one case: RSASSA-PKCS1-V1_5-SIGN(K, M) with SHA-1 must be S byte for byte
// (RFC 8017 §8.2.1; v1.5 signatures are deterministic), and RSASSA-PKCS1-V1_5-VERIFY((n, e), M, S)
// must accept it (§8.2.2).
#include "conformance/formats.h"
#include "conformance/rsa_labs_text.h"
#include "crypto/error.h"
#include "crypto/rsa_signature.h"

namespace lucid::conformance {

bool recognises_rsa_pkcs1v15_sign(const std::filesystem::path& path, std::string_view) {
    return path.filename() == "pkcs1v15sign-vectors.txt";
}

void run_rsa_pkcs1v15_sign(const std::filesystem::path&, std::string_view text, FileReport& report) {
    report.algorithm = "RSASSA-PKCS1-v1_5 SHA-1";
    crypto::HmacDrbg blinding(as_bytes("lucid vectors: RSA blinding"), {}, {});
    RsaLabsKeys keys;
    Bytes message;
    for (const RsaLabsValue& value : parse_rsa_labs_text(text)) {
        if (keys.take(value)) continue;
        if (value.label == "Message to be signed") {
            message = value.bytes;
        } else if (value.label == "Signature") {
            const std::string name = "example at line " + std::to_string(value.line);
            const crypto::RsaPrivateKey& key = keys.key();
            try {
                const bool signs =
                    crypto::rsassa_pkcs1_v15_sign(key, crypto::HashAlgorithm::sha1, message, blinding) == value.bytes;
                const crypto::SignatureCheck verified =
                    crypto::rsassa_pkcs1_v15_verify(key.public_key(), crypto::HashAlgorithm::sha1, message, value.bytes);
                report.check(signs && verified.valid, name + (signs ? "" : ": signature differs") +
                                                          (verified.valid ? "" : ": " + verified.reason));
            } catch (const Error& e) {
                report.fail(name + ": " + e.what());
            }
        }
    }
}

}  // namespace lucid::conformance
