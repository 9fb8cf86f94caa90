// Tests of record/secret_length_hmac.cpp: for every length in the range, the constant-time HMAC is
// the ordinary HMAC (crypto/hmac.cpp) of header || data[0..length).
#include <doctest/doctest.h>

#include "crypto/error.h"
#include "crypto/hash.h"
#include "crypto/hex.h"
#include "crypto/hmac.h"
#include "record/secret_length_hmac.h"

using namespace lucid;

namespace {
Bytes counting(std::size_t n, std::uint8_t start) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(start + 7 * i);
    return b;
}
}  // namespace

TEST_CASE("Lucky Thirteen countermeasure: the HMAC at a secret length equals RFC 2104 HMAC at every length") {
    for (auto alg : {crypto::HashAlgorithm::sha1, crypto::HashAlgorithm::sha256, crypto::HashAlgorithm::sha384}) {
        INFO(crypto::hash_name(alg));
        const Bytes header = counting(13, 0x80);
        const Bytes data = counting(300, 1);
        for (std::size_t key_size : {std::size_t{20}, crypto::digest_size(alg), crypto::block_size(alg) + 1}) {
            const Bytes key = counting(key_size, 0x41);
            const std::size_t max_length = 299, min_length = max_length - 255;
            for (std::size_t length = min_length; length <= max_length; ++length) {
                Bytes out(crypto::digest_size(alg));
                record::hmac_secret_length(alg, key, header, data, static_cast<std::uint32_t>(length), min_length,
                                           max_length, out);
                const Bytes expected = crypto::hmac(alg, key, concat({header, ByteView(data).first(length)}));
                REQUIRE(to_hex(out) == to_hex(expected));
            }
        }
    }
}

TEST_CASE("Lucky Thirteen countermeasure: a range starting at 0 and a single-point range work") {
    const Bytes key = counting(32, 3), header = counting(13, 9), data = counting(40, 5);
    for (std::uint32_t length = 0; length <= 40; ++length) {
        Bytes out(32);
        record::hmac_secret_length(crypto::HashAlgorithm::sha256, key, header, data, length, 0, 40, out);
        CHECK(out == crypto::hmac(crypto::HashAlgorithm::sha256, key, concat({header, ByteView(data).first(length)})));
    }
    Bytes out(32);
    record::hmac_secret_length(crypto::HashAlgorithm::sha256, key, header, data, 17, 17, 17, out);
    CHECK(out == crypto::hmac(crypto::HashAlgorithm::sha256, key, concat({header, ByteView(data).first(17)})));
}

TEST_CASE("hmac_secret_length refuses a range that does not fit the data") {
    const Bytes key(20, 1), header(13, 2), data(10, 3);
    Bytes out(20);
    CHECK_THROWS_AS(record::hmac_secret_length(crypto::HashAlgorithm::sha1, key, header, data, 5, 6, 5, out), Error);
    CHECK_THROWS_AS(record::hmac_secret_length(crypto::HashAlgorithm::sha1, key, header, data, 5, 0, 11, out), Error);
    Bytes short_out(19);
    CHECK_THROWS_AS(record::hmac_secret_length(crypto::HashAlgorithm::sha1, key, header, data, 5, 0, 10, short_out),
                    Error);
}
