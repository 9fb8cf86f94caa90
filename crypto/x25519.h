// X25519, RFC 7748 §5: Diffie-Hellman on Curve25519, on u-coordinates only.
//
//   public key     = X25519(private, 9)              (9 is the u-coordinate of the base point)
//   shared secret  = X25519(my private, peer's public)
//
// Private keys are 32 random bytes; X25519 "clamps" them itself (decodeScalar25519). The shared
// secret is refused when it is all zeros (RFC 7748 §6.1, RFC 8422 §5.11): the peer sent a point
// of small order, and the result would not depend on our private key.
#pragma once

#include <array>
#include <cstdint>

#include "crypto/bytes.h"
#include "crypto/secret.h"

namespace lucid::crypto {

constexpr std::size_t x25519_key_size = 32;
using X25519Bytes = std::array<std::uint8_t, x25519_key_size>;

// RFC 7748 §5 decodeScalar25519: clear the 3 low bits (a multiple of the cofactor 8), clear bit
// 255 and set bit 254 (every scalar has the same length, so the ladder runs the same steps).
X25519Bytes x25519_clamp(ByteView scalar32);

// RFC 7748 §5 the function X25519(k, u): 32 bytes each (throws lucid::Error otherwise). The raw
// function, which may return all zeros; TLS uses x25519_shared_secret below.
X25519Bytes x25519(ByteView scalar32, ByteView u32);

// RFC 7748 §6.1: X25519(private, 9).
X25519Bytes x25519_public_key(const SecretBytes& private_key);

// RFC 7748 §6.1: X25519(private, peer_public). Throws lucid::Error with a sentence when the
// result is all zeros (checked in constant time over the whole value).
SecretBytes x25519_shared_secret(const SecretBytes& private_key, ByteView peer_public);

}  // namespace lucid::crypto
