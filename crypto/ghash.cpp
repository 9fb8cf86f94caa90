// GHASH (SP 800-38D §6.4) and the multiplication in GF(2^128) under it (§6.3), portable and in
// constant time; and the choice between this code and PCLMULQDQ (ghash_pclmul.cpp).
//
// Why no tables. Fast software GHASH (Shoup's 4-bit or 8-bit tables, as in the GCM paper) looks
// up multiples of H at addresses taken from the data being hashed: which cache lines are touched
// depends on secret values (the hash subkey H = E_K(0) is secret, and Y_i is derived from it), the
// same leak as T-table AES. Algorithm 1 of §6.3 reads no table: for each of the 128 bits of X it
// conditionally adds V into Z and multiplies V by x. The conditions are turned into masks
// (ct::mask64_from_bit) so that every bit costs the same: an AND and an XOR, whatever its value.
//
// What it costs: 128 rounds of a few 64-bit operations per block, against one PCLMULQDQ and a
// short reduction. BearSSL's ghash_ctmul64 shows a constant-time middle way (integer
// multiplications with the carries kept apart by holes between bits); this file keeps the
// algorithm of the standard so that it can be read next to it. `lucid bench` gives the figures.
#include "crypto/ghash.h"

#include <atomic>
#include <cstdlib>
#include <string_view>

#include "crypto/cpu.h"
#include "crypto/ct.h"
#include "crypto/error.h"
#include "crypto/ghash_pclmul.h"
#include "crypto/words.h"

namespace lucid::crypto {

namespace {

bool environment_forces_portable() {
    for (const char* name : {"LUCID_AES", "LUCID_CPU"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && std::string_view(value) == "portable") return true;
    }
    return false;
}

std::atomic<bool>& portable_forced() {
    static std::atomic<bool> forced{environment_forces_portable()};  // read once
    return forced;
}

// LUCID_CPU=portable and cpu_force_portable() (crypto/cpu.h) turn every hardware path off, this one
// included; LUCID_AES=portable and ghash_force_portable() turn off the AES-GCM pair only.
bool use_pclmul() {
    return ghash_pclmul::cpu_supports() && cpu_use(CpuFeature::pclmulqdq) &&
           !portable_forced().load(std::memory_order_relaxed);
}

// SP 800-38D §6.3: R = 11100001 || 0^120, the reduction polynomial x^128 + x^7 + x^2 + x + 1 in the
// bit order of GCM (x^0 first): multiplying by x shifts right, and a bit falling off the right
// end (x^128) comes back as x^7 + x^2 + x + 1, the top byte 1110 0001.
constexpr std::uint64_t r_hi = 0xe100000000000000;

}  // namespace

GhashBlock ghash_block_from_bytes(ByteView bytes16) {
    if (bytes16.size() != 16) throw Error("GHASH: a block is 16 bytes, got " + std::to_string(bytes16.size()));
    return {load_be64(bytes16, 0), load_be64(bytes16, 1)};
}

std::array<std::uint8_t, 16> ghash_block_to_bytes(GhashBlock block) {
    std::array<std::uint8_t, 16> out{};
    store_be64(out, 0, block.hi);
    store_be64(out, 1, block.lo);
    return out;
}

// SP 800-38D §6.3 Algorithm 1. x_i is bit i of X counted from the left (the coefficient of x^i);
// both X and Y are secret (Y holds H), so the "if" of the algorithm is a mask.
GhashBlock gf128_multiply_portable(GhashBlock x, GhashBlock y) {
    GhashBlock z;      // Z_0 = 0^128
    GhashBlock v = y;  // V_0 = Y
    for (int i = 0; i < 128; ++i) {
        // x_i: bit 63 - i of hi for i < 64, then bit 127 - i of lo.
        const std::uint64_t x_i = i < 64 ? (x.hi >> (63 - i)) & 1 : (x.lo >> (127 - i)) & 1;
        const ct::Mask64 add_v = ct::mask64_from_bit(x_i);
        z.hi ^= v.hi & add_v;  // Z_(i+1) = Z_i xor V_i if x_i = 1
        z.lo ^= v.lo & add_v;
        const ct::Mask64 reduce = ct::mask64_from_bit(v.lo & 1);  // LSB_1(V_i)
        v.lo = (v.lo >> 1) | (v.hi << 63);                         // V_i >> 1
        v.hi = (v.hi >> 1) ^ (r_hi & reduce);                      // xor R if the bit fell off
    }
    return z;
}

Ghash::Ghash(ByteView h16) : h_(ghash_block_from_bytes(h16)), pclmul_(use_pclmul()) {}

Ghash::~Ghash() {
    ct::wipe(&h_, sizeof(h_));
    ct::wipe(&y_, sizeof(y_));
}

// SP 800-38D §6.4 steps 1-3, Y_i = (Y_(i-1) xor X_i) · H.
void Ghash::absorb_blocks(ByteView whole_blocks) {
    if (pclmul_) {
        ghash_pclmul::absorb_blocks(y_, h_, whole_blocks);
        return;
    }
    for (std::size_t offset = 0; offset < whole_blocks.size(); offset += 16) {
        const GhashBlock x = ghash_block_from_bytes(whole_blocks.subspan(offset, 16));
        y_ = gf128_multiply_portable({y_.hi ^ x.hi, y_.lo ^ x.lo}, h_);
    }
}

// SP 800-38D §7.1 step 5: A || 0^v and C || 0^u, each padded to whole blocks on its own.
void Ghash::absorb_padded(ByteView data) {
    const std::size_t whole = data.size() - data.size() % 16;
    absorb_blocks(data.first(whole));
    if (whole == data.size()) return;
    std::array<std::uint8_t, 16> last{};
    std::copy(data.begin() + static_cast<std::ptrdiff_t>(whole), data.end(), last.begin());
    absorb_blocks(last);
    ct::wipe(last.data(), last.size());
}

// SP 800-38D §7.1 step 5: the last block [len(A)]_64 || [len(C)]_64, lengths in bits.
void Ghash::absorb_lengths(std::uint64_t aad_bytes, std::uint64_t text_bytes) {
    std::array<std::uint8_t, 16> lengths{};
    store_be64(lengths, 0, aad_bytes * 8);
    store_be64(lengths, 1, text_bytes * 8);
    absorb_blocks(lengths);
}

GhashImplementation ghash_implementation() {
    return use_pclmul() ? GhashImplementation::pclmulqdq : GhashImplementation::portable;
}

// As aes_ni_available(): false when LUCID_CPU=portable or cpu_force_portable() turned hardware paths off.
bool ghash_pclmul_available() { return ghash_pclmul::cpu_supports() && cpu_use(CpuFeature::pclmulqdq); }

bool ghash_force_portable(bool force) { return portable_forced().exchange(force); }

}  // namespace lucid::crypto
