#include <doctest/doctest.h>

#include <string>

#include "crypto/hash.h"
#include "crypto/md5.h"
#include "tests/crypto/hash_checks.h"

using namespace lucid;
using crypto::HashAlgorithm;
using hash_checks::counting_message;
using hash_checks::hex_digest;

namespace {

struct Known {
    std::size_t length;
    const char* digest;
};

// Produced with python3: hashlib.md5(bytes(range(n))).hexdigest(). MD5 pads like SHA-1 but
// writes the length low byte first (RFC 1321 §3.2), so 55/56 bytes are its boundary too.
const Known md5_known[] = {
    {0, "d41d8cd98f00b204e9800998ecf8427e"},
    {55, "6912ee65fff2d9f9ce2508cddf8bcda0"},
    {56, "51fdd1acda72405dfdfa03fcb85896d7"},
    {63, "48a6295221902e8e0938f773a7185e72"},
    {64, "b2d3f56bc197fd985d5965079b5e7148"},
    {65, "8bd7053801c768420faf816fadba971c"},
};

}  // namespace

TEST_CASE("RFC 1321 §3.1-3.2: MD5 padding around the block boundary (0, 55, 56, 63, 64, 65 bytes)") {
    for (const Known& k : md5_known) {
        INFO("length " << k.length);
        CHECK(hex_digest(HashAlgorithm::md5, counting_message(k.length)) == k.digest);
    }
}

TEST_CASE("RFC 1321: MD5 of a million bytes of 'a' (python3 hashlib)") {
    CHECK(hex_digest(HashAlgorithm::md5, Bytes(1000000, 'a')) == "7707d6ae4e027c70eea2a935c2296f21");
}

TEST_CASE("MD5: streaming split at every offset equals one-shot") {
    hash_checks::check_streaming_at_every_split(HashAlgorithm::md5, 130);
}

TEST_CASE("MD5: a clone taken mid-stream goes on independently") {
    hash_checks::check_clone_mid_stream(HashAlgorithm::md5);
}

TEST_CASE("MD5: final resets the object; a short output buffer is refused") {
    hash_checks::check_final_and_reset(HashAlgorithm::md5);
}

TEST_CASE("RFC 1321 §3: MD5 sizes, and the direct factory") {
    auto h = crypto::make_md5();
    CHECK(h->algorithm() == HashAlgorithm::md5);
    CHECK(h->digest_size() == 16);
    CHECK(h->block_size() == 64);
}
