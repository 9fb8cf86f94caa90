#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "record/codec.h"
#include "record/tls_error.h"

using namespace lucid;
using namespace lucid::record;

namespace {
// A small structure in the presentation language:
//   struct { uint8 a; uint16 b; uint24 c; opaque v<1..2^8-1>; opaque w<0..2^16-1>; } Example;
Bytes encode_example() {
    Writer w;
    w.u8(0x01);
    w.u16(0x0203);
    w.u24(0x040506);
    w.vec(1, from_hex("aabb"));
    w.prefixed(2, [](Writer& inner) {
        inner.u8(0x07);
        inner.vec(3, from_hex("cc"));
    });
    return w.take();
}

void decode_example(ByteView data) {
    Reader r(data, "Example");
    CHECK(r.u8("a") == 0x01);
    CHECK(r.u16("b") == 0x0203);
    CHECK(r.u24("c") == 0x040506);
    ByteView v = r.vec_bytes(1, 1, 255, "v");
    CHECK(to_hex(v) == "aabb");
    Reader w = r.vec(2, 0, 65535, "w");
    CHECK(w.u8("x") == 0x07);
    CHECK(to_hex(w.vec_bytes(3, 0, 0xFFFFFF, "y")) == "cc");
    w.expect_end();
    r.expect_end();
}
}  // namespace

TEST_CASE("codec: a nested structure encodes with every length filled in") {
    //        a  b    c      v-len v     w-len x  y-len  y
    CHECK(to_hex(encode_example()) == "01" "0203" "040506" "02" "aabb" "0005" "07" "000001" "cc");
}

TEST_CASE("codec: round trip") { decode_example(encode_example()); }

TEST_CASE("codec: every truncated prefix fails with decode_error, never reads past the end") {
    Bytes full = encode_example();
    for (std::size_t n = 0; n < full.size(); ++n) {
        INFO("prefix of " << n << " bytes");
        ByteView prefix(full.data(), n);
        try {
            Reader r(prefix, "Example");
            r.u8();
            r.u16();
            r.u24();
            r.vec_bytes(1, 1, 255, "v");
            Reader w = r.vec(2, 0, 65535, "w");
            w.u8();
            w.vec_bytes(3, 0, 0xFFFFFF, "y");
            w.expect_end();
            r.expect_end();
            FAIL("a truncated input was accepted");
        } catch (const TlsError& e) {
            CHECK(e.alert() == AlertDescription::decode_error);
        }
    }
}

TEST_CASE("codec: length bounds are enforced and named") {
    Bytes empty_vec = from_hex("00");
    Reader r(empty_vec, "Hello");
    CHECK_THROWS_WITH_AS(r.vec_bytes(1, 1, 255, "session_id"),
                         "Hello: session_id at offset 0 has length 0, allowed 1..255", TlsError);
}

TEST_CASE("codec: trailing bytes are a decode_error with their offset") {
    Bytes data = from_hex("0102");
    Reader r(data, "Msg");
    r.u8();
    CHECK_THROWS_WITH_AS(r.expect_end(), "Msg: 1 trailing byte(s) at offset 1", TlsError);
}

TEST_CASE("codec: sub-readers report absolute offsets") {
    Bytes data = from_hex("ff" "0003" "010203");
    Reader r(data, "M");
    r.u8();
    Reader inner = r.vec(2, 0, 10, "body");
    CHECK(inner.offset() == 3);
    inner.u16();
    CHECK_THROWS_WITH_AS(inner.u16(), "M.body: truncated while reading uint16 at offset 5: need 2 byte(s), 1 left",
                         TlsError);
}

TEST_CASE("codec: a block larger than its prefix allows is refused when building") {
    Writer w;
    Bytes big(256, 0);
    CHECK_THROWS_AS(w.vec(1, big), Error);
    CHECK_THROWS_AS(w.u24(0x1000000), Error);
}
