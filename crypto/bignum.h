// Big integers for RSA and Diffie-Hellman: a thin layer over GMP's mpz_class.
//
// GMP does the arithmetic; this file adds what the RFCs need around it:
//   - I2OSP and OS2IP (RFC 8017 §4), the only way numbers become bytes and back;
//   - uniform random numbers in a range, drawn from an injected RandomSource;
//   - a GMP allocator that zeroes every block it frees or moves, so that private exponents,
//     primes and shared secrets do not linger in freed heap memory. It is installed before any
//     GMP use (a constructor that runs before ordinary static initialisers) and again, to be safe,
//     by install_wiping_allocator(), which every function here calls first.
//
// What GMP does NOT give us: constant time. mpz_powm_sec is the one exception (its running time
// and memory accesses do not depend on the exponent); everything else (mul, mod, invert, cmp)
// takes time that depends on the operands. RSA therefore blinds the input (crypto/rsa.cpp) so that
// the values those functions see are random and unknown to an attacker.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <gmpxx.h>

#include "crypto/bytes.h"
#include "crypto/random.h"
#include "crypto/secret.h"

namespace lucid::crypto {

using BigInt = mpz_class;

// Makes GMP wipe memory it frees or reallocates. Idempotent and cheap after the first call.
void install_wiping_allocator();
// True once the wiping allocator is GMP's allocator (for a test).
bool wiping_allocator_installed();

// RFC 8017 §4.2 OS2IP: big-endian bytes to a non-negative integer. Empty input is 0.
BigInt os2ip(ByteView bytes);

// RFC 8017 §4.1 I2OSP: the integer as exactly `length` big-endian bytes, with leading zeros.
// Throws lucid::Error "integer too large" if x >= 256^length, or if x is negative.
Bytes i2osp(const BigInt& x, std::size_t length);
// The same, written straight into secret memory (private values: decrypted blocks, DH secrets).
SecretBytes i2osp_secret(const BigInt& x, std::size_t length);

// The shortest big-endian encoding (no leading zero bytes; 0 is one byte 00). For printing and
// for DER/TLS fields whose length is not fixed.
Bytes to_bytes_minimal(const BigInt& x);

// Number of bits / bytes of a non-negative integer (0 has 0 bits and 0 bytes).
std::size_t bit_length(const BigInt& x);
std::size_t byte_length(const BigInt& x);

// Lower-case hex without leading zeros ("0" for zero): what the command line prints.
std::string to_hex_text(const BigInt& x);
// Hex digits, any case, any length (an odd count is fine: "10001" is 65537). Throws lucid::Error
// naming the bad character. For vector files and the command line.
BigInt from_hex_text(std::string_view hex);
// Decimal digits, as some vector files write them. Throws lucid::Error on anything else.
BigInt from_decimal_text(std::string_view decimal);

// A uniform random integer with exactly `bits` random bits (0 <= x < 2^bits).
BigInt random_bits(RandomSource& rng, std::size_t bits);
// A uniform random integer in [low, high] (inclusive), by rejection sampling: draw
// bit_length(high - low) bits, retry while the draw is too large. Throws if low > high.
BigInt random_in_range(RandomSource& rng, const BigInt& low, const BigInt& high);

}  // namespace lucid::crypto
