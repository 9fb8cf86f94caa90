// The SHA-extension paths (sha1_ni.cpp, sha256_ni.cpp) against the portable code they stand
// beside: every message length from 0 to 300 bytes (every padding case and up to four blocks),
// streamed in odd pieces, must give the same digest both ways. Shared by test_sha1 and test_sha256.
#pragma once

#include <doctest/doctest.h>

#include <memory>

#include "crypto/cpu.h"
#include "crypto/hash.h"
#include "tests/crypto/hash_checks.h"

namespace sha_paths {

inline lucid::Bytes digest_on_path(lucid::crypto::HashAlgorithm alg, lucid::ByteView message, bool portable) {
    const bool before = lucid::crypto::cpu_force_portable(portable);
    std::unique_ptr<lucid::crypto::Hash> h = lucid::crypto::make_hash(alg);
    // Pieces of 7, 64 and 129 bytes in turn: partial blocks, whole blocks, runs of blocks.
    const std::size_t pieces[] = {7, 64, 129};
    std::size_t offset = 0;
    for (std::size_t i = 0; offset < message.size(); ++i) {
        const std::size_t n = std::min(pieces[i % 3], message.size() - offset);
        h->update(message.subspan(offset, n));
        offset += n;
    }
    lucid::Bytes out = h->final();
    lucid::crypto::cpu_force_portable(before);
    return out;
}

inline void check_hardware_equals_portable(lucid::crypto::HashAlgorithm alg) {
    if (!lucid::crypto::cpu_has(lucid::crypto::CpuFeature::sha_ni)) {
        MESSAGE("skipped: this CPU has no SHA extensions, so only the portable path exists");
        return;
    }
    for (std::size_t n = 0; n <= 300; ++n) {
        INFO("length " << n);
        const lucid::Bytes m = hash_checks::counting_message(n);
        CHECK(digest_on_path(alg, m, false) == digest_on_path(alg, m, true));
    }
}

}  // namespace sha_paths
