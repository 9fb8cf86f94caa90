#include <doctest/doctest.h>

#include <array>

#include "crypto/random.h"

using namespace lucid;

TEST_CASE("getrandom(2): OsRandom fills buffers of every size, including more than 256 bytes") {
    crypto::OsRandom random;
    for (std::size_t n : {0u, 1u, 32u, 257u, 100000u}) {
        INFO("size " << n);
        Bytes out(n, 0);
        random.fill(out);
        if (n >= 32) CHECK(out != Bytes(n, 0));  // 2^-256 chance of a false failure
    }
}

TEST_CASE("getrandom(2): two draws differ, and the bytes look uniform") {
    crypto::RandomSource& random = crypto::os_random();
    CHECK(random.bytes(32) != random.bytes(32));

    // 256000 bytes: each value is expected 1000 times (standard deviation about 31.6); a count
    // outside 800..1200 is more than six deviations away, far beyond chance.
    const Bytes sample = random.bytes(256000);
    std::array<std::size_t, 256> counts{};
    for (std::uint8_t b : sample) ++counts[b];
    for (std::size_t value = 0; value < 256; ++value) {
        INFO("byte value " << value);
        CHECK(counts[value] > 800);
        CHECK(counts[value] < 1200);
    }
}

TEST_CASE("os_random(): one process-wide source; secret() gives wiped-on-destruction bytes of the size asked") {
    CHECK(&crypto::os_random() == &crypto::os_random());
    SecretBytes s = crypto::os_random().secret(48);
    CHECK(s.size() == 48);
    CHECK(Bytes(s.view().begin(), s.view().end()) != Bytes(48, 0));
}
