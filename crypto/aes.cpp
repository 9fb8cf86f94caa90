// AES, FIPS 197: KeyExpansion (§5.2), Cipher (§5.1) and InvCipher (§5.3), written to be read
// beside the standard, and in constant time; and the choice between this code and AES-NI.
//
// Why there are no tables. The usual fast AES ("T-tables", or a 256-byte S-box array) reads
// memory at addresses computed from state bytes, and in the first round those bytes are
// plaintext XOR key. Which cache lines were touched, and so how long the next access takes, can
// be measured by another process or even across the network: Bernstein recovered a full AES key
// from a remote server's timings ("Cache-timing attacks on AES", 2005), and Osvik, Shamir and
// Tromer did it from a process sharing the CPU ("Cache attacks and countermeasures: the case of
// AES", 2006). So this file indexes memory only with public values (round numbers, byte
// positions), and never branches on a secret.
//
// The state, bit-sliced. FIPS 197 §3.4 arranges the 16 input bytes in a 4x4 array, column by
// column: s[r,c] = in[r + 4c]. This file does not keep those 16 bytes; it keeps the state of up
// to four blocks as eight 64-bit bit planes (aes_planes.h): plane i holds bit i of every byte,
// at bit 16r + 4c + b for byte s[r,c] of block b. So row r is the 16-bit group 16r..16r+15 of a
// plane, column c of that row is 4 bits in it, one per block. The conversion happens once on the
// way in and once on the way out; every step of every round works on the planes directly, on all
// bytes of all four blocks at once:
//
//   SubBytes     a Boolean circuit of 128 gates on the planes (aes_sbox.cpp);
//   ShiftRows    within row r's 16 bits, the columns move r places: a shift and a mask or two
//                per row and plane;
//   MixColumns   "the byte one row down the column" is the whole plane rotated by 16 bits (one
//                instruction), and multiplying by {02} (xtime) is a renaming of planes plus 3 XORs
//                with the top plane, with no condition at all (see xtime below);
//   AddRoundKey  8 XORs with the round key, kept as planes since the constructor.
//
// None of them looks at the value of a byte. Single blocks (encrypt_block, and CBC encryption,
// whose blocks form a chain) fill one block of the four; CBC decryption has independent blocks
// and fills all four (decrypt_blocks), which makes it about twice as fast.
//
// What it costs, measured with `lucid bench` (AES-128-CBC, 16 KiB buffers, CPU time, -O2) on the
// shared and busy AMD EPYC machine this was written on; figures move by 10-20% between runs:
//                                                      encrypt      decrypt
//   first version: byte state, S-box converting to         8.6          5.8 MB/s
//     planes and back bit by bit in every round
//   the same with the transpose of aes_planes.cpp         ~13           ~7 MB/s
//   this file: the state bit-sliced across all rounds,    28.9         67.1 MB/s
//     CBC decryption four blocks at a time
//   AES-NI (aes_ni.cpp)                                  1250         4969 MB/s
//   OpenSSL 3.0 with AES-NI                              1402        10867 MB/s
//   OpenSSL 3.0 without AES-NI (its SSSE3 code)           297          611 MB/s
// (The bench of those figures read the clock after every 16 KiB call, a system call longer than
// an AES-NI decryption: measured in batches, AES-NI decrypts at 17-22 GB/s, OpenSSL at 10. Loading
// the planes with 8-byte loads then cut this file's instructions per byte by 6 % in encryption
// and 16 % in decryption; docs/performance.md, "Where the time goes: the primitives".)
// Encryption stays slower than decryption here because CBC encryption is a chain: each block
// must wait for the previous one, so only one of the four block places in the planes is used.
// A T-table AES would still be faster than this file, and not constant time; AES-NI is both fast
// and constant time, and is used whenever the CPU has it (see aes_ni.cpp).
#include "crypto/aes.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>

#include "crypto/aes_ni.h"
#include "crypto/aes_sbox.h"
#include "crypto/cpu.h"
#include "crypto/ct.h"
#include "crypto/error.h"

namespace lucid::crypto {

namespace {

// ---- Choosing the implementation --------------------------------------------------------------

bool environment_forces_portable() {
    const char* value = std::getenv("LUCID_AES");
    return value != nullptr && std::string_view(value) == "portable";
}

std::atomic<bool>& portable_forced() {
    static std::atomic<bool> forced{environment_forces_portable()};  // read once
    return forced;
}

// LUCID_AES=portable forces this file's portable path only; LUCID_CPU=portable (crypto/cpu.h) forces
// every hardware path, AES-NI included.
bool use_aes_ni() {
    return cpu_use(CpuFeature::aes_ni) && aes_ni::cpu_supports() && !portable_forced().load(std::memory_order_relaxed);
}

// ---- Bit-sliced steps (the layout is in aes_planes.h) ------------------------------------------

using RoundKeyPlanes = std::span<const AesPlanes>;

// Row r of the four blocks: bits 16r .. 16r + 15 of a plane.
constexpr AesPlane row(unsigned r) { return AesPlane{0xffff} << (16 * r); }

// Within row r (x holds only that row), column c receives column (c + n) mod 4: the 16-bit group
// rotates by 4n bits, the 4 bits of a column (one per block) moving together.
constexpr AesPlane take_from_column_right(AesPlane x, unsigned r, unsigned n) {
    const AesPlane stays = (row(r) >> (4 * n)) & row(r);  // columns 0 .. 3 - n of row r
    return ((x >> (4 * n)) & stays) | ((x << (16 - 4 * n)) & row(r) & ~stays);
}

// FIPS 197 §5.1.2 ShiftRows: s'[r,c] = s[r, (c + r) mod 4], row r takes from r columns further right.
void shift_rows(AesPlanes& q) {
    for (AesPlane& x : q) {
        x = (x & row(0)) | take_from_column_right(x & row(1), 1, 1) | take_from_column_right(x & row(2), 2, 2) |
            take_from_column_right(x & row(3), 3, 3);
    }
}

// FIPS 197 §5.3.1 InvShiftRows: s'[r, (c + r) mod 4] = s[r,c], so row r takes from 4 - r columns further right.
void inv_shift_rows(AesPlanes& q) {
    for (AesPlane& x : q) {
        x = (x & row(0)) | take_from_column_right(x & row(1), 1, 3) | take_from_column_right(x & row(2), 2, 2) |
            take_from_column_right(x & row(3), 3, 1);
    }
}

// In every column of every block, the byte k rows further down (mod 4): the rows are the 16-bit
// groups of the plane, so this is a rotation of the whole plane by 16k bits.
AesPlane down(AesPlane x, unsigned k) { return std::rotr(x, static_cast<int>(16 * k)); }

// FIPS 197 §4.2.1 xtime, multiplication by {02} modulo x^8 + x^4 + x^3 + x + 1, on planes: bit i
// of the product is bit i - 1 of the byte, and the bits of 0x1b (0, 1, 3, 4) are XORed with the
// top bit. On planes that top bit is simply plane 7: no branch and no mask is needed.
AesPlanes xtime(const AesPlanes& a) {
    return {a[7], a[0] ^ a[7], a[1], a[2] ^ a[7], a[3] ^ a[7], a[4], a[5], a[6]};
}

// FIPS 197 §5.1.3 MixColumns: s'_r = {02}s_r + {03}s_(r+1) + s_(r+2) + s_(r+3) in each column
// (rows mod 4). With t_r = s_r + s_(r+1) this is {02}t_r + s_(r+1) + t_(r+2).
void mix_columns(AesPlanes& q) {
    AesPlanes s_down1, t;
    for (unsigned i = 0; i < 8; ++i) {
        s_down1[i] = down(q[i], 1);
        t[i] = q[i] ^ s_down1[i];
    }
    const AesPlanes t_times2 = xtime(t);
    for (unsigned i = 0; i < 8; ++i) q[i] = t_times2[i] ^ s_down1[i] ^ down(t[i], 2);
}

// FIPS 197 §5.3.3 InvMixColumns multiplies each column by a^-1(x) = {0b}x^3 + {0d}x^2 + {09}x + {0e}.
// Multiplying out shows a^-1(x) = a(x) * ({04}x^2 + {05}) mod x^4 + 1, with a(x) the MixColumns
// polynomial. So InvMixColumns is MixColumns after s'_r = {05}s_r + {04}s_(r+2)
// = s_r + {04}(s_r + s_(r+2)): two xtimes more than MixColumns.
void inv_mix_columns(AesPlanes& q) {
    AesPlanes u;
    for (unsigned i = 0; i < 8; ++i) u[i] = q[i] ^ down(q[i], 2);
    const AesPlanes u_times4 = xtime(xtime(u));
    for (unsigned i = 0; i < 8; ++i) q[i] ^= u_times4[i];
    mix_columns(q);
}

// FIPS 197 §5.1.4 AddRoundKey (its own inverse, §5.3.4).
void add_round_key(AesPlanes& q, const AesPlanes& key) {
    for (unsigned i = 0; i < 8; ++i) q[i] ^= key[i];
}

// FIPS 197 §5.1 Cipher, on 1 to 4 blocks at once.
void cipher(RoundKeyPlanes w, int rounds, ByteView in, MutableByteView out) {
    AesPlanes s = aes_load_planes(in);
    add_round_key(s, w[0]);
    for (int round = 1; round < rounds; ++round) {
        aes_sub_bytes(s);
        shift_rows(s);
        mix_columns(s);
        add_round_key(s, w[static_cast<std::size_t>(round)]);
    }
    aes_sub_bytes(s);  // the last round has no MixColumns
    shift_rows(s);
    add_round_key(s, w[static_cast<std::size_t>(rounds)]);
    aes_store_planes(s, out);
    ct::wipe(s.data(), sizeof(s));
}

// FIPS 197 §5.3 InvCipher, on 1 to 4 blocks at once: the steps of Cipher undone in reverse order,
// round keys from last to first.
void inv_cipher(RoundKeyPlanes w, int rounds, ByteView in, MutableByteView out) {
    AesPlanes s = aes_load_planes(in);
    add_round_key(s, w[static_cast<std::size_t>(rounds)]);
    for (int round = rounds - 1; round >= 1; --round) {
        inv_shift_rows(s);
        aes_inv_sub_bytes(s);
        add_round_key(s, w[static_cast<std::size_t>(round)]);
        inv_mix_columns(s);
    }
    inv_shift_rows(s);
    aes_inv_sub_bytes(s);
    add_round_key(s, w[0]);
    aes_store_planes(s, out);
    ct::wipe(s.data(), sizeof(s));
}

// ---- Key schedule helpers -----------------------------------------------------------------------

std::uint8_t byte_of(std::uint32_t word, unsigned i) {  // i = 0 is the first (leftmost) byte
    return static_cast<std::uint8_t>(word >> (24 - 8 * i));
}

// FIPS 197 §5.2: SubWord applies the S-box to each byte of a word. The key bytes are secret, so
// it uses the same circuit as SubBytes (4 of its 16 byte positions).
std::uint32_t sub_word(std::uint32_t word) {
    std::array<std::uint8_t, 16> bytes{};
    for (unsigned i = 0; i < 4; ++i) bytes[i] = byte_of(word, i);
    aes_sub_bytes(bytes);
    std::uint32_t out = 0;
    for (unsigned i = 0; i < 4; ++i) out = (out << 8) | bytes[i];
    ct::wipe(bytes.data(), bytes.size());
    return out;
}

// FIPS 197 §5.2: RotWord, [a0,a1,a2,a3] -> [a1,a2,a3,a0].
std::uint32_t rot_word(std::uint32_t word) { return (word << 8) | (word >> 24); }

}  // namespace

// FIPS 197 §5.2 KeyExpansion: Nk key words become Nb * (Nr + 1) = 4 * (Nr + 1) round-key words.
Aes::Aes(ByteView key) {
    if (key.size() != 16 && key.size() != 24 && key.size() != 32) {
        throw Error("AES: key must be 16, 24 or 32 bytes, got " + std::to_string(key.size()));
    }
    key_size_ = key.size();
    const unsigned nk = static_cast<unsigned>(key.size() / 4);  // 4, 6 or 8 words
    rounds_ = static_cast<int>(nk) + 6;                         // Nr = 10, 12 or 14 (§5, Figure 4)
    const unsigned total_words = 4 * (static_cast<unsigned>(rounds_) + 1);

    std::array<std::uint32_t, 60> w{};
    for (unsigned i = 0; i < nk; ++i) {
        w[i] = (std::uint32_t{key[4 * i]} << 24) | (std::uint32_t{key[4 * i + 1]} << 16) |
               (std::uint32_t{key[4 * i + 2]} << 8) | std::uint32_t{key[4 * i + 3]};
    }
    // Rcon[i/Nk] = [x^(i/Nk - 1), 00, 00, 00]: the powers of x, public constants.
    std::uint8_t rcon = 0x01;
    for (unsigned i = nk; i < total_words; ++i) {
        std::uint32_t temp = w[i - 1];
        if (i % nk == 0) {
            temp = sub_word(rot_word(temp)) ^ (std::uint32_t{rcon} << 24);
            rcon = static_cast<std::uint8_t>((rcon << 1) ^ ((rcon >> 7) * 0x1b));  // xtime, on a public value
        } else if (nk > 6 && i % nk == 4) {
            temp = sub_word(temp);  // AES-256 only
        }
        w[i] = w[i - nk] ^ temp;
    }

    // The same words, stored three ways for the two implementations.
    for (unsigned i = 0; i < total_words; ++i) {
        for (unsigned b = 0; b < 4; ++b) round_keys_[4 * i + b] = byte_of(w[i], b);
    }
    ct::wipe(w.data(), sizeof(w));
    const ByteView all_keys = round_key_bytes();
    for (int round = 0; round <= rounds_; ++round) {
        const std::size_t r = static_cast<std::size_t>(round);
        const ByteView key_bytes = all_keys.subspan(16 * r, 16);
        AesPlanes planes = aes_load_planes(key_bytes);  // as block 0: bit 16*row + 4*column of a plane
        // Times 0xf: each of those bits is copied to the 3 bits above it, the places of blocks 1 to 3.
        for (unsigned i = 0; i < 8; ++i) round_key_planes_[r][i] = planes[i] * 0xf;

        // FIPS 197 §5.3.5: dw is w with InvMixColumns applied to every round key but the first and last.
        if (round != 0 && round != rounds_) inv_mix_columns(planes);
        aes_store_planes(planes, MutableByteView(inverse_round_keys_).subspan(16 * r, 16));
        ct::wipe(planes.data(), sizeof(planes));
    }
}

Aes::~Aes() {
    ct::wipe(round_keys_.data(), sizeof(round_keys_));
    ct::wipe(inverse_round_keys_.data(), sizeof(inverse_round_keys_));
    ct::wipe(round_key_planes_.data(), sizeof(round_key_planes_));
}

ByteView Aes::round_key_bytes() const {
    return ByteView(round_keys_).first(16 * (static_cast<std::size_t>(rounds_) + 1));
}

ByteView Aes::inverse_round_key_bytes() const {
    return ByteView(inverse_round_keys_).first(16 * (static_cast<std::size_t>(rounds_) + 1));
}

// FIPS 197 §5.1 Cipher.
void Aes::encrypt_block(const std::uint8_t in[block_size], std::uint8_t out[block_size]) const {
    const ByteView input(in, block_size);
    const MutableByteView output(out, block_size);
    if (use_aes_ni()) {  // the fast path, crypto/aes_ni.cpp
        aes_ni::encrypt_blocks(round_key_bytes(), input, output);
        return;
    }
    cipher(round_key_planes_, rounds_, input, output);
}

// FIPS 197 §5.3 InvCipher.
void Aes::decrypt_block(const std::uint8_t in[block_size], std::uint8_t out[block_size]) const {
    decrypt_blocks(ByteView(in, block_size), MutableByteView(out, block_size));
}

namespace {

void check_whole_blocks(const char* what, ByteView in, MutableByteView out) {
    if (in.size() != out.size() || in.size() % Aes::block_size != 0) {
        throw Error(std::string("AES: ") + what + " needs equal whole numbers of 16-byte blocks, got " +
                    std::to_string(in.size()) + " and " + std::to_string(out.size()) + " bytes");
    }
}

}  // namespace

void Aes::encrypt_blocks(ByteView in, MutableByteView out) const {
    check_whole_blocks("encrypt_blocks", in, out);
    if (use_aes_ni()) {  // the fast path, crypto/aes_ni.cpp
        aes_ni::encrypt_blocks(round_key_bytes(), in, out);
        return;
    }
    // Up to four blocks at a time: as many as the planes hold.
    const std::size_t group = aes_planes_max_blocks * block_size;
    for (std::size_t offset = 0; offset < in.size(); offset += group) {
        const std::size_t n = std::min(group, in.size() - offset);
        cipher(round_key_planes_, rounds_, in.subspan(offset, n), out.subspan(offset, n));
    }
}

void Aes::decrypt_blocks(ByteView in, MutableByteView out) const {
    check_whole_blocks("decrypt_blocks", in, out);
    if (use_aes_ni()) {  // the fast path, crypto/aes_ni.cpp
        aes_ni::decrypt_blocks(inverse_round_key_bytes(), in, out);
        return;
    }
    // Up to four blocks at a time: as many as the planes hold.
    const std::size_t group = aes_planes_max_blocks * block_size;
    for (std::size_t offset = 0; offset < in.size(); offset += group) {
        const std::size_t n = std::min(group, in.size() - offset);
        inv_cipher(round_key_planes_, rounds_, in.subspan(offset, n), out.subspan(offset, n));
    }
}

bool Aes::cbc_encrypt_accelerated(ByteView iv, ByteView in, MutableByteView out) const {
    if (!use_aes_ni()) return false;
    aes_ni::cbc_encrypt(round_key_bytes(), iv, in, out);
    return true;
}

bool Aes::cbc_decrypt_accelerated(ByteView iv, ByteView in, MutableByteView out) const {
    if (!use_aes_ni()) return false;
    aes_ni::cbc_decrypt(inverse_round_key_bytes(), iv, in, out);
    return true;
}

AesImplementation aes_implementation() {
    return use_aes_ni() ? AesImplementation::aes_ni : AesImplementation::portable_bitsliced;
}

bool aes_ni_available() { return cpu_use(CpuFeature::aes_ni) && aes_ni::cpu_supports(); }

bool aes_force_portable(bool force) { return portable_forced().exchange(force); }

}  // namespace lucid::crypto
