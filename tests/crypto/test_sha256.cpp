#include <doctest/doctest.h>

#include <string>

#include "crypto/hash.h"
#include "crypto/sha256.h"
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

// Produced with python3: hashlib.sha256(bytes(range(n))).hexdigest() (and hashlib.sha224),
// cross-checked for 0, 55 and 56 with `openssl dgst -sha256`. 55 bytes is the longest message
// whose padding fits in one block (55 + 1 + 8 = 64); 56 needs a second block; 63, 64, 65 sit
// around the block boundary itself.
const Known sha256_known[] = {
    {0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"},
    {56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"},
    {63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"},
    {64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"},
    {65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"},
};

const Known sha224_known[] = {
    {0, "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f"},
    {55, "8991dfba74284e04dc7581c7c3e4068ff6cb7a63733361429834bb56"},
    {56, "2b2cd637c16ad7290bb067ad7d8fd04e204fa43a84366afc7130f4ef"},
    {63, "049e8dd7eab3378ce9f823bfb569e5b270235d4b7f9623606971998f"},
    {64, "c37b88a3522dbf7ac30d1c68ea397ac11d4773571aed01ddab73531e"},
    {65, "114b5fd665736a96585c5d5837d35250aed73c725252cbf7f8b121f6"},
};

}  // namespace

TEST_CASE("FIPS 180-4 §5.1.1: SHA-256 padding around the block boundary (0, 55, 56, 63, 64, 65 bytes)") {
    for (const Known& k : sha256_known) {
        INFO("length " << k.length);
        CHECK(hex_digest(HashAlgorithm::sha256, counting_message(k.length)) == k.digest);
    }
}

TEST_CASE("FIPS 180-4 §6.3: SHA-224 at the same lengths (own initial values, truncated output)") {
    for (const Known& k : sha224_known) {
        INFO("length " << k.length);
        CHECK(hex_digest(HashAlgorithm::sha224, counting_message(k.length)) == k.digest);
    }
}

TEST_CASE("FIPS 180-4 §5.1.1: a million bytes of 'a' (python3 hashlib)") {
    const Bytes million(1000000, 'a');
    CHECK(hex_digest(HashAlgorithm::sha256, million) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    CHECK(hex_digest(HashAlgorithm::sha224, million) == "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67");
}

TEST_CASE("SHA-256: streaming split at every offset equals one-shot") {
    hash_checks::check_streaming_at_every_split(HashAlgorithm::sha256, 130);
    hash_checks::check_streaming_at_every_split(HashAlgorithm::sha224, 130);
}

TEST_CASE("SHA-256: a clone taken mid-stream goes on independently") {
    hash_checks::check_clone_mid_stream(HashAlgorithm::sha256);
    hash_checks::check_clone_mid_stream(HashAlgorithm::sha224);
}

TEST_CASE("SHA-256: final resets the object; a short output buffer is refused") {
    hash_checks::check_final_and_reset(HashAlgorithm::sha256);
    hash_checks::check_final_and_reset(HashAlgorithm::sha224);
}

TEST_CASE("FIPS 180-4 §1: SHA-256 and SHA-224 sizes, and the direct factories") {
    auto h256 = crypto::make_sha256();
    auto h224 = crypto::make_sha224();
    CHECK(h256->algorithm() == HashAlgorithm::sha256);
    CHECK(h256->digest_size() == 32);
    CHECK(h256->block_size() == 64);
    CHECK(h224->algorithm() == HashAlgorithm::sha224);
    CHECK(h224->digest_size() == 28);
    CHECK(h224->block_size() == 64);
}

TEST_CASE("SHA-256 with the SHA extensions equals the portable code for 0 to 300 bytes, streamed") {
    sha_paths::check_hardware_equals_portable(HashAlgorithm::sha256);
    sha_paths::check_hardware_equals_portable(HashAlgorithm::sha224);
}
