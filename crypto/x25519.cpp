// X25519, RFC 7748 §5: the Montgomery ladder on Curve25519 (v^2 = u^3 + 486662 u^2 + u mod p).
//
// Why a ladder. A point is kept as a fraction u = X/Z (no division until the end) and the ladder
// holds two points whose difference is always the input point u: (x_2 : z_2) = k'·P and
// (x_3 : z_3) = (k' + 1)·P for the bits k' of k read so far. Each step doubles one and adds the
// two (the difference is known, which is what makes u-only addition possible), and the bit of k
// says which of the two is doubled. Instead of branching on that secret bit, the code swaps the
// two points in or out with a constant-time conditional swap (ct::conditional_swap), so every
// step does the same arithmetic whatever the bit. The scalar is clamped so that bit 254 is always
// the top bit: the ladder always runs 255 steps.
#include "crypto/x25519.h"

#include "crypto/ct.h"
#include "crypto/error.h"
#include "crypto/field25519.h"

namespace lucid::crypto {

namespace {

// RFC 7748 §5: a24 = (486662 - 2) / 4 = 121665 for curve25519.
constexpr std::uint32_t a24 = 121665;

void check_size(ByteView value, const char* what) {
    if (value.size() != x25519_key_size) {
        throw Error(std::string("X25519: the ") + what + " must be 32 bytes, got " + std::to_string(value.size()));
    }
}

// RFC 7748 §5 cswap, on a pair of field elements: the swap mask is secret (a bit of the scalar).
void cswap(ct::Mask64 swap, Fe25519& a, Fe25519& b) { ct::conditional_swap(swap, a.limb, b.limb); }

struct LadderPoints {
    Fe25519 x2, z2, x3, z3;
};

// One step of the RFC 7748 §5 ladder: (x_2 : z_2) is doubled, (x_3 : z_3) becomes their sum.
void ladder_step(const Fe25519& x1, LadderPoints& p) {
    const Fe25519 a = fe25519_add(p.x2, p.z2);
    const Fe25519 aa = fe25519_square(a);
    const Fe25519 b = fe25519_sub(p.x2, p.z2);
    const Fe25519 bb = fe25519_square(b);
    const Fe25519 e = fe25519_sub(aa, bb);
    const Fe25519 c = fe25519_add(p.x3, p.z3);
    const Fe25519 d = fe25519_sub(p.x3, p.z3);
    const Fe25519 da = fe25519_mul(d, a);
    const Fe25519 cb = fe25519_mul(c, b);
    p.x3 = fe25519_square(fe25519_add(da, cb));
    p.z3 = fe25519_mul(x1, fe25519_square(fe25519_sub(da, cb)));
    p.x2 = fe25519_mul(aa, bb);
    p.z2 = fe25519_mul(e, fe25519_add(aa, fe25519_mul_small(e, a24)));
}

// Bit t of the clamped scalar, little-endian (bit 0 is the low bit of byte 0). Secret.
std::uint64_t scalar_bit(const X25519Bytes& k, int t) {
    return (k[static_cast<std::size_t>(t / 8)] >> (t % 8)) & 1u;
}

}  // namespace

// RFC 7748 §5 decodeScalar25519.
X25519Bytes x25519_clamp(ByteView scalar32) {
    check_size(scalar32, "scalar");
    X25519Bytes k{};
    std::copy(scalar32.begin(), scalar32.end(), k.begin());
    k[0] &= 248;
    k[31] &= 127;
    k[31] |= 64;
    return k;
}

// RFC 7748 §5: the ladder, from the pseudocode of the RFC line by line.
X25519Bytes x25519(ByteView scalar32, ByteView u32) {
    check_size(u32, "u-coordinate");
    X25519Bytes k = x25519_clamp(scalar32);
    const Fe25519 x1 = fe25519_from_bytes(u32);
    LadderPoints p{fe25519_one(), fe25519_zero(), x1, fe25519_one()};
    std::uint64_t swap = 0;
    for (int t = 254; t >= 0; --t) {
        const std::uint64_t k_t = scalar_bit(k, t);
        swap ^= k_t;
        cswap(ct::mask64_from_bit(swap), p.x2, p.x3);
        cswap(ct::mask64_from_bit(swap), p.z2, p.z3);
        swap = k_t;
        ladder_step(x1, p);
    }
    cswap(ct::mask64_from_bit(swap), p.x2, p.x3);
    cswap(ct::mask64_from_bit(swap), p.z2, p.z3);
    const X25519Bytes u = fe25519_to_bytes(fe25519_mul(p.x2, fe25519_invert(p.z2)));
    ct::wipe(k.data(), k.size());
    ct::wipe(&p, sizeof(p));
    return u;
}

// RFC 7748 §6.1: "Alice generates 32 random bytes in a[0] to a[31] and transmits K_A =
// X25519(a, 9) to Bob".
X25519Bytes x25519_public_key(const SecretBytes& private_key) {
    X25519Bytes nine{};
    nine[0] = 9;
    return x25519(private_key.view(), nine);
}

// RFC 7748 §6.1: "implementations MAY check whether the computed shared secret is the all-zero
// value and abort if so"; RFC 8422 §5.11 makes the check a MUST for TLS ("the resulting shared
// secret is checked to be not all zeros"). The OR of all bytes is taken over the whole secret
// (ct::is_zero), then one public decision.
SecretBytes x25519_shared_secret(const SecretBytes& private_key, ByteView peer_public) {
    check_size(peer_public, "peer's public value");
    X25519Bytes shared = x25519(private_key.view(), peer_public);
    std::uint32_t any_bit = 0;
    for (std::uint8_t byte : shared) any_bit |= byte;
    const bool all_zero = ct::is_zero(any_bit) != 0;
    SecretBytes out(ByteView(shared.data(), shared.size()));
    ct::wipe(shared.data(), shared.size());
    if (all_zero) {
        throw Error("X25519: the shared secret is all zeros: the peer's public value is a point of small order "
                    "(RFC 7748 §6.1, RFC 8422 §5.11)");
    }
    return out;
}

}  // namespace lucid::crypto
