#include "crypto/rsa.h"

#include <string>
#include <utility>
#include <vector>

#include "crypto/ct.h"
#include "crypto/error.h"
#include "crypto/montgomery.h"

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

// A buffer of GMP limbs for secret intermediate values, zeroed when it dies.
class SecretLimbs {
public:
    explicit SecretLimbs(std::size_t count) : limbs_(count, 0) {}
    SecretLimbs(const SecretLimbs&) = delete;
    SecretLimbs& operator=(const SecretLimbs&) = delete;
    ~SecretLimbs() { ct::wipe(limbs_.data(), limbs_.size() * sizeof(mp_limb_t)); }
    mp_limb_t* at(std::size_t offset) { return limbs_.data() + offset; }

private:
    std::vector<mp_limb_t> limbs_;
};

// Copies x (0 <= x, at most `width` limbs) into width limbs, least significant first, zero-padded.
void copy_limbs(const BigInt& x, mp_limb_t* out, std::size_t width) {
    const std::size_t used = mpz_size(x.get_mpz_t());
    const mp_limb_t* limbs = mpz_limbs_read(x.get_mpz_t());
    for (std::size_t i = 0; i < width; ++i) out[i] = i < used ? limbs[i] : 0;
}

// base^exponent mod modulus for a SECRET exponent (dP, dQ), with GMP's mpn_sec_powm (the default,
// and the reference that powm_secret_montgomery is tested against): its time and
// memory accesses depend only on the sizes it is given, and those are public here: `base_limbs`
// (the limbs of n), the limbs of the prime, and the exponent width, which is the prime's bit
// length rather than the exponent's own (dP < p - 1, and how many bits dP has is a fact about the
// key). mpn_sec_powm needs an odd modulus (p and q are odd primes) and reduces the base itself.
// All its intermediate values live in one buffer we allocate and wipe (GMP would otherwise use
// its own temporary space, which nobody wipes).
// The width of the exponents dP < p and dQ < q as the exponentiation walks them: every bit of the
// prime's limbs. Its bit length would do as well, but reading it branches on the prime's top limb
// (a secret, found by scripts/ct-check.sh once p and q were marked); the limb count is public,
// and for the primes of an RSA key (whose top bit is set) it is the same number.
std::size_t exponent_width(const BigInt& prime) { return mpz_size(prime.get_mpz_t()) * GMP_NUMB_BITS; }

BigInt powm_secret_gmp(const BigInt& base, std::size_t base_limbs, const BigInt& exponent, const BigInt& modulus) {
    const auto n = static_cast<mp_size_t>(mpz_size(modulus.get_mpz_t()));
    const auto bn = static_cast<mp_size_t>(base_limbs);
    const mp_bitcnt_t exponent_bits = exponent_width(modulus);
    const std::size_t exponent_limbs = (exponent_bits + GMP_NUMB_BITS - 1) / GMP_NUMB_BITS;
    const auto scratch = static_cast<std::size_t>(mpn_sec_powm_itch(bn, exponent_bits, n));

    // Layout: base | exponent | result | GMP's scratch.
    const std::size_t base_at = 0, exponent_at = base_limbs, result_at = exponent_at + exponent_limbs,
                      scratch_at = result_at + static_cast<std::size_t>(n);
    SecretLimbs work(scratch_at + scratch);
    copy_limbs(base, work.at(base_at), base_limbs);
    copy_limbs(exponent, work.at(exponent_at), exponent_limbs);
    mpn_sec_powm(work.at(result_at), work.at(base_at), bn, work.at(exponent_at), exponent_bits,
                 mpz_limbs_read(modulus.get_mpz_t()), n, work.at(scratch_at));

    BigInt out;
    mp_limb_t* out_limbs = mpz_limbs_write(out.get_mpz_t(), n);
    for (mp_size_t i = 0; i < n; ++i) out_limbs[i] = work.at(result_at)[i];
    mpz_limbs_finish(out.get_mpz_t(), n);
    return out;
}

// The same with our own Montgomery exponentiation (crypto/montgomery.h): MULX/ADX or portable,
// constant time in the base and the exponent. The base (c * r^e, blinded) is reduced mod the
// prime by GMP first, and R^2 mod the prime computed by GMP; GMP sees the primes already (the
// Bellcore check below), and the blinded value is what tests/ct/gmp.supp exempts. The exponent's
// width is exponent_width(prime), a fact about the key, not dP's own length.
BigInt powm_secret_montgomery(const BigInt& base, const BigInt& exponent, const BigInt& modulus) {
    const std::size_t n = mpz_size(modulus.get_mpz_t());
    const std::size_t exponent_bits = exponent_width(modulus);
    BigInt r_squared;
    mpz_setbit(r_squared.get_mpz_t(), 2 * 64 * n);
    r_squared = mod(r_squared, modulus);

    // Layout: base | exponent | R^2 | modulus | result, each n limbs.
    SecretLimbs work(5 * n);
    copy_limbs(mod(base, modulus), work.at(0), n);
    copy_limbs(exponent, work.at(n), n);
    copy_limbs(r_squared, work.at(2 * n), n);
    copy_limbs(modulus, work.at(3 * n), n);
    montgomery_power({work.at(4 * n), n}, {work.at(0), n}, {work.at(n), n}, exponent_bits, {work.at(3 * n), n},
                     {work.at(2 * n), n});

    BigInt out;
    mp_limb_t* out_limbs = mpz_limbs_write(out.get_mpz_t(), static_cast<mp_size_t>(n));
    for (std::size_t i = 0; i < n; ++i) out_limbs[i] = work.at(4 * n)[i];
    mpz_limbs_finish(out.get_mpz_t(), static_cast<mp_size_t>(n));
    return out;
}

static_assert(sizeof(mp_limb_t) == sizeof(Limb) && GMP_NUMB_BITS == 64, "crypto/montgomery.h works on GMP's 64-bit limbs");

// Which exponentiation computes the CRT halves. GMP's mpn_sec_powm stays the default while it is
// the faster of the two on the machines we measure (`lucid bench`, rows "RSA-2048 private": its
// assembly squaring and REDC beat our CIOS in C by about 2x); crypto/montgomery.h takes over once
// its kernel does better. Both are constant time and both are tested against each other.
enum class Exponentiation { gmp, montgomery };

BigInt powm_secret(Exponentiation how, const BigInt& base, std::size_t base_limbs, const BigInt& exponent,
                   const BigInt& modulus) {
    if (how == Exponentiation::gmp) return powm_secret_gmp(base, base_limbs, exponent, modulus);
    return powm_secret_montgomery(base, exponent, modulus);
}

// The private-key computation shared by RSADP and RSASP1. c must already be in [0, n).
BigInt private_operation(const RsaPrivateKey& key, const BigInt& c, RandomSource& rng, bool inject_fault,
                         Exponentiation how = Exponentiation::gmp) {
    const BigInt& n = key.n();

    // Blinding (Kocher 1996 §10): work on c * A = c * r^e, whose e-th root is m * r, so that the
    // values below are random whatever c is; A^-1 = r^-1 takes the r off at the end.
    const RsaPrivateKey::Blinding::Pair blinding = key.blinding().next(key.public_key(), rng);
    const BigInt blinded = mod(c * blinding.a, n);

    // RFC 8017 §5.1.2 step 2b: m_1 = c^dP mod p, m_2 = c^dQ mod q, h = (m_1 - m_2) * qInv mod p,
    // m = m_2 + q * h.
    const std::size_t n_limbs = mpz_size(n.get_mpz_t());
    const BigInt m1 = powm_secret(how, blinded, n_limbs, key.dp(), key.p());
    BigInt m2 = powm_secret(how, blinded, n_limbs, key.dq(), key.q());
    if (inject_fault) m2 ^= BigInt(1);  // testing::rsadp_with_injected_fault only
    const BigInt h = mod((m1 - m2) * key.qinv(), key.p());
    const BigInt m = m2 + key.q() * h;

    // The Bellcore check (Boneh, DeMillo & Lipton 1997): if either CRT half was computed wrongly
    // (a voltage glitch, a cosmic ray, Rowhammer), m^e equals the input modulo one prime but not
    // the other, and gcd(m^e - c, n) would hand the factorisation to whoever sees m. So m is
    // checked with the public exponent and withheld if wrong. m^e = c (mod n) holds exactly when
    // it holds mod p and mod q (CRT, p and q coprime), and two checks with 1024-bit numbers cost
    // about half of one with 2048-bit numbers. Whether a fault happened is not a secret of the
    // key, so this branch leaks nothing.
    const bool agrees_mod_p = powm_public(mod(m, key.p()), key.e(), key.p()) == mod(blinded, key.p());
    const bool agrees_mod_q = powm_public(mod(m, key.q()), key.e(), key.q()) == mod(blinded, key.q());
    if (!agrees_mod_p || !agrees_mod_q) {
        throw Error("RSA private-key operation failed its check with the public exponent "
                    "(a computation fault); the result was withheld");
    }
    return mod(m * blinding.a_inverse, n);
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

// The blinding pair, per key (see crypto/rsa.h). A new r is drawn every blinding_uses_per_draw
// operations; in between, the pair is squared: (r^e)^2 = (r^2)^e and (r^-1)^2 = (r^2)^-1, so
// (A^2, A^-2) is the pair of r^2, at the cost of two modular squarings instead of an
// exponentiation with e and an inversion.
//
// Every operation still takes one candidate r from the caller's generator, used or not: what a
// connection draws from its generator must not depend on what other connections did with the same
// key before, or --seed would give different bytes for the same connection depending on the
// history of the process (the explicit CBC IVs that follow come from the same generator). Drawing
// costs about 2 % of the operation; the inversion and r^e saved cost more.
RsaPrivateKey::Blinding::Pair RsaPrivateKey::Blinding::next(const RsaPublicKey& key, RandomSource& rng) {
    const BigInt& n = key.n();
    BigInt r = random_in_range(rng, 2, n - 1);
    std::lock_guard<std::mutex> lock(mutex_);
    if (uses_left_ == 0) {
        // r must be invertible mod n; one that is not would be a multiple of p or q, i.e. factor
        // n, so the loop runs once in practice.
        while (mpz_invert(pair_.a_inverse.get_mpz_t(), r.get_mpz_t(), n.get_mpz_t()) == 0) {
            r = random_in_range(rng, 2, n - 1);
        }
        pair_.a = powm_public(r, key.e(), n);
        uses_left_ = blinding_uses_per_draw;
    }
    Pair now{pair_.a, pair_.a_inverse};
    pair_.a = mod(pair_.a * pair_.a, n);
    pair_.a_inverse = mod(pair_.a_inverse * pair_.a_inverse, n);
    --uses_left_;
    return now;
}

RsaPrivateKey::Blinding& RsaPrivateKey::Blinding::reset() noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    pair_.a = 0;
    pair_.a_inverse = 0;
    uses_left_ = 0;
    return *this;
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

BigInt rsadp_with_montgomery_exponentiation(const RsaPrivateKey& key, const BigInt& c, RandomSource& rng) {
    if (c < 0 || c >= key.n()) throw Error("RSADP: ciphertext representative out of range");
    return private_operation(key, c, rng, false, Exponentiation::montgomery);
}

}  // namespace testing

}  // namespace lucid::crypto
