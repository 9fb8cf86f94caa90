// lucid genrsa --bits N: a fresh RSA key (FIPS 186-5 Appendix A.1.3, e = 65537), written as an
// unencrypted PKCS #8 PEM ("-----BEGIN PRIVATE KEY-----", RFC 5208 / RFC 7468 §10), the form
// `openssl pkey` reads, to standard output or to --out FILE (created with mode 0600).
// --text prints instead its components in hex, one "name = value" line each, in the order of
// RFC 8017 Appendix A.1.2: n, e, d, p, q, dp, dq, qinv. They can be given back to `lucid rsa` as --n, --e, ... .
//
// The output IS the private key: print it only where that is fine. --seed makes the key
// reproducible (HMAC_DRBG over the seed), which is for teaching only: anyone with the seed has the key.
#include <iostream>
#include <string>

#include "crypto/bignum.h"
#include "crypto/rsa_keygen.h"
#include "tools/command.h"
#include "tools/pki_files.h"
#include "x509/private_key.h"

namespace lucid::tools {

namespace {

int run_genrsa(const Args& args) {
    std::size_t bits = 2048;
    if (const auto text = args.value("bits")) {
        try {
            std::size_t used = 0;
            bits = std::stoul(*text, &used);
            if (used != text->size()) throw std::invalid_argument("trailing text");
        } catch (const std::exception&) {
            throw UsageError("--bits takes a number, e.g. 2048");
        }
    }
    std::unique_ptr<crypto::RandomSource> rng = key_random(args.optional_hex("seed"), "lucid genrsa");
    std::optional<crypto::RsaPrivateKey> key;
    try {
        key.emplace(crypto::generate_rsa_key(bits, *rng));
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
    const std::pair<const char*, const crypto::BigInt*> lines[] = {
        {"n", &key->n()},   {"e", &key->e()},   {"d", &key->d()},   {"p", &key->p()},
        {"q", &key->q()},   {"dp", &key->dp()}, {"dq", &key->dq()}, {"qinv", &key->qinv()},
    };
    if (args.has("text")) {
        for (const auto& [name, value] : lines) std::cout << name << " = " << crypto::to_hex_text(*value) << "\n";
        return 0;
    }
    write_file(args.value("out").value_or("-"), x509::private_key_pem(*key).view(), /*secret=*/true);
    return 0;
}

}  // namespace

extern const Command genrsa_command = {
    "genrsa",
    "generate an RSA key (e = 65537) as PKCS #8 PEM, or its components in hex with --text",
    "lucid genrsa [--bits N] [--out FILE | --text] [--seed HEX]   (N: even, 512 to 16384, default 2048; FIPS 186-5 wants >= 2048)",
    {
        {"bits", true, "modulus size in bits (default 2048)"},
        {"out", true, "write the PKCS #8 PEM key to FILE (mode 0600) instead of standard output"},
        {"text", false, "print n, e, d, p, q, dp, dq, qinv in hex instead of PEM"},
        {"seed", true, "deterministic randomness (HMAC_DRBG over this hex seed), for lessons only"},
    },
    run_genrsa,
};

}  // namespace lucid::tools
