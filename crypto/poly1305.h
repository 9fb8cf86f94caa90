// Poly1305, RFC 8439 §2.5: a one-time authenticator. A 32-byte one-time key (r, s) gives a
// 16-byte tag: the message, cut into 16-byte blocks, is the coefficients of a polynomial
// evaluated at r modulo the prime 2^130 - 5, plus s. A key must never authenticate two messages;
// the AEAD (chacha20_poly1305.h) derives a fresh one per nonce.
#pragma once

#include <array>
#include <cstdint>

#include "crypto/bytes.h"

namespace lucid::crypto {

constexpr std::size_t poly1305_key_size = 32;
constexpr std::size_t poly1305_tag_size = 16;

// RFC 8439 §2.5.1 poly1305_mac(msg, key). Throws lucid::Error unless the key is 32 bytes.
std::array<std::uint8_t, poly1305_tag_size> poly1305(ByteView key, ByteView message);

}  // namespace lucid::crypto
