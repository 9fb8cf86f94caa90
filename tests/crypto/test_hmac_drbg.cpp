#include <doctest/doctest.h>

#include <string>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "crypto/random.h"

using namespace lucid;
using crypto::HmacDrbg;

namespace {

Bytes range_bytes(std::size_t from, std::size_t to) {
    Bytes out;
    for (std::size_t i = from; i < to; ++i) out.push_back(static_cast<std::uint8_t>(i));
    return out;
}

std::string generate_hex(HmacDrbg& drbg, std::size_t n, std::string_view additional = {}) {
    Bytes out(n);
    drbg.generate(out, as_bytes(additional));
    return to_hex(out);
}

}  // namespace

TEST_CASE("SP 800-90A §10.1.2.3/§10.1.2.5: the npm hmac-drbg package's own test values") {
    // From hmac-drbg@1.0.1 test/drbg-test.js ("should support hmac-drbg-sha256"): an independent
    // JavaScript implementation; entropy, nonce and personalization are UTF-8 text.
    HmacDrbg with_pers(as_bytes("totally random0123456789"), as_bytes("secret nonce"), as_bytes("my drbg"));
    CHECK(generate_hex(with_pers, 32) == "018ec5f8e08c41e5ac974eb129ac297c5388ee1864324fa13d9b15cf98d9a157");
    HmacDrbg without_pers(as_bytes("totally random0123456789"), as_bytes("secret nonce"), {});
    CHECK(generate_hex(without_pers, 32) == "ed5d61ecf0ef38258e62f03bbb49f19f2cd07ba5145a840d83b134d5963b3633");
}

TEST_CASE("SP 800-90A §10.1.2.4: reseed with additional input, then generate with additional input") {
    // Produced with a direct python3 transcription of §10.1.2.2-§10.1.2.5 on the hmac module
    // (which reproduces the two values of the test above). The NIST vectors in vectors/drbg/
    // have no reseed, so this is the check of reseed().
    HmacDrbg drbg(range_bytes(0, 32), range_bytes(100, 116), as_bytes("lucidtls test"));
    CHECK(generate_hex(drbg, 40) ==
          "f659026e6342798acbab901a30b2cd883e55a744e4fa88fec76c9b353e278e44dfc0bced96ee0a5a");
    drbg.reseed(range_bytes(200, 232), as_bytes("reseed additional"));
    CHECK(drbg.reseed_counter() == 1);
    CHECK(generate_hex(drbg, 40, "generate additional") ==
          "7418b3a3b299952992c8188c3f96a08d2685cd17f9ae7b910e155c00e20481fd6151aa764a476735");
}

TEST_CASE("SP 800-90A §10.1.2.5 step 1: generate refuses once reseed_counter exceeds the reseed interval") {
    HmacDrbg drbg(range_bytes(0, 32), range_bytes(32, 48), {}, 2);
    Bytes out(16);
    CHECK(drbg.reseed_counter() == 1);
    drbg.generate(out, {});
    drbg.generate(out, {});
    CHECK(drbg.reseed_counter() == 3);
    CHECK_THROWS_AS(drbg.generate(out, {}), Error);
    drbg.reseed(range_bytes(48, 80), {});
    CHECK(drbg.reseed_counter() == 1);
    CHECK_NOTHROW(drbg.generate(out, {}));
}

TEST_CASE("SP 800-90A §10.1 Table 2: at most 2^19 bits per request; fill() splits larger requests") {
    HmacDrbg drbg(range_bytes(0, 32), range_bytes(32, 48), {});
    Bytes too_big(HmacDrbg::max_bytes_per_request + 1);
    CHECK_THROWS_AS(drbg.generate(too_big, {}), Error);

    // fill() of 100000 bytes is one request of 65536 bytes followed by one of 34464.
    HmacDrbg a(range_bytes(0, 32), range_bytes(32, 48), {});
    HmacDrbg b(range_bytes(0, 32), range_bytes(32, 48), {});
    Bytes filled(100000);
    a.fill(filled);
    Bytes first(HmacDrbg::max_bytes_per_request), second(100000 - HmacDrbg::max_bytes_per_request);
    b.generate(first, {});
    b.generate(second, {});
    CHECK(filled == concat({first, second}));
}

TEST_CASE("HMAC_DRBG: the same seed gives the same bytes, a different seed different bytes") {
    HmacDrbg a(as_bytes("seed one"), {}, {});
    HmacDrbg b(as_bytes("seed one"), {}, {});
    HmacDrbg c(as_bytes("seed two"), {}, {});
    const Bytes from_a = a.bytes(64);
    CHECK(from_a == b.bytes(64));
    CHECK(from_a != c.bytes(64));
    // Successive requests differ: the state moves on (§10.1.2.5 step 6).
    CHECK(a.bytes(64) != from_a);
}

TEST_CASE("HMAC_DRBG: a reseed interval outside 1 .. 2^48 is refused") {
    CHECK_THROWS_AS(HmacDrbg(as_bytes("seed"), {}, {}, 0), Error);
    CHECK_THROWS_AS(HmacDrbg(as_bytes("seed"), {}, {}, HmacDrbg::max_reseed_interval + 1), Error);
}
