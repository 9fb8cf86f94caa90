#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "crypto/ct.h"

using namespace lucid;

namespace {
const std::uint32_t interesting[] = {0u, 1u, 2u, 3u, 0x7fu, 0x80u, 0xffu, 0x100u, 0x7fffffffu,
                                     0x80000000u, 0x80000001u, 0xfffffffeu, 0xffffffffu};
}

TEST_CASE("ct: masks agree with the ordinary comparisons on edge values") {
    for (std::uint32_t a : interesting) {
        CHECK(ct::is_zero(a) == (a == 0 ? 0xffffffffu : 0u));
        for (std::uint32_t b : interesting) {
            INFO("a=" << a << " b=" << b);
            CHECK(ct::eq(a, b) == (a == b ? 0xffffffffu : 0u));
            CHECK(ct::lt(a, b) == (a < b ? 0xffffffffu : 0u));
            CHECK(ct::ge(a, b) == (a >= b ? 0xffffffffu : 0u));
            CHECK(ct::gt(a, b) == (a > b ? 0xffffffffu : 0u));
            CHECK(ct::le(a, b) == (a <= b ? 0xffffffffu : 0u));
        }
    }
}

TEST_CASE("ct: select picks by mask") {
    CHECK(ct::select(0xffffffffu, 7, 9) == 7);
    CHECK(ct::select(0u, 7, 9) == 9);
    CHECK(ct::select_u8(ct::eq(3, 3), 0xaa, 0x55) == 0xaa);
}

TEST_CASE("ct: conditional_copy copies only under a set mask") {
    std::vector<std::uint8_t> dst = {1, 2, 3}, src = {9, 8, 7};
    ct::conditional_copy(0u, dst, src);
    CHECK(dst == std::vector<std::uint8_t>{1, 2, 3});
    ct::conditional_copy(0xffffffffu, dst, src);
    CHECK(dst == src);
}

TEST_CASE("ct: equal compares every byte, and lengths") {
    std::vector<std::uint8_t> a = {1, 2, 3, 4}, b = {1, 2, 3, 4}, c = {1, 2, 3, 5}, d = {1, 2, 3};
    CHECK(ct::equal(a, b));
    CHECK_FALSE(ct::equal(a, c));
    CHECK_FALSE(ct::equal(a, d));
    CHECK(ct::equal(std::vector<std::uint8_t>{}, std::vector<std::uint8_t>{}));
    for (std::size_t i = 0; i < a.size(); ++i) {
        for (int bit = 0; bit < 8; ++bit) {
            auto e = a;
            e[i] ^= static_cast<std::uint8_t>(1 << bit);
            CHECK_FALSE(ct::equal(a, e));
        }
    }
}

TEST_CASE("ct: declassify ends a constant-time section without changing the value (docs/robustness.md)") {
    for (std::uint32_t a : interesting) CHECK(ct::declassify(a) == a);
    CHECK(ct::declassify(std::size_t{1} << 40) == (std::size_t{1} << 40));
    CHECK(ct::declassify(ct::eq(3, 3)) == 0xffffffffu);
}

TEST_CASE("ct: wipe zeroes exactly the bytes it is given, at any length and alignment") {
    for (std::size_t offset : {0, 1, 7}) {
        for (std::size_t n : {0, 1, 15, 16, 17, 4096, 18432}) {
            std::vector<std::uint8_t> buffer(n + 16, 0xA5);
            ct::wipe(buffer.data() + offset, n);
            std::size_t zeros = 0, kept = 0;
            for (std::size_t i = 0; i < buffer.size(); ++i) {
                const bool inside = i >= offset && i < offset + n;
                zeros += inside && buffer[i] == 0;
                kept += !inside && buffer[i] == 0xA5;
            }
            CAPTURE(offset);
            CAPTURE(n);
            CHECK(zeros == n);
            CHECK(kept == buffer.size() - n);
        }
    }
}
