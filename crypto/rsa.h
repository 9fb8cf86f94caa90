// RSA keys and the four RSA primitives of RFC 8017 §5.
//
// The schemes built on them live in their own files:
//   crypto/rsa_pkcs1_encryption.h  RSAES-PKCS1-v1_5 (§7.2), general use
//   crypto/rsa_tls_premaster.h     the TLS premaster decryption (RFC 5246 §7.4.7.1), Bleichenbacher-safe
//   crypto/rsa_signature.h         RSASSA-PKCS1-v1_5 (§8.2) and the TLS 1.0/1.1 MD5||SHA-1 form
//   crypto/rsa_keygen.h            key generation (FIPS 186-5 Appendix A.1.3)
//
// Keys are built from big-endian byte strings, which is what a DER INTEGER holds (a leading 00 byte
// is allowed), so x509/ can pass the fields of RSAPublicKey / RSAPrivateKey (RFC 8017 Appendix
// A.1) straight in. Every constructor checks the numbers and throws lucid::Error with one sentence
// naming what is wrong ("RSA private key: dP is not d mod (p-1)").
//
// Private-key operations (RSADP, RSASP1) use:
//   - the Chinese Remainder Theorem (§5.1.2 step 2b), with mpn_sec_powm, GMP's exponentiation whose
//     time and memory accesses do not depend on the exponent or the base (its scratch is given by
//     us and wiped after each call);
//   - base blinding: the input is multiplied by A = r^e and the result by A^-1 = r^-1, so that the
//     numbers the (not constant-time) GMP arithmetic sees are random (Kocher 1996;
//     Brumley & Boneh 2003, "Remote timing attacks are practical"). Each key keeps its pair and
//     refreshes it by squaring, (A, A^-1) -> (A^2, A^-2), which is again a valid pair for r^2
//     (Kocher 1996 §10; OpenSSL's BN_BLINDING_update), and draws a new r every
//     `blinding_uses_per_draw` operations;
//   - a check of the result with the public exponent before it leaves (Boneh, DeMillo & Lipton 1997,
//     the "Bellcore attack": one faulty CRT half gives a signature s with s^e = m mod p but not mod q,
//     and gcd(s^e - m, n) then reveals the factor p).
// They take a RandomSource for the blinding factor: each operation draws one candidate r from it
// (used when the key draws a new r), so what a caller's generator yields next never depends on the
// key's history (--seed stays reproducible). The result does not depend on it.
#pragma once

#include <cstddef>
#include <mutex>

#include "crypto/bignum.h"
#include "crypto/bytes.h"
#include "crypto/random.h"

namespace lucid::crypto {

// RFC 8017 §3.1: (n, e).
class RsaPublicKey {
public:
    // Throws lucid::Error unless n is odd and at least 512 bits, and 3 <= e < n with e odd.
    RsaPublicKey(BigInt n, BigInt e);
    // The same from big-endian bytes (DER INTEGER contents; leading zero bytes are fine).
    RsaPublicKey(ByteView n, ByteView e);

    const BigInt& n() const { return n_; }
    const BigInt& e() const { return e_; }
    std::size_t modulus_bits() const { return bit_length(n_); }
    // k of RFC 8017: the length in bytes of the modulus, of every ciphertext and signature.
    std::size_t size_bytes() const { return byte_length(n_); }
    Bytes n_bytes() const { return to_bytes_minimal(n_); }
    Bytes e_bytes() const { return to_bytes_minimal(e_); }

private:
    BigInt n_;
    BigInt e_;
};

// RFC 8017 §3.2, second representation: n, e, d and the CRT values p, q, dP, dQ, qInv.
// Two primes only (no multi-prime keys). Secret numbers live in GMP memory that is wiped on free.
class RsaPrivateKey {
public:
    // All eight values, as in the ASN.1 RSAPrivateKey (RFC 8017 Appendix A.1.2). Checks that
    // they belong together: n = p*q, e*d = 1 mod lcm(p-1, q-1), dP = d mod (p-1),
    // dQ = d mod (q-1), qInv*q = 1 mod p (0 < qInv < p); throws lucid::Error naming the first
    // value that does not match.
    static RsaPrivateKey from_components(ByteView n, ByteView e, ByteView d, ByteView p, ByteView q,
                                         ByteView dp, ByteView dq, ByteView qinv);
    static RsaPrivateKey from_components(BigInt n, BigInt e, BigInt d, BigInt p, BigInt q, BigInt dp,
                                         BigInt dq, BigInt qinv);
    // From the two primes and e: d = e^-1 mod lcm(p-1, q-1) (FIPS 186-5 §A.1.1) and the CRT
    // values are computed. Throws if e is not invertible or p = q.
    static RsaPrivateKey from_primes(BigInt p, BigInt q, BigInt e);
    // From (n, e, d) only, as some vector files give it: p and q are recovered with the
    // probabilistic method of NIST SP 800-56B Rev. 2 Appendix C.2 (a square root of 1 mod n
    // other than +-1 gives a factor). Throws if d does not fit n and e.
    static RsaPrivateKey from_exponents(BigInt n, BigInt e, BigInt d, RandomSource& rng);

    const RsaPublicKey& public_key() const { return public_; }
    const BigInt& n() const { return public_.n(); }
    const BigInt& e() const { return public_.e(); }
    const BigInt& d() const { return d_; }
    const BigInt& p() const { return p_; }
    const BigInt& q() const { return q_; }
    const BigInt& dp() const { return dp_; }
    const BigInt& dq() const { return dq_; }
    const BigInt& qinv() const { return qinv_; }
    std::size_t modulus_bits() const { return public_.modulus_bits(); }
    std::size_t size_bytes() const { return public_.size_bytes(); }

    // The blinding pair of this key (see the top of this file). Private operations on one key may
    // run on several threads at once (lucid server --workers): a mutex guards the pair, held only
    // for the two modular squarings (or, once every blinding_uses_per_draw uses, a new draw). A copy
    // or a moved-to key starts with no pair and draws its own: two keys never share an r.
    class Blinding {
    public:
        Blinding() = default;
        Blinding(const Blinding&) {}
        Blinding& operator=(const Blinding&) { return reset(); }
        Blinding(Blinding&&) noexcept {}
        Blinding& operator=(Blinding&&) noexcept { return reset(); }

        struct Pair {
            BigInt a;          // r^e mod n: multiplies the input
            BigInt a_inverse;  // r^-1 mod n: multiplies the result
        };
        // The pair for one operation; the stored one moves on (squared, or drawn afresh).
        Pair next(const RsaPublicKey& key, RandomSource& rng);

    private:
        Blinding& reset() noexcept;
        std::mutex mutex_;
        Pair pair_;
        unsigned uses_left_ = 0;  // 0: draw a new r first
    };
    // OpenSSL's BN_BLINDING_COUNTER: a squared pair is a function of the previous one, so an
    // attacker who ever learnt one pair would know all that follow; a fresh r bounds that.
    static constexpr unsigned blinding_uses_per_draw = 32;
    Blinding& blinding() const { return blinding_; }

private:
    RsaPrivateKey(RsaPublicKey pub, BigInt d, BigInt p, BigInt q, BigInt dp, BigInt dq, BigInt qinv);
    RsaPublicKey public_;
    BigInt d_, p_, q_, dp_, dq_, qinv_;
    mutable Blinding blinding_;
};

// RFC 8017 §5.1.1 RSAEP: c = m^e mod n. Throws "message representative out of range" unless 0 <= m < n.
BigInt rsaep(const RsaPublicKey& key, const BigInt& m);
// RFC 8017 §5.2.2 RSAVP1: m = s^e mod n. Throws "signature representative out of range" unless 0 <= s < n.
BigInt rsavp1(const RsaPublicKey& key, const BigInt& s);

// RFC 8017 §5.1.2 RSADP: m = c^d mod n, by CRT, blinded, checked with e.
// Throws "ciphertext representative out of range" unless 0 <= c < n (c and n are public), and
// throws if the public-key check of the result fails (a computation fault: nothing is returned).
BigInt rsadp(const RsaPrivateKey& key, const BigInt& c, RandomSource& rng);
// RFC 8017 §5.2.1 RSASP1: s = m^d mod n, the same computation with the signature's names.
BigInt rsasp1(const RsaPrivateKey& key, const BigInt& m, RandomSource& rng);

namespace testing {
// The private-key computation of rsadp with one deliberate fault: the CRT half modulo q is
// corrupted (one bit flipped) before recombination, as a glitch or a Rowhammer flip would. The
// Bellcore check must catch it, so this always throws lucid::Error; it exists so that a test can
// show that. Never use it for anything else.
BigInt rsadp_with_injected_fault(const RsaPrivateKey& key, const BigInt& c, RandomSource& rng);
// rsadp with the CRT halves computed by crypto/montgomery.h (MULX/ADX or portable, crypto/cpu.h)
// instead of GMP's mpn_sec_powm, the default (see crypto/rsa.cpp for why): blinding and the
// Bellcore check included. For the tests that compare the two and for `lucid bench`.
BigInt rsadp_with_montgomery_exponentiation(const RsaPrivateKey& key, const BigInt& c, RandomSource& rng);
}  // namespace testing

}  // namespace lucid::crypto
