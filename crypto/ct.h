// Constant-time helpers: the only place in lucidtls where mask tricks live.
//
// Where a secret meets a decision (CBC padding and MAC, PKCS#1 unpadding, Finished comparison),
// the code must not branch on the secret and must not index memory with it, or the time taken and
// the cache lines touched tell an attacker what the secret was (Kocher 1996; Brumley & Boneh 2003;
// Lucky Thirteen 2013). Instead it turns each comparison into a *mask*: all one bits for "true",
// all zero bits for "false", and combines values with AND/OR/XOR.
//
// Every caller names, beside its use of these helpers, which values are secret and which are
// public. Lengths of buffers passed here are public; the *contents* may be secret.
//
// The compiler is free to turn our arithmetic back into branches in principle; in practice the
// forms used here (no comparisons on secret values, only subtraction and shifts) are the ones
// BearSSL and Botan rely on. value_barrier() hides a value from the optimiser where that matters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define LUCID_CT_VALGRIND 1
#endif

namespace lucid::ct {

using Mask = std::uint32_t;  // 0xFFFFFFFF = true, 0x00000000 = false

// Stops the optimiser from reasoning about x (and so from re-introducing a branch on it).
inline std::uint32_t value_barrier(std::uint32_t x) {
#if defined(__GNUC__)
    __asm__("" : "+r"(x));
#endif
    return x;
}

// 0xFFFFFFFF if the low bit of b is set, else 0. b must be 0 or 1.
inline Mask from_bit(std::uint32_t b) { return static_cast<Mask>(0) - value_barrier(b & 1); }

// x == 0 ? all-ones : 0
inline Mask is_zero(std::uint32_t x) {
    // (~x & (x - 1)) has its top bit set exactly when x == 0.
    return from_bit((~x & (x - 1)) >> 31);
}

inline Mask is_nonzero(std::uint32_t x) { return ~is_zero(x); }

// a == b ? all-ones : 0
inline Mask eq(std::uint32_t a, std::uint32_t b) { return is_zero(a ^ b); }

// a < b ? all-ones : 0 (unsigned)
inline Mask lt(std::uint32_t a, std::uint32_t b) {
    // The borrow out of a - b, computed without a comparison (Hacker's Delight §2-12).
    return from_bit((a ^ ((a ^ b) | ((a - b) ^ b))) >> 31);
}

inline Mask ge(std::uint32_t a, std::uint32_t b) { return ~lt(a, b); }
inline Mask gt(std::uint32_t a, std::uint32_t b) { return lt(b, a); }
inline Mask le(std::uint32_t a, std::uint32_t b) { return ~lt(b, a); }

// mask ? a : b
inline std::uint32_t select(Mask mask, std::uint32_t a, std::uint32_t b) {
    return (a & mask) | (b & ~mask);
}

inline std::uint8_t select_u8(Mask mask, std::uint8_t a, std::uint8_t b) {
    return static_cast<std::uint8_t>(select(mask, a, b));
}

// If mask is set, dst := src; otherwise dst is unchanged. Touches every byte either way.
// dst and src must have the same (public) length.
inline void conditional_copy(Mask mask, std::span<std::uint8_t> dst, std::span<const std::uint8_t> src) {
    const std::uint8_t m = static_cast<std::uint8_t>(mask);
    for (std::size_t i = 0; i < dst.size() && i < src.size(); ++i) {
        dst[i] = static_cast<std::uint8_t>((src[i] & m) | (dst[i] & ~m));
    }
}

// The end of a constant-time section: x was secret, and from here on it may be public (the MAC
// verified, so the record's length is what the peer chose to send). Outside Valgrind it costs a
// few instructions and changes nothing. The constant-time check (tests/ct/, docs/robustness.md)
// runs under Valgrind with secrets marked undefined; this tells memcheck that x is now defined,
// so the one decision the protocol must take (accept or reject) is not reported, while every
// branch or memory index on a secret before it still is.
template <typename T>
inline T declassify(T x) {
#if defined(LUCID_CT_VALGRIND)
    VALGRIND_MAKE_MEM_DEFINED(&x, sizeof x);
#endif
    return x;
}

// All-ones if a and b hold the same bytes. Reads every byte whatever the contents; the lengths
// are public and must be equal (different lengths give 0 at once, since the length is public).
inline Mask equal_mask(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
    if (a.size() != b.size()) return 0;
    std::uint32_t diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<std::uint32_t>(a[i] ^ b[i]);
    return is_zero(diff);
}

// The boolean form of equal_mask, for the one decision taken after the constant-time work,
// e.g. "was the Finished message right?".
inline bool equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
    return declassify(equal_mask(a, b)) != 0;
}

// Overwrites memory in a way the compiler may not remove as a dead store: memset, then an empty
// asm statement that takes the pointer and clobbers memory, so the compiler must assume the zeros
// are read and keep the stores (the technique of glibc's explicit_bzero and BoringSSL's
// OPENSSL_cleanse). A byte loop through a volatile pointer does the same one byte a cycle: 8-13 us
// for the 18 KiB record buffer at every connection's end, against 0.14-0.34 us for memset.
inline void wipe(void* p, std::size_t n) {
    if (n == 0) return;
    std::memset(p, 0, n);
    __asm__ __volatile__("" : : "r"(p) : "memory");
}

// ---- 64-bit words (X25519 field limbs, GHASH halves) ------------------------------------------

using Mask64 = std::uint64_t;  // all ones = true, 0 = false

// All ones if the low bit of b is set, else 0. b must be 0 or 1.
inline Mask64 mask64_from_bit(std::uint64_t b) {
    return static_cast<Mask64>(0) - static_cast<std::uint64_t>(value_barrier(static_cast<std::uint32_t>(b & 1)));
}

// If mask is set, exchange a[i] and b[i] for every i; otherwise leave both. The same loads,
// stores and XORs either way (the RFC 7748 §5 cswap). a and b have the same (public) length.
inline void conditional_swap(Mask64 mask, std::span<std::uint64_t> a, std::span<std::uint64_t> b) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        const std::uint64_t t = mask & (a[i] ^ b[i]);
        a[i] ^= t;
        b[i] ^= t;
    }
}

// mask ? a : b, on 64-bit words.
inline std::uint64_t select64(Mask64 mask, std::uint64_t a, std::uint64_t b) { return (a & mask) | (b & ~mask); }

// dst := entry number `index` of `table`, whose entries are dst.size() words each, one after
// another. Every word of every entry is read and combined with a mask, so the memory touched is the
// same whatever the (secret) index: a fixed-window exponentiation picks its precomputed power this
// way (crypto/montgomery.cpp), as OpenSSL's BN_mod_exp_mont_consttime and BearSSL's do. The number
// of entries and their size are public.
inline void table_lookup(std::span<std::uint64_t> dst, std::span<const std::uint64_t> table, std::uint32_t index) {
    const std::size_t width = dst.size();
    for (std::size_t j = 0; j < width; ++j) dst[j] = 0;
    for (std::size_t entry = 0; width != 0 && entry < table.size() / width; ++entry) {
        const Mask64 hit = mask64_from_bit(eq(static_cast<std::uint32_t>(entry), index) & 1);
        for (std::size_t j = 0; j < width; ++j) dst[j] |= table[entry * width + j] & hit;
    }
}

}  // namespace lucid::ct
