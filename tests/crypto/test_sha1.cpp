#include <doctest/doctest.h>

#include <string>

#include "crypto/hash.h"
#include "crypto/sha1.h"
#include "tests/crypto/hash_checks.h"
#include "tests/crypto/sha_paths.h"

using namespace lucid;
using crypto::HashAlgorithm;
using hash_checks::counting_message;
using hash_checks::hex_digest;

namespace {

struct Known {
    std::size_t length;
    const char* digest;
};

// Produced with python3: hashlib.sha1(bytes(range(n))).hexdigest(). 55/56 bytes: the padding
// fits in one 64-byte block or spills into a second (§5.1.1); 63/64/65: the block boundary.
const Known sha1_known[] = {
    {0, "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
    {55, "8ae2d46729cfe68ff927af5eec9c7d1b66d65ac2"},
    {56, "636e2ec698dac903498e648bd2f3af641d3c88cb"},
    {63, "6d942da0c4392b123528f2905c713a3ce28364bd"},
    {64, "c6138d514ffa2135bfce0ed0b8fac65669917ec7"},
    {65, "69bd728ad6e13cd76ff19751fde427b00e395746"},
};

}  // namespace

TEST_CASE("FIPS 180-4 §5.1.1: SHA-1 padding around the block boundary (0, 55, 56, 63, 64, 65 bytes)") {
    for (const Known& k : sha1_known) {
        INFO("length " << k.length);
        CHECK(hex_digest(HashAlgorithm::sha1, counting_message(k.length)) == k.digest);
    }
}

TEST_CASE("FIPS 180-4 §6.1: SHA-1 of a million bytes of 'a' (python3 hashlib)") {
    CHECK(hex_digest(HashAlgorithm::sha1, Bytes(1000000, 'a')) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST_CASE("SHA-1: streaming split at every offset equals one-shot") {
    hash_checks::check_streaming_at_every_split(HashAlgorithm::sha1, 130);
}

TEST_CASE("SHA-1: a clone taken mid-stream goes on independently") {
    hash_checks::check_clone_mid_stream(HashAlgorithm::sha1);
}

TEST_CASE("SHA-1: final resets the object; a short output buffer is refused") {
    hash_checks::check_final_and_reset(HashAlgorithm::sha1);
}

TEST_CASE("FIPS 180-4 §1: SHA-1 sizes, and the direct factory") {
    auto h = crypto::make_sha1();
    CHECK(h->algorithm() == HashAlgorithm::sha1);
    CHECK(h->digest_size() == 20);
    CHECK(h->block_size() == 64);
}

TEST_CASE("SHA-1 with the SHA extensions equals the portable code for 0 to 300 bytes, streamed") {
    sha_paths::check_hardware_equals_portable(crypto::HashAlgorithm::sha1);
}
