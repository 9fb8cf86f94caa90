// NIST CAVP "SigVer PKCS#1 Ver 1.5" file SigVer15_186-3.rsp (FIPS 186-3): 450 cases over moduli of
// 1024 to 4096 bits and SHA-1/224/256/384/512, each with the expected verdict:
//
//   [mod = 1024]
//   n = ...
//   p = ...   q = ...         (not needed to verify)
//
//   SHAAlg = SHA1
//   e = ...                   the public exponent for this case (one kind of failure changes it)
//   d = ...
//   Msg = ...
//   S = ...
//   SaltVal = 00
//   Result = F (2 - Public Key e changed )      or  Result = P
//
// The failures are of five kinds, named after F: message changed, e changed, signature changed,
// hash moved to the left inside EM, and the 00 after the padding removed. The last two are exactly
// the malformed blocks that a parsing verifier might accept; ours re-encodes and compares
// (crypto/rsa_signature.h). Each case passes when our verdict is the file's.
#include "conformance/formats.h"
#include "conformance/rsp_reader.h"
#include "crypto/bignum.h"
#include "crypto/error.h"
#include "crypto/hash.h"
#include "crypto/rsa_signature.h"

namespace lucid::conformance {

bool recognises_cavp_rsa_sigver15(const std::filesystem::path& path, std::string_view) {
    return path.filename() == "SigVer15_186-3.rsp";
}

void run_cavp_rsa_sigver15(const std::filesystem::path&, std::string_view text, FileReport& report) {
    report.algorithm = "RSA PKCS1v15 SigVer";
    std::optional<crypto::BigInt> n;
    for (const RspRecord& record : parse_rsp(text)) {
        if (record.has("n")) n = crypto::from_hex_text(record.at("n"));
        if (!record.has("SHAAlg")) continue;
        if (!n) throw Error(record.describe() + ": a case before n");

        const std::optional<crypto::HashAlgorithm> alg = crypto::hash_from_name(record.at("SHAAlg"));
        if (!alg) throw Error(record.describe() + ": unknown SHAAlg " + record.at("SHAAlg"));
        const std::string& result = record.at("Result");
        if (result.empty() || (result[0] != 'P' && result[0] != 'F')) {
            throw Error(record.describe() + ": Result is neither P nor F");
        }
        const bool expected_valid = result[0] == 'P';

        crypto::SignatureCheck check;
        try {
            const crypto::RsaPublicKey key(*n, crypto::from_hex_text(record.at("e")));
            check = crypto::rsassa_pkcs1_v15_verify(key, *alg, record.hex("Msg"), record.hex("S"));
        } catch (const Error& error) {
            // A public key we refuse cannot verify anything: that is a "signature invalid" verdict.
            check = {false, error.what()};
        }
        report.check(check.valid == expected_valid,
                     record.describe() + ": expected " + result + ", got " + (check.valid ? "valid" : check.reason));
    }
}

}  // namespace lucid::conformance
