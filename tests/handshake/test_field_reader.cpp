// Tests of handshake/field_reader.cpp: the parser-filled trace tree.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/field_reader.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;

TEST_CASE("FieldReader: offsets are absolute (base offset added), vectors hold their length field") {
    const Bytes data = from_hex("0102" "0003aabbcc");
    Field root;
    FieldReader r(data, "msg", 4, &root);
    CHECK(r.u16("version") == 0x0102);
    r.vec(2, 0, 10, "items", [](FieldReader& items) {
        while (!items.empty()) items.u8("item");
    });
    r.expect_end();
    REQUIRE(root.children.size() == 2);
    CHECK(root.children[0].offset == 4);
    const Field& items = root.children[1];
    CHECK(items.offset == 6);
    CHECK(items.length == 5);
    REQUIRE(items.children.size() == 4);
    CHECK(items.children[0].name == "length");
    CHECK(items.children[0].length == 2);
    CHECK(items.children[3].offset == 10);
    CHECK(items.children[3].value == "204");
}

TEST_CASE("FieldReader: without a tree it parses the same and records nothing") {
    const Bytes data = from_hex("0003aabbcc");
    FieldReader r(data, "msg", 0, nullptr);
    const ByteView v = r.vec_bytes(2, 1, 3, "v");
    CHECK(to_hex(v) == "aabbcc");
    CHECK(r.node() == nullptr);
}

TEST_CASE("FieldReader: a vector body that leaves bytes unread is decode_error") {
    const Bytes data = from_hex("0002aabb");
    FieldReader r(data, "msg", 0, nullptr);
    CHECK_THROWS_AS(r.vec(2, 0, 10, "v", [](FieldReader& inner) { inner.u8("one"); }), record::TlsError);
}

TEST_CASE("FieldReader: a group covers exactly what its body read") {
    const Bytes data = from_hex("010203");
    Field root;
    FieldReader r(data, "msg", 0, &root);
    r.group("pair", [](FieldReader& g) {
        g.u8("a");
        g.u8("b");
    });
    r.u8("c");
    REQUIRE(root.children.size() == 2);
    CHECK(root.children[0].length == 2);
    CHECK(root.children[1].offset == 2);
    testing::check_every_byte_explained(root, data.size());
}
