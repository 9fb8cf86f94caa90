// Tests of handshake/extensions.cpp: the generic extension list, RFC 5246 §7.4.1.4.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/extensions.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;
using lucid::record::AlertDescription;
using lucid::record::TlsError;

namespace {
HelloExtensions read(ByteView block, HelloKind kind = HelloKind::client_hello) {
    FieldReader r(block, "test", 0, nullptr);
    HelloExtensions e = read_extensions(r, kind);
    r.expect_end();
    return e;
}
}  // namespace

TEST_CASE("RFC 5246 §7.4.1.4: \"There MUST NOT be more than one extension of the same type\" -> decode_error") {
    // extensions<0..2^16-1> holding extended_master_secret (0x0017) twice, each with empty data
    try {
        read(from_hex("0008" "00170000" "00170000"));
        FAIL("duplicate accepted");
    } catch (const TlsError& e) {
        CHECK(e.alert() == AlertDescription::decode_error);
    }
}

TEST_CASE("RFC 5246 §7.4.1.4: unknown extensions are kept and otherwise ignored") {
    const HelloExtensions e = read(from_hex("000a" "abcd0002cafe" "00170000"));
    REQUIRE(e.list.size() == 2);
    CHECK(e.list[0].type == 0xabcd);
    CHECK(to_hex(e.list[0].data) == "cafe");
    CHECK(e.extended_master_secret);
    CHECK(extension_name(0xabcd) == "unknown(0xabcd)");
    CHECK(extension_name(0xff01) == "renegotiation_info");
}

TEST_CASE("RFC 5246 §7.4.1.2: no extensions block at all is an empty list, and nothing is written for it") {
    CHECK(read({}).list.empty());
    record::Writer w;
    write_extensions(w, HelloExtensions{});
    CHECK(w.size() == 0);
}

TEST_CASE("RFC 5246 §7.4.1.4: an extension whose data overruns the block is decode_error") {
    CHECK_THROWS_AS(read(from_hex("0006" "abcd0005cafe")), TlsError);
    CHECK_THROWS_AS(read(from_hex("0002" "ab")), TlsError);
}

TEST_CASE("trace: each extension is a group naming its type, and every byte is explained") {
    const Bytes block = from_hex("000a" "abcd0002cafe" "00170000");
    Field root;
    FieldReader r(block, "test", 0, &root);
    read_extensions(r, HelloKind::client_hello);
    testing::check_every_byte_explained(root, block.size());
    const Field* first = testing::find_field(root, "[0]");
    REQUIRE(first);
    CHECK(first->value == "unknown(0xabcd)");
}
