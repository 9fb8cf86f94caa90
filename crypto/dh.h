// Finite-field Diffie-Hellman for the DHE_RSA key exchange of TLS 1.2 (RFC 5246 §7.4.3, §8.1.2)
// and the named groups of RFC 7919.
//
//   each side: private x, public Y = g^x mod p;   shared: Z = Y_peer^x mod p
//
// Three rules of TLS and of experience are written into this file:
//   - the peer's Y is checked: 1 < Y < p-1 (RFC 7919 §5.1, "Peers MUST validate each other's
//     public key Y"). Y = 1 or p-1 would force Z into {1, p-1}, letting an attacker who controls Y
//     know the premaster; Y = 0 or Y >= p is not a group element at all;
//   - a group chosen by a server is accepted only if p has at least 2048 bits (by default): Logjam
//     (Adrian et al. 2015) showed that 512-bit "export" groups fall in minutes and that a nation-
//     state budget reaches the common 1024-bit ones, because one precomputation per prime breaks
//     every connection using it. The bar can be lowered for lab work, never silently;
//   - the shared secret Z becomes the premaster with its leading zero bytes stripped (RFC 5246
//     §8.1.2). That is what TLS 1.2 requires, and it is also a weakness: the premaster's length
//     then depends on the secret, and the time HMAC takes to absorb it can reveal whether Z
//     started with a zero byte (the Raccoon attack, Merget et al. 2020). TLS 1.3 keeps the zeros.
#pragma once

#include <cstddef>

#include "crypto/bignum.h"
#include "crypto/bytes.h"
#include "crypto/dh_groups.h"
#include "crypto/random.h"
#include "crypto/secret.h"

namespace lucid::crypto {

// The default minimum size of a server-chosen group (Logjam).
inline constexpr std::size_t dh_minimum_server_group_bits = 2048;

// RFC 5246 §7.4.3 ServerDHParams { dh_p, dh_g, dh_Ys }: the (p, g) a server sent. Throws
// lucid::Error naming the problem if p has fewer than minimum_bits bits (pass a smaller value only
// for labs), if p is even, or unless 1 < g < p-1. p is not tested for primality (too slow for
// every handshake, and a server that wants to weaken its own connection can do so anyway).
// The group gets exponent_bits = 0: private exponents are drawn from the full range.
DhGroup accept_server_dh_group(ByteView p, ByteView g, std::size_t minimum_bits = dh_minimum_server_group_bits);

// RFC 7919 §5.1: throws lucid::Error unless 1 < y < p-1.
void check_dh_public_value(const DhGroup& group, const BigInt& y);

// One side's key pair. x is secret (GMP memory is wiped on free); Y is public.
class DhPrivateKey {
public:
    // x must be in [1, p-2]; Y = g^x mod p is computed. Throws otherwise, or if p is even.
    DhPrivateKey(DhGroup group, BigInt x);

    const DhGroup& group() const { return group_; }
    const BigInt& public_value() const { return y_; }
    // dh_Ys / dh_Yc as TLS sends them: big-endian, no leading zero bytes (RFC 5246 §7.4.3, §7.4.7.2).
    Bytes public_value_bytes() const { return to_bytes_minimal(y_); }
    // The private exponent, for --show-secrets only.
    const BigInt& private_exponent() const { return x_; }

private:
    DhGroup group_;
    BigInt x_;
    BigInt y_;
};

// A fresh private exponent: group.exponent_bits random bits (at least 2), or uniform in [2, p-2]
// when exponent_bits is 0.
DhPrivateKey generate_dh_key(const DhGroup& group, RandomSource& rng);

// RFC 5246 §8.1.2: Z = peer_Y^x mod p after checking peer_Y, returned "with leading bytes of Z
// that contain all zero bits ... stripped". Throws lucid::Error if peer_Y fails the check, or if
// Z = 1 (NIST SP 800-56A Rev. 3 §5.7.1.1: abort on Z = 1).
SecretBytes dh_shared_secret(const DhPrivateKey& key, ByteView peer_public_value);
SecretBytes dh_shared_secret(const DhPrivateKey& key, const BigInt& peer_public_value);

}  // namespace lucid::crypto
