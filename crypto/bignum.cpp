#include "crypto/bignum.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>

#include "crypto/ct.h"
#include "crypto/error.h"

namespace lucid::crypto {

namespace {

// GMP hands us the size of every block it frees, so we can wipe exactly what it used. The blocks
// come from malloc, as GMP's default allocator's do, so blocks GMP allocated before we were
// installed can still be freed and reallocated here.
void* wiping_alloc(std::size_t size) {
    void* p = std::malloc(size);
    if (p == nullptr) throw std::bad_alloc();
    return p;
}

void wiping_free(void* block, std::size_t size) {
    if (block == nullptr) return;
    ct::wipe(block, size);
    std::free(block);
}

// Never realloc in place: realloc may move the block and leave the old copy unwiped.
void* wiping_realloc(void* block, std::size_t old_size, std::size_t new_size) {
    void* fresh = wiping_alloc(new_size);
    if (block != nullptr) {
        std::memcpy(fresh, block, old_size < new_size ? old_size : new_size);
        wiping_free(block, old_size);
    }
    return fresh;
}

std::atomic<bool> installed{false};

// Runs before ordinary static initialisers (priority 101 is the first one available to programs),
// so that no GMP number in any file of the program is allocated with the non-wiping allocator.
[[gnu::constructor(101)]] void install_at_startup() { install_wiping_allocator(); }

}  // namespace

void install_wiping_allocator() {
    if (installed.load(std::memory_order_acquire)) return;
    mp_set_memory_functions(wiping_alloc, wiping_realloc, wiping_free);
    installed.store(true, std::memory_order_release);
}

bool wiping_allocator_installed() {
    void* (*alloc)(std::size_t) = nullptr;
    void* (*realloc)(void*, std::size_t, std::size_t) = nullptr;
    void (*free)(void*, std::size_t) = nullptr;
    mp_get_memory_functions(&alloc, &realloc, &free);
    return alloc == wiping_alloc && realloc == wiping_realloc && free == wiping_free;
}

// RFC 8017 §4.2 OS2IP
BigInt os2ip(ByteView bytes) {
    install_wiping_allocator();
    BigInt x;
    if (!bytes.empty()) {
        // order 1: most significant word first; size 1: words are bytes; endian and nails unused.
        mpz_import(x.get_mpz_t(), bytes.size(), 1, 1, 1, 0, bytes.data());
    }
    return x;
}

namespace {

// RFC 8017 §4.1 I2OSP, into a buffer the caller owns (public or secret).
void i2osp_into(const BigInt& x, MutableByteView out) {
    install_wiping_allocator();
    if (sgn(x) < 0) throw Error("I2OSP: negative integer");
    // Step 1: "If x >= 256^xLen, output 'integer too large' and stop."
    if (byte_length(x) > out.size()) {
        throw Error("I2OSP: integer too large (" + std::to_string(byte_length(x)) + " bytes for a " +
                    std::to_string(out.size()) + "-byte field)");
    }
    std::memset(out.data(), 0, out.size());
    std::size_t written = 0;
    const std::size_t offset = out.size() - byte_length(x);
    if (sgn(x) != 0) mpz_export(out.data() + offset, &written, 1, 1, 1, 0, x.get_mpz_t());
}

}  // namespace

Bytes i2osp(const BigInt& x, std::size_t length) {
    Bytes out(length);
    i2osp_into(x, out);
    return out;
}

SecretBytes i2osp_secret(const BigInt& x, std::size_t length) {
    SecretBytes out(length);
    i2osp_into(x, out.mutable_view());
    return out;
}

Bytes to_bytes_minimal(const BigInt& x) { return i2osp(x, sgn(x) == 0 ? 1 : byte_length(x)); }

std::size_t bit_length(const BigInt& x) {
    return sgn(x) == 0 ? 0 : mpz_sizeinbase(x.get_mpz_t(), 2);
}

std::size_t byte_length(const BigInt& x) { return (bit_length(x) + 7) / 8; }

std::string to_hex_text(const BigInt& x) {
    install_wiping_allocator();
    // mpz_get_str may write one more digit than it finally uses, plus the terminator.
    std::string text(mpz_sizeinbase(x.get_mpz_t(), 16) + 2, '\0');
    mpz_get_str(text.data(), 16, x.get_mpz_t());
    text.resize(std::strlen(text.c_str()));
    return text;
}

namespace {

BigInt from_text(std::string_view text, int base, const char* what) {
    install_wiping_allocator();
    if (text.empty()) throw Error(std::string(what) + ": empty number");
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool ok = (c >= '0' && c <= '9') ||
                        (base == 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
        if (!ok) {
            throw Error(std::string(what) + ": '" + std::string(1, c) + "' at position " +
                        std::to_string(i) + " is not a digit");
        }
    }
    BigInt x;
    x.set_str(std::string(text), base);
    return x;
}

}  // namespace

BigInt from_hex_text(std::string_view hex) { return from_text(hex, 16, "hex number"); }
BigInt from_decimal_text(std::string_view decimal) { return from_text(decimal, 10, "decimal number"); }

BigInt random_bits(RandomSource& rng, std::size_t bits) {
    SecretBytes buffer = rng.secret((bits + 7) / 8);
    // Clear the surplus high bits of the first byte so that exactly `bits` bits are random.
    if (bits % 8 != 0) buffer.data()[0] &= static_cast<std::uint8_t>((1u << (bits % 8)) - 1);
    return os2ip(buffer.view());
}

BigInt random_in_range(RandomSource& rng, const BigInt& low, const BigInt& high) {
    if (low > high) throw Error("random_in_range: empty range");
    const BigInt width = high - low;
    const std::size_t bits = bit_length(width);
    // Each draw is accepted with probability above 1/2, so this loop ends quickly.
    for (;;) {
        BigInt candidate = random_bits(rng, bits);
        if (candidate <= width) return low + candidate;
    }
}

}  // namespace lucid::crypto
