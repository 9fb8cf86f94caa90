#include <doctest/doctest.h>

#include <string>

#include "crypto/hash.h"
#include "crypto/sha512.h"
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

// Produced with python3: hashlib.sha512(bytes(range(n))).hexdigest() (and hashlib.sha384).
// SHA-512 blocks are 128 bytes and the length field is 16 bytes (§5.1.2): 111 bytes is the
// longest message whose padding fits in one block (111 + 1 + 16 = 128); 112 needs a second.
const Known sha512_known[] = {
    {0, "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"},
    {111, "a1a111449b198d9b1f538bad7f3fc1022b3a5b1a5e90a0bc860de8512746cbc31599e6c834de3a3235327af0b51ff57bf7acf1974a73014d9c3953812edc7c8d"},
    {112, "c5fbd731d19d2ae1180f001be72c2c1aaba1d7b094b3748880e24593b8e117a750e11c1bd867cc2f96dace8c8b74abd2d5c4f236be444e77d30d1916174070b9"},
    {127, "eab89674feaa34e27aebeeff3c0a4d70070bb872d5e9f186cf1dbbdee517b6e35724d629ff025a5b07185e911ada7e3c8acf830aa0e4f71777bd2d44f504f7f0"},
    {128, "1dffd5e3adb71d45d2245939665521ae001a317a03720a45732ba1900ca3b8351fc5c9b4ca513eba6f80bc7b1d1fdad4abd13491cb824d61b08d8c0e1561b3f7"},
    {129, "1d9da57fbbdab09afb3506ab2d223d06109d65c1c8ad197f50138f714bc4c3f2fe5787922639c680acad1c651f955990425954ce2cba0c5cc83f2667d878eb0f"},
};

const Known sha384_known[] = {
    {0, "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"},
    {111, "f5f9fe110d809d34029de262a01b208356caec6e054c7f926b2591f6c9780579d4b59f5578c6f531a84f158a33660cef"},
    {112, "33ba080ec0ccb378e4e95fed3b26c23aa1a280476e007519ee47f60cd9c5c8a65d627259a9aa2fd33ca06d3c14ee5548"},
    {127, "d5fcfe2fcf6b3ef375ede37c8123d9b78065fecc1d55197e2f7721e6e9a93d0ba4d7fd15f9b96dea2744df24141ba2ef"},
    {128, "ca2385773319124534111a36d0581fc3f00815e907034b90cff9c3a861e126a741d5dfcff65a417b6d7296863ac0ec17"},
    {129, "ef49ae5b9ad51433d00323528d81ea8d2e4d2b507dbd9f1cb84f952b66249a788b1c89fcdb77a0db9f1feb901d47fc73"},
};

}  // namespace

TEST_CASE("FIPS 180-4 §5.1.2: SHA-512 padding around the block boundary (0, 111, 112, 127, 128, 129 bytes)") {
    for (const Known& k : sha512_known) {
        INFO("length " << k.length);
        CHECK(hex_digest(HashAlgorithm::sha512, counting_message(k.length)) == k.digest);
    }
}

TEST_CASE("FIPS 180-4 §6.5: SHA-384 at the same lengths (own initial values, truncated output)") {
    for (const Known& k : sha384_known) {
        INFO("length " << k.length);
        CHECK(hex_digest(HashAlgorithm::sha384, counting_message(k.length)) == k.digest);
    }
}

TEST_CASE("FIPS 180-4 §5.1.2: a million bytes of 'a' (python3 hashlib)") {
    const Bytes million(1000000, 'a');
    CHECK(hex_digest(HashAlgorithm::sha512, million) ==
          "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b");
    CHECK(hex_digest(HashAlgorithm::sha384, million) ==
          "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985");
}

TEST_CASE("SHA-512: streaming split at every offset equals one-shot") {
    hash_checks::check_streaming_at_every_split(HashAlgorithm::sha512, 260);
    hash_checks::check_streaming_at_every_split(HashAlgorithm::sha384, 260);
}

TEST_CASE("SHA-512: a clone taken mid-stream goes on independently") {
    hash_checks::check_clone_mid_stream(HashAlgorithm::sha512);
    hash_checks::check_clone_mid_stream(HashAlgorithm::sha384);
}

TEST_CASE("SHA-512: final resets the object; a short output buffer is refused") {
    hash_checks::check_final_and_reset(HashAlgorithm::sha512);
    hash_checks::check_final_and_reset(HashAlgorithm::sha384);
}

TEST_CASE("FIPS 180-4 §1: SHA-512 and SHA-384 sizes, and the direct factories") {
    auto h512 = crypto::make_sha512();
    auto h384 = crypto::make_sha384();
    CHECK(h512->algorithm() == HashAlgorithm::sha512);
    CHECK(h512->digest_size() == 64);
    CHECK(h512->block_size() == 128);
    CHECK(h384->algorithm() == HashAlgorithm::sha384);
    CHECK(h384->digest_size() == 48);
    CHECK(h384->block_size() == 128);
}
