// AES, FIPS 197: KeyExpansion (§5.2), Cipher (§5.1) and InvCipher (§5.3), written to be read
// beside the standard, and in constant time.
//
// Why there are no tables. The usual fast AES ("T-tables", or a 256-byte S-box array) reads
// memory at addresses computed from state bytes, and in the first round those bytes are
// plaintext XOR key. Which cache lines were touched, and so how long the next access takes, can
// be measured by another process or even across the network: Bernstein recovered a full AES key
// from a remote server's timings ("Cache-timing attacks on AES", 2005), and Osvik, Shamir and
// Tromer did it from a process sharing the CPU ("Cache attacks and countermeasures: the case of
// AES", 2006). So this file indexes memory only with public values (round numbers, byte
// positions): SubBytes is a Boolean circuit on bit planes (aes_sbox.cpp) and the multiplications
// of MixColumns use masks instead of a branch on the top bit.
//
// What it costs: speed. Measured on the (shared, busy) AMD EPYC machine this was written on, with
// the project's -O2 build: this file runs AES-128-CBC at roughly 5-8 MB/s encrypting and 3-5 MB/s
// decrypting (AES-256: about 4 MB/s). The same code with SubBytes read from a 256-byte table runs
// at about 30 MB/s, so the circuit and the bit-slicing around it make AES about 4-6 times slower
// here; OpenSSL, whose assembly is constant time too, does about 285 MB/s with SSSE3 vector
// permutes and 1.4 GB/s with the AES-NI instructions. For a teaching TLS stack that is enough;
// faster paths (AES-NI, or a fully bit-sliced AES that keeps the state in planes across rounds,
// or a bit-matrix transpose instead of the bit-by-bit loops of aes_sbox.cpp) can come later behind
// the same interface, checked against the same vectors.
//
// The state. FIPS 197 §3.4 arranges the 16 input bytes in a 4x4 array, column by column:
// s[r,c] = in[r + 4c]. We keep the state as those 16 bytes in that order, so column c is
// bytes 4c..4c+3 and the round-key word w[4*round + c] is XORed into column c.
#include "crypto/aes.h"

#include <span>
#include <string>

#include "crypto/aes_sbox.h"
#include "crypto/ct.h"
#include "crypto/error.h"

namespace lucid::crypto {

namespace {

using State = std::array<std::uint8_t, 16>;  // s[r,c] = state[r + 4c]

// FIPS 197 §4.2.1: multiplication by x (that is, {02}) in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1.
// The byte is secret: the reduction by 0x1b is selected with a mask, not with an if.
std::uint8_t xtime(std::uint8_t a) {
    const std::uint8_t reduce = ct::select_u8(ct::from_bit(a >> 7), 0x1b, 0x00);
    return static_cast<std::uint8_t>((a << 1) ^ reduce);
}

std::uint8_t byte_of(std::uint32_t word, unsigned i) {  // i = 0 is the first (leftmost) byte
    return static_cast<std::uint8_t>(word >> (24 - 8 * i));
}

// FIPS 197 §5.2: SubWord applies the S-box to each byte of a word. The key bytes are secret, so
// it uses the same circuit as SubBytes (4 of its 16 lanes).
std::uint32_t sub_word(std::uint32_t word) {
    State lanes{};
    for (unsigned i = 0; i < 4; ++i) lanes[i] = byte_of(word, i);
    aes_sub_bytes(lanes);
    std::uint32_t out = 0;
    for (unsigned i = 0; i < 4; ++i) out = (out << 8) | lanes[i];
    ct::wipe(lanes.data(), lanes.size());
    return out;
}

// FIPS 197 §5.2: RotWord, [a0,a1,a2,a3] -> [a1,a2,a3,a0].
std::uint32_t rot_word(std::uint32_t word) { return (word << 8) | (word >> 24); }

// FIPS 197 §5.1.4 AddRoundKey (its own inverse, §5.3.4).
void add_round_key(State& s, std::span<const std::uint32_t, 4> words) {
    for (unsigned c = 0; c < 4; ++c) {
        for (unsigned r = 0; r < 4; ++r) s[r + 4 * c] ^= byte_of(words[c], r);
    }
}

// FIPS 197 §5.1.2 ShiftRows: row r moves r places to the left, s'[r,c] = s[r, (c + r) mod 4].
void shift_rows(State& s) {
    const State in = s;
    for (unsigned r = 1; r < 4; ++r) {
        for (unsigned c = 0; c < 4; ++c) s[r + 4 * c] = in[r + 4 * ((c + r) % 4)];
    }
}

// FIPS 197 §5.3.1 InvShiftRows: row r moves r places to the right, s'[r, (c + r) mod 4] = s[r,c].
void inv_shift_rows(State& s) {
    const State in = s;
    for (unsigned r = 1; r < 4; ++r) {
        for (unsigned c = 0; c < 4; ++c) s[r + 4 * ((c + r) % 4)] = in[r + 4 * c];
    }
}

// FIPS 197 §5.1.3 MixColumns: each column times the fixed polynomial {03}x^3 + {01}x^2 + {01}x + {02}:
//   s'0 = {02}s0 + {03}s1 + s2 + s3, and the same rotated for s'1, s'2, s'3.
void mix_columns(State& s) {
    for (unsigned c = 0; c < 4; ++c) {
        const std::uint8_t a0 = s[4 * c], a1 = s[4 * c + 1], a2 = s[4 * c + 2], a3 = s[4 * c + 3];
        // {02}a ^ {03}b = xtime(a ^ b) ^ b
        s[4 * c + 0] = static_cast<std::uint8_t>(xtime(a0 ^ a1) ^ a1 ^ a2 ^ a3);
        s[4 * c + 1] = static_cast<std::uint8_t>(a0 ^ xtime(a1 ^ a2) ^ a2 ^ a3);
        s[4 * c + 2] = static_cast<std::uint8_t>(a0 ^ a1 ^ xtime(a2 ^ a3) ^ a3);
        s[4 * c + 3] = static_cast<std::uint8_t>(xtime(a3 ^ a0) ^ a0 ^ a1 ^ a2);
    }
}

// FIPS 197 §5.3.3 InvMixColumns: each column times {0b}x^3 + {0d}x^2 + {09}x + {0e}:
//   s'0 = {0e}s0 + {0b}s1 + {0d}s2 + {09}s3, and the same rotated.
void inv_mix_columns(State& s) {
    for (unsigned c = 0; c < 4; ++c) {
        std::uint8_t a[4], times2[4], times4[4], times8[4];
        for (unsigned i = 0; i < 4; ++i) {
            a[i] = s[4 * c + i];
            times2[i] = xtime(a[i]);
            times4[i] = xtime(times2[i]);
            times8[i] = xtime(times4[i]);
        }
        for (unsigned i = 0; i < 4; ++i) {
            const unsigned j = (i + 1) % 4, k = (i + 2) % 4, l = (i + 3) % 4;
            const unsigned e = times8[i] ^ times4[i] ^ times2[i];  // {0e} = 8 + 4 + 2
            const unsigned b = times8[j] ^ times2[j] ^ a[j];       // {0b} = 8 + 2 + 1
            const unsigned d = times8[k] ^ times4[k] ^ a[k];       // {0d} = 8 + 4 + 1
            const unsigned n = times8[l] ^ a[l];                   // {09} = 8 + 1
            s[4 * c + i] = static_cast<std::uint8_t>(e ^ b ^ d ^ n);
        }
    }
}

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

    for (unsigned i = 0; i < nk; ++i) {
        round_keys_[i] = (std::uint32_t{key[4 * i]} << 24) | (std::uint32_t{key[4 * i + 1]} << 16) |
                         (std::uint32_t{key[4 * i + 2]} << 8) | std::uint32_t{key[4 * i + 3]};
    }
    // Rcon[i/Nk] = [x^(i/Nk - 1), 00, 00, 00]: the powers of x, public constants.
    std::uint8_t rcon = 0x01;
    for (unsigned i = nk; i < total_words; ++i) {
        std::uint32_t temp = round_keys_[i - 1];
        if (i % nk == 0) {
            temp = sub_word(rot_word(temp)) ^ (std::uint32_t{rcon} << 24);
            rcon = xtime(rcon);
        } else if (nk > 6 && i % nk == 4) {
            temp = sub_word(temp);  // AES-256 only
        }
        round_keys_[i] = round_keys_[i - nk] ^ temp;
    }
}

Aes::~Aes() { ct::wipe(round_keys_.data(), sizeof(round_keys_)); }

// FIPS 197 §5.1 Cipher.
void Aes::encrypt_block(const std::uint8_t in[block_size], std::uint8_t out[block_size]) const {
    const std::span<const std::uint32_t> w(round_keys_);
    State s;
    for (unsigned i = 0; i < 16; ++i) s[i] = in[i];

    add_round_key(s, w.subspan<0, 4>());
    for (int round = 1; round < rounds_; ++round) {
        aes_sub_bytes(s);
        shift_rows(s);
        mix_columns(s);
        add_round_key(s, w.subspan(4 * static_cast<std::size_t>(round)).first<4>());
    }
    aes_sub_bytes(s);  // the last round has no MixColumns
    shift_rows(s);
    add_round_key(s, w.subspan(4 * static_cast<std::size_t>(rounds_)).first<4>());

    for (unsigned i = 0; i < 16; ++i) out[i] = s[i];
    ct::wipe(s.data(), s.size());
}

// FIPS 197 §5.3 InvCipher: the steps of Cipher undone in reverse order, round keys from last to first.
void Aes::decrypt_block(const std::uint8_t in[block_size], std::uint8_t out[block_size]) const {
    const std::span<const std::uint32_t> w(round_keys_);
    State s;
    for (unsigned i = 0; i < 16; ++i) s[i] = in[i];

    add_round_key(s, w.subspan(4 * static_cast<std::size_t>(rounds_)).first<4>());
    for (int round = rounds_ - 1; round >= 1; --round) {
        inv_shift_rows(s);
        aes_inv_sub_bytes(s);
        add_round_key(s, w.subspan(4 * static_cast<std::size_t>(round)).first<4>());
        inv_mix_columns(s);
    }
    inv_shift_rows(s);
    aes_inv_sub_bytes(s);
    add_round_key(s, w.subspan<0, 4>());

    for (unsigned i = 0; i < 16; ++i) out[i] = s[i];
    ct::wipe(s.data(), s.size());
}

}  // namespace lucid::crypto
