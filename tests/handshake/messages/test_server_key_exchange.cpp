// Tests of handshake/messages/server_key_exchange.cpp: RFC 5246 §7.4.3 (DHE_RSA form).
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/messages/server_key_exchange.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;
using lucid::record::TlsError;

namespace {

ServerKeyExchange small_example() {
    ServerKeyExchange m;
    m.params.dh_p = from_hex("00ffef");  // a leading zero byte survives: it is what was sent
    m.params.dh_g = from_hex("02");
    m.params.dh_Ys = from_hex("1234");
    m.signed_params.algorithm = 0x0401;  // rsa_pkcs1_sha256
    m.signed_params.signature = from_hex("a1a2a3");
    return m;
}

// The parser's own tree, behind a stand-in for the 4-byte header.
Field tree_of(const Bytes& wire) {
    Field root;
    root.children.push_back(Field{"header", 0, 4, "", "", {}});
    ServerKeyExchange::parse(ByteView(wire).subspan(4), &root);
    return root;
}

}  // namespace

TEST_CASE("RFC 5246 §7.4.3: ServerKeyExchange round trip, byte by byte") {
    const ServerKeyExchange m = small_example();
    const Bytes wire = m.encode();
    CHECK(to_hex(wire) ==
          "0c000013"        // server_key_exchange, length 19
          "0003" "00ffef"   // dh_p<1..2^16-1>
          "0001" "02"       // dh_g
          "0002" "1234"     // dh_Ys
          "0401"            // signed_params.algorithm: rsa_pkcs1_sha256
          "0003" "a1a2a3"); // signed_params.signature<0..2^16-1>
    const ServerKeyExchange back = ServerKeyExchange::parse(ByteView(wire).subspan(4));
    CHECK(back.params.dh_p == m.params.dh_p);
    CHECK(back.params.dh_g == m.params.dh_g);
    CHECK(back.params.dh_Ys == m.params.dh_Ys);
    CHECK(back.signed_params.algorithm == 0x0401);
    CHECK(back.signed_params.signature == m.signed_params.signature);
}

TEST_CASE("RFC 5246 §7.4.3: every truncated ServerKeyExchange fails with decode_error") {
    const Bytes wire = small_example().encode();
    testing::check_every_truncated_prefix_fails(ByteView(wire).subspan(4),
                                                [](ByteView b) { ServerKeyExchange::parse(b); });
}

TEST_CASE("RFC 5246 §7.4.3: empty dh_p, dh_g or dh_Ys (<1..2^16-1>) is decode_error; trailing bytes too") {
    CHECK_THROWS_AS(ServerKeyExchange::parse(from_hex("0000" "000102" "000112" "0401" "0000")), TlsError);
    CHECK_THROWS_AS(ServerKeyExchange::parse(from_hex("000105" "0000" "000102" "0401" "0000")), TlsError);
    CHECK_THROWS_AS(ServerKeyExchange::parse(from_hex("000105" "000102" "0000" "0401" "0000")), TlsError);
    Bytes extra = small_example().encode();
    extra.push_back(0);
    CHECK_THROWS_AS(ServerKeyExchange::parse(ByteView(extra).subspan(4)), TlsError);
}

TEST_CASE("RFC 5246 §7.4.3: the signature covers client_random + server_random + ServerDHParams") {
    const ServerKeyExchange m = small_example();
    const Bytes client_random(32, 0xc1);
    const Bytes server_random(32, 0x5e);
    const Bytes signed_content = m.signed_content(client_random, server_random);
    CHECK(to_hex(signed_content) == to_hex(client_random) + to_hex(server_random) + "000300ffef" "000102" "00021234");
    // Swapping the randoms changes what is signed: the order is part of the rule.
    CHECK(m.signed_content(server_random, client_random) != signed_content);
}

TEST_CASE("trace: every byte of a ServerKeyExchange is explained, and p, g and Ys are named") {
    const Bytes wire = small_example().encode();
    const Field root = tree_of(wire);
    testing::check_every_byte_explained(root, wire.size());
    REQUIRE(testing::find_field(root, "dh_p") != nullptr);
    CHECK(testing::find_field(root, "dh_g")->value == "2 (0x2)");
    REQUIRE(testing::find_field(root, "dh_Ys") != nullptr);
    REQUIRE(testing::find_field(root, "algorithm") != nullptr);
    CHECK(testing::find_field(root, "algorithm")->value == "rsa_pkcs1_sha256 (0x0401)");
}
