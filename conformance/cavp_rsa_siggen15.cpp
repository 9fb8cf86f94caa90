// NIST CAVP "SigGen PKCS#1 Ver 1.5" files (FIPS 186), RSASSA-PKCS1-v1_5 with SHA-1/224/256/384/512
// and moduli of 1024 to 4096 bits, 250 signatures per file:
//
//   [mod = 2048]
//   n = ...
//   e = ...                  (zero-padded to the modulus length in the 186-2 file)
//   d = ...                  only in SigGen15_186-2.txt, "added to the file for testing purposes"
//
//   SHAAlg = SHA256
//   Msg = ...
//   S = ...
//
// With d in the file (SigGen15_186-2.txt) each case SIGNS: p and q are recovered from (n, e, d)
// (SP 800-56B Rev. 2 Appendix C.2), the message is signed with our CRT code, and the signature must
// equal S byte for byte; it must also verify.
// Without d (SigGen15_186-3.rsp: CAVS gives the tested implementation's public key only, because
// that implementation generated the key) nobody can sign, so each case VERIFIES S: our EMSA encoding
// of the message must be exactly S^e mod n, which checks the same encoding code on 250 more messages.
#include <regex>

#include "conformance/formats.h"
#include "conformance/rsp_reader.h"
#include "crypto/bignum.h"
#include "crypto/error.h"
#include "crypto/hash.h"
#include "crypto/rsa_signature.h"

namespace lucid::conformance {

bool recognises_cavp_rsa_siggen15(const std::filesystem::path& path, std::string_view) {
    static const std::regex name(R"(SigGen15_186-[23]\.(rsp|txt))");
    return std::regex_match(path.filename().string(), name);
}

void run_cavp_rsa_siggen15(const std::filesystem::path&, std::string_view text, FileReport& report) {
    const std::vector<RspRecord> records = parse_rsp(text);
    bool has_d = false;
    for (const RspRecord& record : records) has_d = has_d || record.has("d");
    report.algorithm = has_d ? "RSA PKCS1v15 SigGen: sign" : "RSA PKCS1v15 SigGen: verify";

    crypto::HmacDrbg rng(as_bytes("lucid vectors: RSA SigGen15"), {}, {});
    std::optional<crypto::BigInt> n, e, d;
    std::optional<crypto::RsaPrivateKey> private_key;
    std::optional<crypto::RsaPublicKey> public_key;
    for (const RspRecord& record : records) {
        // A new n, e or d starts a new key, built on first use.
        if (record.has("n") || record.has("e") || record.has("d")) {
            private_key.reset();
            public_key.reset();
        }
        if (record.has("n")) n = crypto::from_hex_text(record.at("n"));
        if (record.has("e")) e = crypto::from_hex_text(record.at("e"));
        if (record.has("d")) d = crypto::from_hex_text(record.at("d"));
        if (!record.has("SHAAlg")) continue;

        if (!n || !e) throw Error(record.describe() + ": a case before n and e");
        const std::optional<crypto::HashAlgorithm> alg = crypto::hash_from_name(record.at("SHAAlg"));
        if (!alg) throw Error(record.describe() + ": unknown SHAAlg " + record.at("SHAAlg"));
        const Bytes message = record.hex("Msg");
        const Bytes expected = record.hex("S");
        try {
            if (has_d) {
                if (!d) throw Error("a case before d");
                if (!private_key) private_key.emplace(crypto::RsaPrivateKey::from_exponents(*n, *e, *d, rng));
                const Bytes signature = crypto::rsassa_pkcs1_v15_sign(*private_key, *alg, message, rng);
                const bool verifies =
                    crypto::rsassa_pkcs1_v15_verify(private_key->public_key(), *alg, message, signature).valid;
                report.check(signature == expected && verifies, record.describe());
            } else {
                if (!public_key) public_key.emplace(*n, *e);
                const crypto::SignatureCheck check = crypto::rsassa_pkcs1_v15_verify(*public_key, *alg, message, expected);
                report.check(check.valid, record.describe() + ": " + check.reason);
            }
        } catch (const Error& error) {
            report.fail(record.describe() + ": " + error.what());
        }
    }
}

}  // namespace lucid::conformance
