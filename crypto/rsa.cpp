#include "crypto/rsa.h"

#include <string>
#include <utility>

#include "crypto/error.h"

namespace lucid::crypto {

namespace {

constexpr std::size_t minimum_modulus_bits = 512;

BigInt lcm_of(const BigInt& a, const BigInt& b) {
    BigInt out;
    mpz_lcm(out.get_mpz_t(), a.get_mpz_t(), b.get_mpz_t());
    return out;
}

BigInt gcd_of(const BigInt& a, const BigInt& b) {
    BigInt out;
    mpz_gcd(out.get_mpz_t(), a.get_mpz_t(), b.get_mpz_t());
    return out;
}

// a mod m in [0, m), whatever the sign of a.
BigInt mod(const BigInt& a, const BigInt& m) {
    BigInt out;
    mpz_mod(out.get_mpz_t(), a.get_mpz_t(), m.get_mpz_t());
    return out;
}

// base^exponent mod modulus for PUBLIC exponents (e, and the exponents of blinding).
BigInt powm_public(const BigInt& base, const BigInt& exponent, const BigInt& modulus) {
    BigInt out;
    mpz_powm(out.get_mpz_t(), base.get_mpz_t(), exponent.get_mpz_t(), modulus.get_mpz_t());
    return out;
}

// base^exponent mod modulus for SECRET exponents: time and memory accesses independent of the
// exponent. GMP requires exponent > 0 and an odd modulus; both hold for dP mod p and dQ mod q.
BigInt powm_secret(const BigInt& base, const BigInt& exponent, const BigInt& modulus) {
    BigInt out;
    mpz_powm_sec(out.get_mpz_t(), base.get_mpz_t(), exponent.get_mpz_t(), modulus.get_mpz_t());
    return out;
}

// The private-key computation shared by RSADP and RSASP1. c must already be in [0, n).
BigInt private_operation(const RsaPrivateKey& key, const BigInt& c, RandomSource& rng, bool inject_fault) {
    const BigInt& n = key.n();

    // Blinding: pick r in [2, n-1] invertible mod n (a non-invertible r would factor n, so the
    // loop runs once in practice), and work on c * r^e, whose e-th root is m * r.
    BigInt r, r_inverse;
    for (;;) {
        r = random_in_range(rng, 2, n - 1);
        if (mpz_invert(r_inverse.get_mpz_t(), r.get_mpz_t(), n.get_mpz_t()) != 0) break;
    }
    const BigInt blinded = mod(c * powm_public(r, key.e(), n), n);

    // RFC 8017 §5.1.2 step 2b: m_1 = c^dP mod p, m_2 = c^dQ mod q, h = (m_1 - m_2) * qInv mod p,
    // m = m_2 + q * h.
    const BigInt m1 = powm_secret(mod(blinded, key.p()), key.dp(), key.p());
    BigInt m2 = powm_secret(mod(blinded, key.q()), key.dq(), key.q());
    if (inject_fault) m2 ^= BigInt(1);  // testing::rsadp_with_injected_fault only
    const BigInt h = mod((m1 - m2) * key.qinv(), key.p());
    const BigInt m = m2 + key.q() * h;

    // The Bellcore check (Boneh, DeMillo & Lipton 1997): if either CRT half was computed wrongly
    // (a voltage glitch, a cosmic ray, Rowhammer), m^e equals the input modulo one prime but not
    // the other, and gcd(m^e - c, n) would hand the factorisation to whoever sees m. So m is
    // checked with the public exponent and withheld if wrong. Whether a fault happened is not a
    // secret of the key, so this branch leaks nothing.
    if (powm_public(m, key.e(), n) != blinded) {
        throw Error("RSA private-key operation failed its check with the public exponent "
                    "(a computation fault); the result was withheld");
    }
    return mod(m * r_inverse, n);
}

}  // namespace

RsaPublicKey::RsaPublicKey(BigInt n, BigInt e) : n_(std::move(n)), e_(std::move(e)) {
    install_wiping_allocator();
    if (bit_length(n_) < minimum_modulus_bits) {
        throw Error("RSA public key: modulus of " + std::to_string(bit_length(n_)) +
                    " bits is below the minimum of " + std::to_string(minimum_modulus_bits));
    }
    if (mpz_even_p(n_.get_mpz_t())) throw Error("RSA public key: modulus n is even");
    if (e_ < 3 || e_ >= n_) throw Error("RSA public key: exponent e must satisfy 3 <= e < n");
    if (mpz_even_p(e_.get_mpz_t())) throw Error("RSA public key: exponent e is even");
}

RsaPublicKey::RsaPublicKey(ByteView n, ByteView e) : RsaPublicKey(os2ip(n), os2ip(e)) {}

RsaPrivateKey::RsaPrivateKey(RsaPublicKey pub, BigInt d, BigInt p, BigInt q, BigInt dp, BigInt dq, BigInt qinv)
    : public_(std::move(pub)), d_(std::move(d)), p_(std::move(p)), q_(std::move(q)), dp_(std::move(dp)),
      dq_(std::move(dq)), qinv_(std::move(qinv)) {}

// RFC 8017 §3.2: the relations between the components of a two-prime private key.
RsaPrivateKey RsaPrivateKey::from_components(BigInt n, BigInt e, BigInt d, BigInt p, BigInt q, BigInt dp,
                                             BigInt dq, BigInt qinv) {
    RsaPublicKey pub(std::move(n), std::move(e));
    const char* const prefix = "RSA private key: ";
    if (p < 3 || q < 3 || mpz_even_p(p.get_mpz_t()) || mpz_even_p(q.get_mpz_t())) {
        throw Error(std::string(prefix) + "p and q must be odd primes");
    }
    if (p == q) throw Error(std::string(prefix) + "p equals q");
    if (p * q != pub.n()) throw Error(std::string(prefix) + "n is not p*q");
    if (d <= 0 || d >= pub.n()) throw Error(std::string(prefix) + "d is not in [1, n-1]");
    const BigInt lambda = lcm_of(p - 1, q - 1);
    if (mod(pub.e() * d, lambda) != 1) throw Error(std::string(prefix) + "e*d is not 1 mod lcm(p-1, q-1)");
    if (dp != mod(d, p - 1)) throw Error(std::string(prefix) + "dP is not d mod (p-1)");
    if (dq != mod(d, q - 1)) throw Error(std::string(prefix) + "dQ is not d mod (q-1)");
    if (qinv <= 0 || qinv >= p || mod(qinv * q, p) != 1) {
        throw Error(std::string(prefix) + "qInv is not q^-1 mod p");
    }
    return RsaPrivateKey(std::move(pub), std::move(d), std::move(p), std::move(q), std::move(dp),
                         std::move(dq), std::move(qinv));
}

RsaPrivateKey RsaPrivateKey::from_components(ByteView n, ByteView e, ByteView d, ByteView p, ByteView q,
                                             ByteView dp, ByteView dq, ByteView qinv) {
    return from_components(os2ip(n), os2ip(e), os2ip(d), os2ip(p), os2ip(q), os2ip(dp), os2ip(dq), os2ip(qinv));
}

// FIPS 186-5 §A.1.1: d = e^-1 mod LCM(p-1, q-1); RFC 8017 §3.2 for the CRT values.
RsaPrivateKey RsaPrivateKey::from_primes(BigInt p, BigInt q, BigInt e) {
    install_wiping_allocator();
    if (p == q) throw Error("RSA private key: p equals q");
    const BigInt lambda = lcm_of(p - 1, q - 1);
    BigInt d, qinv;
    if (mpz_invert(d.get_mpz_t(), e.get_mpz_t(), lambda.get_mpz_t()) == 0) {
        throw Error("RSA private key: e has no inverse mod lcm(p-1, q-1)");
    }
    if (mpz_invert(qinv.get_mpz_t(), q.get_mpz_t(), p.get_mpz_t()) == 0) {
        throw Error("RSA private key: q has no inverse mod p");
    }
    BigInt n = p * q;
    BigInt dp = mod(d, p - 1);
    BigInt dq = mod(d, q - 1);
    return from_components(std::move(n), std::move(e), std::move(d), std::move(p), std::move(q), std::move(dp),
                           std::move(dq), std::move(qinv));
}

// NIST SP 800-56B Rev. 2 Appendix C.2: factoring n given e and d. e*d - 1 is a multiple of
// lcm(p-1, q-1); writing it 2^t * r with r odd, for a random g the sequence g^r, g^2r, ... reaches
// 1, and the element just before, if not -1, is a square root of 1 that is 1 mod one prime only.
RsaPrivateKey RsaPrivateKey::from_exponents(BigInt n, BigInt e, BigInt d, RandomSource& rng) {
    install_wiping_allocator();
    RsaPublicKey checked(n, e);  // validates n and e first
    const BigInt k = d * e - 1;
    if (d <= 1 || mpz_odd_p(k.get_mpz_t())) throw Error("RSA private key: d does not fit n and e");
    const mp_bitcnt_t t = mpz_scan1(k.get_mpz_t(), 0);
    BigInt r;
    mpz_tdiv_q_2exp(r.get_mpz_t(), k.get_mpz_t(), t);
    for (int attempt = 0; attempt < 100; ++attempt) {
        const BigInt g = random_in_range(rng, 2, n - 2);
        BigInt y = powm_public(g, r, n);
        if (y == 1 || y == n - 1) continue;
        for (mp_bitcnt_t j = 0; j < t; ++j) {
            BigInt x = mod(y * y, n);
            if (x == 1) {
                BigInt p = gcd_of(y - 1, n);
                BigInt q = n / p;
                if (p < q) std::swap(p, q);  // the usual convention, p > q
                BigInt dp = mod(d, p - 1), dq = mod(d, q - 1), qinv;
                mpz_invert(qinv.get_mpz_t(), q.get_mpz_t(), p.get_mpz_t());
                return from_components(std::move(n), std::move(e), std::move(d), std::move(p), std::move(q),
                                       std::move(dp), std::move(dq), std::move(qinv));
            }
            if (x == n - 1) break;
            y = std::move(x);
        }
    }
    throw Error("RSA private key: could not factor n from e and d (d does not fit n and e)");
}

// RFC 8017 §5.1.1 RSAEP
BigInt rsaep(const RsaPublicKey& key, const BigInt& m) {
    if (m < 0 || m >= key.n()) throw Error("RSAEP: message representative out of range");
    return powm_public(m, key.e(), key.n());
}

// RFC 8017 §5.2.2 RSAVP1
BigInt rsavp1(const RsaPublicKey& key, const BigInt& s) {
    if (s < 0 || s >= key.n()) throw Error("RSAVP1: signature representative out of range");
    return powm_public(s, key.e(), key.n());
}

// RFC 8017 §5.1.2 RSADP
BigInt rsadp(const RsaPrivateKey& key, const BigInt& c, RandomSource& rng) {
    if (c < 0 || c >= key.n()) throw Error("RSADP: ciphertext representative out of range");
    return private_operation(key, c, rng, false);
}

// RFC 8017 §5.2.1 RSASP1
BigInt rsasp1(const RsaPrivateKey& key, const BigInt& m, RandomSource& rng) {
    if (m < 0 || m >= key.n()) throw Error("RSASP1: message representative out of range");
    return private_operation(key, m, rng, false);
}

namespace testing {

BigInt rsadp_with_injected_fault(const RsaPrivateKey& key, const BigInt& c, RandomSource& rng) {
    if (c < 0 || c >= key.n()) throw Error("RSADP: ciphertext representative out of range");
    return private_operation(key, c, rng, true);
}

}  // namespace testing

}  // namespace lucid::crypto
