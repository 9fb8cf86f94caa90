#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "crypto/error.h"
#include "crypto/hash.h"
#include "crypto/hex.h"

using namespace lucid;
using crypto::HashAlgorithm;

namespace {
const HashAlgorithm all_algorithms[] = {HashAlgorithm::md5,    HashAlgorithm::sha1,   HashAlgorithm::sha224,
                                        HashAlgorithm::sha256, HashAlgorithm::sha384, HashAlgorithm::sha512};
}

TEST_CASE("hash: names round-trip, in any case and with a dash") {
    for (HashAlgorithm alg : all_algorithms) {
        std::string name(crypto::hash_name(alg));
        INFO(name);
        CHECK(crypto::hash_from_name(name) == alg);
        std::string upper;
        for (char c : name) upper.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
        CHECK(crypto::hash_from_name(upper) == alg);
    }
    CHECK(crypto::hash_name(HashAlgorithm::sha256) == "sha256");
    CHECK(crypto::hash_from_name("SHA-256") == HashAlgorithm::sha256);
    CHECK(crypto::hash_from_name("sha-1") == HashAlgorithm::sha1);
    CHECK(crypto::hash_from_name("MD5") == HashAlgorithm::md5);
}

TEST_CASE("hash: unknown names give nothing") {
    CHECK_FALSE(crypto::hash_from_name("sha3-256").has_value());
    CHECK_FALSE(crypto::hash_from_name("").has_value());
    CHECK_FALSE(crypto::hash_from_name("sha").has_value());
    CHECK_FALSE(crypto::hash_from_name("sha2566").has_value());
}

TEST_CASE("FIPS 180-4 §1, RFC 1321 §3: digest and block sizes agree with the objects make_hash builds") {
    const std::size_t digest_bytes[] = {16, 20, 28, 32, 48, 64};
    const std::size_t block_bytes[] = {64, 64, 64, 64, 128, 128};
    for (std::size_t i = 0; i < std::size(all_algorithms); ++i) {
        const HashAlgorithm alg = all_algorithms[i];
        INFO(crypto::hash_name(alg));
        CHECK(crypto::digest_size(alg) == digest_bytes[i]);
        CHECK(crypto::block_size(alg) == block_bytes[i]);
        auto h = crypto::make_hash(alg);
        CHECK(h->algorithm() == alg);
        CHECK(h->digest_size() == digest_bytes[i]);
        CHECK(h->block_size() == block_bytes[i]);
        CHECK(crypto::digest(alg, {}).size() == digest_bytes[i]);
    }
}

TEST_CASE("hash: one-shot digest of \"abc\" for every algorithm (openssl dgst)") {
    // Produced with: printf abc | openssl dgst -ALG -r
    const char* expected[] = {
        "900150983cd24fb0d6963f7d28e17f72",
        "a9993e364706816aba3e25717850c26c9cd0d89d",
        "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
    };
    for (std::size_t i = 0; i < std::size(all_algorithms); ++i) {
        INFO(crypto::hash_name(all_algorithms[i]));
        CHECK(to_hex(crypto::digest(all_algorithms[i], as_bytes("abc"))) == expected[i]);
    }
}

TEST_CASE("Hash::assign: a copy of a running state, into an existing object, finishes like the original") {
    for (const HashAlgorithm alg : {HashAlgorithm::md5, HashAlgorithm::sha1, HashAlgorithm::sha256, HashAlgorithm::sha384}) {
        CAPTURE(crypto::hash_name(alg));
        const std::string text = "The quick brown fox jumps over the lazy dog, and over the lazy dog again";
        const ByteView bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
        std::unique_ptr<crypto::Hash> running = crypto::make_hash(alg);
        running->update(bytes.first(37));  // a partial block waits in the buffer
        std::unique_ptr<crypto::Hash> copy = crypto::make_hash(alg);
        copy->update(bytes);  // a state of its own, to be replaced
        copy->assign(*running);
        copy->update(bytes.subspan(37));
        running->update(bytes.subspan(37));
        CHECK(copy->final() == crypto::digest(alg, bytes));
        CHECK(running->final() == crypto::digest(alg, bytes));
    }
    std::unique_ptr<crypto::Hash> sha1 = crypto::make_hash(HashAlgorithm::sha1);
    CHECK_THROWS_AS(sha1->assign(*crypto::make_hash(HashAlgorithm::sha256)), Error);
}
