// The circuit S-box of crypto/aes_sbox.cpp against the definition of FIPS 197 §5.1.1 and §5.3.2,
// computed here the slow, obvious way: inverse in GF(2^8) by search, then the affine map.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>

#include "crypto/aes_sbox.h"

using namespace lucid;

namespace {

// FIPS 197 §4.2: multiplication in GF(2^8) modulo m(x) = x^8 + x^4 + x^3 + x + 1, bit by bit.
std::uint8_t gf_multiply(std::uint8_t a, std::uint8_t b) {
    unsigned product = 0;
    unsigned shifted = a;
    for (int bit = 0; bit < 8; ++bit) {
        if ((b >> bit) & 1) product ^= shifted;
        shifted <<= 1;
        if (shifted & 0x100) shifted ^= 0x11b;
    }
    return static_cast<std::uint8_t>(product);
}

// The multiplicative inverse, by trying every byte; {00} maps to {00} (FIPS 197 §5.1.1).
std::uint8_t gf_inverse(std::uint8_t x) {
    for (unsigned y = 1; y < 256; ++y) {
        if (gf_multiply(x, static_cast<std::uint8_t>(y)) == 1) return static_cast<std::uint8_t>(y);
    }
    return 0;
}

std::uint8_t bit(unsigned value, unsigned i) { return static_cast<std::uint8_t>((value >> (i % 8)) & 1); }

// FIPS 197 §5.1.1 equation (5.1): b'_i = b_i + b_(i+4) + b_(i+5) + b_(i+6) + b_(i+7) + c_i, c = 0x63.
std::uint8_t sbox_by_definition(std::uint8_t x) {
    const unsigned b = gf_inverse(x);
    unsigned out = 0;
    for (unsigned i = 0; i < 8; ++i) {
        const unsigned v = bit(b, i) ^ bit(b, i + 4) ^ bit(b, i + 5) ^ bit(b, i + 6) ^ bit(b, i + 7) ^ bit(0x63, i);
        out |= v << i;
    }
    return static_cast<std::uint8_t>(out);
}

// Runs the 16-lane circuit over all 256 byte values, 16 at a time.
template <typename Function>
std::array<std::uint8_t, 256> all_outputs(Function apply) {
    std::array<std::uint8_t, 256> out{};
    for (unsigned base = 0; base < 256; base += 16) {
        std::array<std::uint8_t, 16> lanes{};
        for (unsigned j = 0; j < 16; ++j) lanes[j] = static_cast<std::uint8_t>(base + j);
        apply(std::span<std::uint8_t, 16>(lanes));
        for (unsigned j = 0; j < 16; ++j) out[base + j] = lanes[j];
    }
    return out;
}

}  // namespace

TEST_CASE("FIPS 197 §5.1.1: the circuit S-box equals inverse-then-affine for all 256 bytes") {
    const auto circuit = all_outputs([](std::span<std::uint8_t, 16> b) { crypto::aes_sub_bytes(b); });
    for (unsigned x = 0; x < 256; ++x) {
        INFO("x = " << x);
        CHECK(circuit[x] == sbox_by_definition(static_cast<std::uint8_t>(x)));
    }
}

TEST_CASE("FIPS 197 §5.1.1: the worked example S({53}) = {ed}") {
    std::array<std::uint8_t, 16> lanes{};
    lanes.fill(0x53);
    crypto::aes_sub_bytes(lanes);
    for (std::uint8_t b : lanes) CHECK(b == 0xed);
}

TEST_CASE("FIPS 197 §5.3.2: InvSubBytes undoes SubBytes for all 256 bytes") {
    std::array<std::uint8_t, 256> forward{};
    for (unsigned x = 0; x < 256; ++x) forward[x] = sbox_by_definition(static_cast<std::uint8_t>(x));
    const auto inverse = all_outputs([](std::span<std::uint8_t, 16> b) { crypto::aes_inv_sub_bytes(b); });
    for (unsigned x = 0; x < 256; ++x) {
        INFO("x = " << x);
        CHECK(inverse[forward[x]] == x);
    }
}

TEST_CASE("FIPS 197 §5.1.1: each of the 16 lanes is independent of the others") {
    // Lane j holds x for one lane and 0 elsewhere: only lane j may change to S(x), the others to S(0).
    for (unsigned j = 0; j < 16; ++j) {
        std::array<std::uint8_t, 16> lanes{};
        lanes[j] = 0xa5;
        crypto::aes_sub_bytes(lanes);
        for (unsigned k = 0; k < 16; ++k) {
            CHECK(lanes[k] == sbox_by_definition(k == j ? 0xa5 : 0x00));
        }
    }
}

TEST_CASE("FIPS 197 §5.1.1, §5.3.2: on planes, SubBytes and InvSubBytes apply to all 64 bytes of four blocks") {
    // Four blocks of 64 consecutive byte values fill all four lanes; four rounds cover all 256 values.
    for (unsigned base = 0; base < 256; base += 64) {
        Bytes bytes(64);
        for (unsigned j = 0; j < 64; ++j) bytes[j] = static_cast<std::uint8_t>(base + j);

        crypto::AesPlanes planes = crypto::aes_load_planes(bytes);
        crypto::aes_sub_bytes(planes);
        Bytes substituted(64);
        crypto::aes_store_planes(planes, substituted);

        crypto::aes_inv_sub_bytes(planes);
        Bytes restored(64);
        crypto::aes_store_planes(planes, restored);

        for (unsigned j = 0; j < 64; ++j) {
            INFO("x = " << base + j);
            CHECK(substituted[j] == sbox_by_definition(static_cast<std::uint8_t>(base + j)));
            CHECK(restored[j] == base + j);
        }
    }
}
