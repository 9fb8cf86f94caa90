#include <doctest/doctest.h>

#include "crypto/error.h"
#include "crypto/hex.h"

using namespace lucid;

TEST_CASE("hex: round trip of every byte value") {
    Bytes all(256);
    for (int i = 0; i < 256; ++i) all[i] = static_cast<std::uint8_t>(i);
    std::string text = to_hex(all);
    CHECK(text.size() == 512);
    CHECK(text.substr(0, 8) == "00010203");
    CHECK(text.substr(504) == "fcfdfeff");
    CHECK(from_hex(text) == all);
}

TEST_CASE("hex: upper case is accepted, output is lower case") {
    CHECK(from_hex("DEADbeef") == Bytes{0xde, 0xad, 0xbe, 0xef});
    CHECK(to_hex(Bytes{0xAB}) == "ab");
}

TEST_CASE("hex: empty input is the empty string") {
    CHECK(from_hex("").empty());
    CHECK(to_hex(Bytes{}).empty());
}

TEST_CASE("hex: an odd number of digits is rejected with the count") {
    CHECK_THROWS_WITH_AS(from_hex("abc"), "hex: odd number of digits (3); each byte needs two", Error);
}

TEST_CASE("hex: a non-hex character is rejected with its position") {
    CHECK_THROWS_WITH_AS(from_hex("00zz"), "hex: 'z' at position 2 is not a hex digit", Error);
    CHECK_THROWS_WITH_AS(from_hex("00 1"), "hex: byte 0x20 at position 2 is not a hex digit", Error);
}

TEST_CASE("hex: bytes grouped with spaces, colons and newlines, as the trace prints them, are accepted") {
    CHECK(from_hex_separated("4a 6f") == Bytes{0x4a, 0x6f});
    CHECK(from_hex_separated("4a:6f:00") == Bytes{0x4a, 0x6f, 0x00});
    CHECK(from_hex_separated("  4a6f\n  0102\t") == Bytes{0x4a, 0x6f, 0x01, 0x02});
    CHECK(from_hex_separated("") == Bytes{});
}

TEST_CASE("hex: a separator inside a byte is rejected with its position") {
    CHECK_THROWS_WITH_AS(from_hex_separated("4 a"),
                         "hex: byte 0x20 at position 1 splits a byte (separators may only stand between pairs of digits)",
                         Error);
    CHECK_THROWS_WITH_AS(from_hex_separated("4a-6f"), "hex: '-' at position 2 is not a hex digit", Error);
}
