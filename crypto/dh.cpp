#include "crypto/dh.h"

#include <string>
#include <utility>

#include "crypto/error.h"

namespace lucid::crypto {

namespace {

// Exponentiation with a SECRET exponent: time and memory accesses do not depend on x.
// GMP requires an odd modulus and a positive exponent.
BigInt powm_secret(const BigInt& base, const BigInt& exponent, const BigInt& modulus) {
    BigInt out;
    mpz_powm_sec(out.get_mpz_t(), base.get_mpz_t(), exponent.get_mpz_t(), modulus.get_mpz_t());
    return out;
}

}  // namespace

// RFC 5246 §7.4.3, with the Logjam rule as policy.
DhGroup accept_server_dh_group(ByteView p, ByteView g, std::size_t minimum_bits) {
    DhGroup group;
    group.name = "server-chosen";
    group.p = os2ip(p);
    group.g = os2ip(g);
    if (group.bits() < minimum_bits) {
        throw Error("DH: the server's prime has " + std::to_string(group.bits()) + " bits, below the minimum of " +
                    std::to_string(minimum_bits) + " (Logjam)");
    }
    if (group.p < 5 || mpz_even_p(group.p.get_mpz_t())) throw Error("DH: the server's p is not an odd prime");
    if (group.g <= 1 || group.g >= group.p - 1) throw Error("DH: the server's generator g must satisfy 1 < g < p-1");
    return group;
}

// RFC 7919 §5.1
void check_dh_public_value(const DhGroup& group, const BigInt& y) {
    if (y <= 1 || y >= group.p - 1) throw Error("DH: peer public value Y must satisfy 1 < Y < p-1");
}

DhPrivateKey::DhPrivateKey(DhGroup group, BigInt x) : group_(std::move(group)), x_(std::move(x)) {
    install_wiping_allocator();
    if (group_.p < 5 || mpz_even_p(group_.p.get_mpz_t())) throw Error("DH: p must be an odd prime");
    if (x_ < 1 || x_ > group_.p - 2) throw Error("DH: private exponent x must satisfy 1 <= x <= p-2");
    y_ = powm_secret(group_.g, x_, group_.p);
}

DhPrivateKey generate_dh_key(const DhGroup& group, RandomSource& rng) {
    if (group.exponent_bits == 0) return DhPrivateKey(group, random_in_range(rng, 2, group.p - 2));
    // A short exponent of exponent_bits bits (RFC 7919 §5.2): at least 2, and below p-2 because
    // exponent_bits is far smaller than the size of p for every named group.
    for (;;) {
        BigInt x = random_bits(rng, group.exponent_bits);
        if (x >= 2 && x <= group.p - 2) return DhPrivateKey(group, std::move(x));
    }
}

// RFC 5246 §8.1.2
SecretBytes dh_shared_secret(const DhPrivateKey& key, const BigInt& peer_public_value) {
    const DhGroup& group = key.group();
    check_dh_public_value(group, peer_public_value);
    const BigInt z = powm_secret(peer_public_value, key.private_exponent(), group.p);
    if (z == 1) throw Error("DH: the shared secret is 1 (the peer's value has small order)");
    // "Leading bytes of Z that contain all zero bits are stripped before it is used as the
    // pre_master_secret." byte_length(z) is that stripped length (see the Raccoon note in dh.h).
    return i2osp_secret(z, byte_length(z));
}

SecretBytes dh_shared_secret(const DhPrivateKey& key, ByteView peer_public_value) {
    return dh_shared_secret(key, os2ip(peer_public_value));
}

}  // namespace lucid::crypto
