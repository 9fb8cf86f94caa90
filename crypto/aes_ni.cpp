// AES with the x86 AES-NI instructions: the fast path behind crypto/aes.h.
//
// What the instructions do. AESENC performs one whole round of FIPS 197 §5.1 on a 128-bit
// register (ShiftRows, SubBytes, MixColumns, AddRoundKey with its second operand), AESENCLAST the
// last round (no MixColumns). AESDEC and AESDECLAST are the rounds of the Equivalent Inverse Cipher
// (FIPS 197 §5.3.5), which is why decryption takes the round keys dw, InvMixColumns already applied
// (computed once, in the Aes constructor). See S. Gueron, "Intel Advanced Encryption Standard (AES)
// New Instructions Set", Intel white paper 323641, 2010.
//
// Why it is constant time. The S-box is wired into the execution unit: there is no table in
// memory, so no cache line depends on the data, and the instructions take the same number of
// cycles whatever the key and the block (the white paper states they run in data-independent
// time, which is half of their purpose). The code around them loads and stores blocks at public
// offsets and has no branch on data. This is the same guarantee as the bit-sliced code of aes.cpp,
// obtained by hardware instead of by a circuit in software.
//
// Why 8 blocks at a time for decryption. One round takes the unit a few cycles before its result
// can feed the next round (latency), but the unit can start a new round every cycle or two
// (throughput). A single block leaves it idle most of the time; eight independent blocks, each
// given the same round in turn, keep it busy. CBC decryption has independent blocks (P_j = D_K(C_j) xor
// C_(j-1): all the D_K can run together); CBC encryption does not (each block needs the previous
// ciphertext), so cbc_encrypt runs one block after another and can only save the call overhead.
//
// Portability. The functions are compiled for AES-NI one by one (the target attribute), not with a
// global -maes: the rest of the program must still run on a CPU without the instructions, and
// these functions are called only after cpu_supports() said yes. Other architectures build only
// the stubs at the end.
#include "crypto/aes_ni.h"

#include <string>

#include "crypto/cpu.h"
#include "crypto/ct.h"
#include "crypto/error.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define LUCID_AES_NI_BUILT 1
#define AES_NI_FUNCTION __attribute__((target("aes,sse2,sse4.1")))
#define VAES_FUNCTION __attribute__((target("vaes,avx512f,aes,sse2,sse4.1")))
#else
#define LUCID_AES_NI_BUILT 0
#endif

namespace lucid::crypto::aes_ni {

#if LUCID_AES_NI_BUILT

namespace {

// Lengths are public; a wrong one is a bug in the caller (crypto/aes.cpp), reported, not ignored.
void check_sizes(ByteView round_keys, ByteView in, MutableByteView out) {
    const std::size_t k = round_keys.size();
    if ((k != 16 * 11 && k != 16 * 13 && k != 16 * 15) || in.size() != out.size() || in.size() % 16 != 0) {
        throw Error("AES-NI: bad sizes: " + std::to_string(k) + " bytes of round keys, " +
                    std::to_string(in.size()) + " bytes in, " + std::to_string(out.size()) + " bytes out");
    }
}

std::size_t rounds_of(ByteView round_keys) { return round_keys.size() / 16 - 1; }

// Block `index` (16 bytes at offset 16 * index) of a buffer, as a register, and back.
AES_NI_FUNCTION __m128i load(ByteView bytes, std::size_t index) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes.subspan(16 * index, 16).data()));
}

AES_NI_FUNCTION void store(MutableByteView bytes, std::size_t index, __m128i value) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(bytes.subspan(16 * index, 16).data()), value);
}

// FIPS 197 §5.1 Cipher: AddRoundKey, Nr - 1 full rounds, the last round.
AES_NI_FUNCTION __m128i encrypt_one(ByteView w, __m128i x) {
    const std::size_t rounds = rounds_of(w);
    x = _mm_xor_si128(x, load(w, 0));
    for (std::size_t round = 1; round < rounds; ++round) x = _mm_aesenc_si128(x, load(w, round));
    return _mm_aesenclast_si128(x, load(w, rounds));
}

// FIPS 197 §5.3.5 Equivalent Inverse Cipher: the round keys dw from last to first.
AES_NI_FUNCTION __m128i decrypt_one(ByteView dw, __m128i x) {
    const std::size_t rounds = rounds_of(dw);
    x = _mm_xor_si128(x, load(dw, rounds));
    for (std::size_t round = rounds - 1; round >= 1; --round) x = _mm_aesdec_si128(x, load(dw, round));
    return _mm_aesdeclast_si128(x, load(dw, 0));
}

}  // namespace

bool cpu_supports() {
    static const bool supported = [] {
        __builtin_cpu_init();  // needed when called before static constructors have run
        return __builtin_cpu_supports("aes") && __builtin_cpu_supports("sse4.1");
    }();
    return supported;
}

AES_NI_FUNCTION void encrypt_blocks(ByteView round_keys, ByteView in, MutableByteView out) {
    check_sizes(round_keys, in, out);
    const ByteView w = round_keys;
    const std::size_t rounds = rounds_of(w);
    const std::size_t blocks = in.size() / 16;
    constexpr std::size_t in_flight = 8;
    std::size_t b = 0;
    // The Cipher of encrypt_one, each step applied to 8 blocks in turn, as decrypt_blocks below:
    // AESENC takes several cycles before its result can be used, and 8 independent blocks keep it
    // busy every cycle (GCM's counter blocks, crypto/gcm.cpp).
    for (; b + in_flight <= blocks; b += in_flight) {
        __m128i x[in_flight];
        const __m128i first_key = load(w, 0);
#pragma GCC unroll 8
        for (std::size_t j = 0; j < in_flight; ++j) x[j] = _mm_xor_si128(load(in, b + j), first_key);
        for (std::size_t round = 1; round < rounds; ++round) {
            const __m128i key = load(w, round);
#pragma GCC unroll 8
            for (std::size_t j = 0; j < in_flight; ++j) x[j] = _mm_aesenc_si128(x[j], key);
        }
        const __m128i last_key = load(w, rounds);
#pragma GCC unroll 8
        for (std::size_t j = 0; j < in_flight; ++j) store(out, b + j, _mm_aesenclast_si128(x[j], last_key));
    }
    for (; b < blocks; ++b) store(out, b, encrypt_one(w, load(in, b)));  // the last 0 to 7
}

AES_NI_FUNCTION void decrypt_blocks(ByteView inverse_round_keys, ByteView in, MutableByteView out) {
    check_sizes(inverse_round_keys, in, out);
    const ByteView dw = inverse_round_keys;
    const std::size_t rounds = rounds_of(dw);
    const std::size_t blocks = in.size() / 16;
    constexpr std::size_t in_flight = 8;
    std::size_t b = 0;
    // The same Equivalent Inverse Cipher as decrypt_one, each step applied to 8 blocks in turn.
    // All 8 are loaded before any is stored, so in and out may be the same buffer. The pragmas ask
    // the compiler to unroll the loops over j, so that x[0..7] live in 8 registers, not in memory.
    for (; b + in_flight <= blocks; b += in_flight) {
        __m128i x[in_flight];
        const __m128i last_key = load(dw, rounds);
#pragma GCC unroll 8
        for (std::size_t j = 0; j < in_flight; ++j) x[j] = _mm_xor_si128(load(in, b + j), last_key);
        for (std::size_t round = rounds - 1; round >= 1; --round) {
            const __m128i key = load(dw, round);
#pragma GCC unroll 8
            for (std::size_t j = 0; j < in_flight; ++j) x[j] = _mm_aesdec_si128(x[j], key);
        }
        const __m128i first_key = load(dw, 0);
#pragma GCC unroll 8
        for (std::size_t j = 0; j < in_flight; ++j) store(out, b + j, _mm_aesdeclast_si128(x[j], first_key));
    }
    for (; b < blocks; ++b) store(out, b, decrypt_one(dw, load(in, b)));  // the last 0 to 7
}

AES_NI_FUNCTION void cbc_encrypt(ByteView round_keys, ByteView iv, ByteView in, MutableByteView out) {
    check_sizes(round_keys, in, out);
    if (iv.size() != 16) throw Error("AES-NI: CBC IV must be 16 bytes, got " + std::to_string(iv.size()));
    __m128i chain = load(iv, 0);
    for (std::size_t b = 0; b < in.size() / 16; ++b) {
        chain = encrypt_one(round_keys, _mm_xor_si128(load(in, b), chain));
        store(out, b, chain);
    }
}

// CBC decryption with VAES (CpuFeature::vaes512): VAESDEC applies one AESDEC round to the four
// 16-byte lanes of a 512-bit register, so four registers hold 16 blocks in flight. On this
// project's test machine (AMD EPYC) a 128-bit AESDEC issues once per cycle, which caps the 8-block
// loop below near 4 GB/s; the 512-bit form does four blocks in the same slot. Whole groups of 16
// blocks only; returns how many blocks it did, and leaves C_(j-1) for the rest in previous.
// The chaining values are the ciphertext blocks shifted one lane: alignr by 6 64-bit words of
// (c[j], c[j-1]) gives [last block of c[j-1], first three of c[j]].
template <std::size_t rounds>
VAES_FUNCTION std::size_t cbc_decrypt_vaes_rounds(ByteView dw, __m128i& previous, ByteView in, MutableByteView out) {
    const std::size_t blocks = in.size() / 16;
    constexpr std::size_t registers = 4, group = 4 * registers;
    __m512i keys[rounds + 1];
    for (std::size_t r = 0; r <= rounds; ++r) keys[r] = _mm512_broadcast_i32x4(load(dw, r));
    __m512i last = _mm512_broadcast_i32x4(previous);  // lane 3 is C_(j-1)
    std::size_t b = 0;
    for (; b + group <= blocks; b += group) {
        __m512i c[registers], x[registers];
#pragma GCC unroll 4
        for (std::size_t j = 0; j < registers; ++j) {
            c[j] = _mm512_loadu_si512(in.subspan(16 * (b + 4 * j), 64).data());
            x[j] = _mm512_xor_si512(c[j], keys[rounds]);
        }
#pragma GCC unroll 14
        for (std::size_t round = rounds - 1; round >= 1; --round) {
#pragma GCC unroll 4
            for (std::size_t j = 0; j < registers; ++j) x[j] = _mm512_aesdec_epi128(x[j], keys[round]);
        }
#pragma GCC unroll 4
        for (std::size_t j = 0; j < registers; ++j) {
            const __m512i chain = _mm512_alignr_epi64(c[j], j == 0 ? last : c[j - 1], 6);
            _mm512_storeu_si512(out.subspan(16 * (b + 4 * j), 64).data(),
                                _mm512_xor_si512(_mm512_aesdeclast_epi128(x[j], keys[0]), chain));
        }
        last = c[registers - 1];
    }
    previous = _mm512_extracti32x4_epi32(last, 3);
    ct::wipe(keys, sizeof(keys));  // copies of the round keys are secret
    return b;
}

// The number of rounds is a template argument so that the round loop unrolls and the round keys
// stay in registers (AVX-512 has 32 of them).
std::size_t cbc_decrypt_vaes(ByteView dw, __m128i& previous, ByteView in, MutableByteView out) {
    switch (rounds_of(dw)) {
    case 10: return cbc_decrypt_vaes_rounds<10>(dw, previous, in, out);
    case 12: return cbc_decrypt_vaes_rounds<12>(dw, previous, in, out);
    default: return cbc_decrypt_vaes_rounds<14>(dw, previous, in, out);
    }
}

// The same 8-block loop as decrypt_blocks, with the CBC chaining added before each store: the
// eight ciphertext blocks stay in registers, so the XOR costs no extra pass over memory, and
// C_(j-1) is read before P_j overwrites it when in and out are the same buffer.
AES_NI_FUNCTION void cbc_decrypt(ByteView inverse_round_keys, ByteView iv, ByteView in, MutableByteView out) {
    check_sizes(inverse_round_keys, in, out);
    if (iv.size() != 16) throw Error("AES-NI: CBC IV must be 16 bytes, got " + std::to_string(iv.size()));
    const ByteView dw = inverse_round_keys;
    const std::size_t rounds = rounds_of(dw);
    const std::size_t blocks = in.size() / 16;
    constexpr std::size_t in_flight = 8;
    __m128i previous = load(iv, 0);  // C_(j-1)
    std::size_t b = 0;
    if (cpu_use(CpuFeature::vaes512)) b = cbc_decrypt_vaes(dw, previous, in, out);
    for (; b + in_flight <= blocks; b += in_flight) {
        __m128i c[in_flight], x[in_flight];
        const __m128i last_key = load(dw, rounds);
#pragma GCC unroll 8
        for (std::size_t j = 0; j < in_flight; ++j) {
            c[j] = load(in, b + j);
            x[j] = _mm_xor_si128(c[j], last_key);
        }
        for (std::size_t round = rounds - 1; round >= 1; --round) {
            const __m128i key = load(dw, round);
#pragma GCC unroll 8
            for (std::size_t j = 0; j < in_flight; ++j) x[j] = _mm_aesdec_si128(x[j], key);
        }
        const __m128i first_key = load(dw, 0);
#pragma GCC unroll 8
        for (std::size_t j = 0; j < in_flight; ++j) {
            store(out, b + j, _mm_xor_si128(_mm_aesdeclast_si128(x[j], first_key), previous));
            previous = c[j];
        }
    }
    for (; b < blocks; ++b) {  // the last 0 to 7
        const __m128i c = load(in, b);
        store(out, b, _mm_xor_si128(decrypt_one(dw, c), previous));
        previous = c;
    }
}

#else  // not x86: the portable code is the only implementation

namespace {
[[noreturn]] void unavailable() { throw Error("AES-NI: not available on this architecture"); }
}  // namespace

bool cpu_supports() { return false; }
void encrypt_blocks(ByteView, ByteView, MutableByteView) { unavailable(); }
void decrypt_blocks(ByteView, ByteView, MutableByteView) { unavailable(); }
void cbc_encrypt(ByteView, ByteView, ByteView, MutableByteView) { unavailable(); }
void cbc_decrypt(ByteView, ByteView, ByteView, MutableByteView) { unavailable(); }

#endif

}  // namespace lucid::crypto::aes_ni
