// Diffie-Hellman shared secrets from Botan's dh.vec, as converted by python-cryptography into
// DH/vec.txt (5 cases, primes of 256 to 1024 bits, decimal numbers, K in hex):
//
//   COUNT = 0
//   P = 5845...   G = 2
//   X = ...       our private exponent
//   Y = ...       the PEER's public value (not g^X)
//   K = 5D9A...   Y^X mod p, written at the full length of p
//
// Each case: Y passes the check 1 < Y < p-1 (RFC 7919 §5.1), and dh_shared_secret(X, Y) equals K
// once K's leading zero bytes are removed, since TLS strips them (RFC 5246 §8.1.2) and the file
// does not. These primes are far below the 2048-bit minimum for server groups; that rule belongs to
// accepting a server's group (crypto/dh.h), not to the arithmetic checked here.
#include "conformance/formats.h"
#include "conformance/rsp_reader.h"
#include "crypto/bignum.h"
#include "crypto/dh.h"
#include "crypto/error.h"

namespace lucid::conformance {

bool recognises_dh_botan_vec(const std::filesystem::path& path, std::string_view text) {
    return path.filename() == "vec.txt" && text.find("botan") != std::string_view::npos &&
           text.find("dh.vec") != std::string_view::npos;
}

void run_dh_botan_vec(const std::filesystem::path&, std::string_view text, FileReport& report) {
    report.algorithm = "DH shared secret (Botan)";
    for (const RspRecord& record : parse_rsp(text)) {
        if (!record.has("P")) continue;
        try {
            crypto::DhGroup group;
            group.name = "vector";
            group.p = crypto::from_decimal_text(record.at("P"));
            group.g = crypto::from_decimal_text(record.at("G"));
            const crypto::DhPrivateKey key(group, crypto::from_decimal_text(record.at("X")));
            const SecretBytes z = crypto::dh_shared_secret(key, crypto::from_decimal_text(record.at("Y")));
            const crypto::BigInt k = crypto::from_hex_text(record.at("K"));
            report.check(z.reveal() == crypto::to_bytes_minimal(k), record.describe());
        } catch (const Error& e) {
            report.fail(record.describe() + ": " + e.what());
        }
    }
}

}  // namespace lucid::conformance
