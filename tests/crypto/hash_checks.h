// Checks every hash of crypto/hash.h must pass, shared by test_md5/sha1/sha256/sha512.cpp.
// The expected digests live in those files; here only properties that compare lucid with itself
// (streaming equals one-shot, a clone continues independently, final resets).
#pragma once

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "crypto/error.h"
#include "crypto/hash.h"
#include "crypto/hex.h"

namespace hash_checks {

// The test message of every length check: byte i is i mod 256. The expected digests in the test
// files were computed from the same bytes with python3 hashlib (bytes(range(n))).
inline lucid::Bytes counting_message(std::size_t n) {
    lucid::Bytes m(n);
    for (std::size_t i = 0; i < n; ++i) m[i] = static_cast<std::uint8_t>(i);
    return m;
}

inline std::string hex_digest(lucid::crypto::HashAlgorithm alg, lucid::ByteView data) {
    return lucid::to_hex(lucid::crypto::digest(alg, data));
}

// Splitting a message in two at every offset, and feeding it byte by byte, gives the one-shot
// digest: the block buffer handles every fill level.
inline void check_streaming_at_every_split(lucid::crypto::HashAlgorithm alg, std::size_t length) {
    const lucid::Bytes message = counting_message(length);
    const lucid::Bytes expected = lucid::crypto::digest(alg, message);
    std::unique_ptr<lucid::crypto::Hash> h = lucid::crypto::make_hash(alg);
    for (std::size_t split = 0; split <= length; ++split) {
        INFO("split at " << split);
        h->update(lucid::ByteView(message).first(split));
        h->update(lucid::ByteView(message).subspan(split));
        CHECK(h->final() == expected);
    }
    for (std::uint8_t byte : message) h->update(lucid::ByteView(&byte, 1));
    CHECK(h->final() == expected);
}

// A clone taken mid-stream carries the running state: both copies go on independently, and
// finishing one leaves the other untouched.
inline void check_clone_mid_stream(lucid::crypto::HashAlgorithm alg) {
    const lucid::Bytes message = counting_message(300);
    const lucid::ByteView all(message);
    std::unique_ptr<lucid::crypto::Hash> original = lucid::crypto::make_hash(alg);
    original->update(all.first(100));
    std::unique_ptr<lucid::crypto::Hash> copy = original->clone();
    CHECK(copy->algorithm() == alg);

    // The copy sees the first 100 bytes only; its digest is the digest of that prefix.
    CHECK(copy->final() == lucid::crypto::digest(alg, all.first(100)));
    // The original was not disturbed by the copy's final().
    original->update(all.subspan(100));
    CHECK(original->final() == lucid::crypto::digest(alg, all));

    // A copy that goes on differently from the original.
    original->update(all.first(100));
    copy = original->clone();
    copy->update(all.subspan(200));
    original->update(all.subspan(100, 50));
    // original: bytes 0..149; copy: bytes 0..99 then 200..299.
    const lucid::Bytes skipping = lucid::concat({all.first(100), all.subspan(200)});
    CHECK(original->final() == lucid::crypto::digest(alg, all.first(150)));
    CHECK(copy->final() == lucid::crypto::digest(alg, skipping));
}

// final() resets: the next message starts from the initial state. reset() drops what was fed.
inline void check_final_and_reset(lucid::crypto::HashAlgorithm alg) {
    const lucid::Bytes abc = {0x61, 0x62, 0x63};
    std::unique_ptr<lucid::crypto::Hash> h = lucid::crypto::make_hash(alg);
    h->update(counting_message(77));
    (void)h->final();
    h->update(abc);
    CHECK(h->final() == lucid::crypto::digest(alg, abc));

    h->update(counting_message(200));
    h->reset();
    h->update(abc);
    CHECK(h->final() == lucid::crypto::digest(alg, abc));

    lucid::Bytes too_short(h->digest_size() - 1);
    CHECK_THROWS_AS(h->final(too_short), lucid::Error);
}

}  // namespace hash_checks
