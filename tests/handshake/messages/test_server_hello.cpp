// Tests of handshake/messages/server_hello.cpp: RFC 5246 §7.4.1.3.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/messages/server_hello.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;
using lucid::record::AlertDescription;
using lucid::record::TlsError;

namespace {
ServerHello sample() {
    ServerHello h;
    for (std::size_t i = 0; i < h.random.size(); ++i) h.random[i] = static_cast<std::uint8_t>(0xA0 + i);
    h.session_id = Bytes(32, 0x11);
    h.cipher_suite = 0x003D;
    h.extensions.add(ExtensionType::renegotiation_info, encode_renegotiation_info({}));
    h.extensions.add(ExtensionType::server_name, {});
    h.extensions.add(ExtensionType::extended_master_secret, {});
    h.extensions.add(ExtensionType::application_layer_protocol_negotiation, encode_alpn({"http/1.1"}));
    return h;
}
}  // namespace

TEST_CASE("RFC 5246 §7.4.1.3: ServerHello round trip") {
    const Bytes wire = sample().encode();
    CHECK(wire[0] == 2);
    const ServerHello back = ServerHello::parse(ByteView(wire).subspan(4));
    CHECK(back.server_version == 0x0303);
    CHECK(back.random == sample().random);
    CHECK(back.session_id == Bytes(32, 0x11));
    CHECK(back.cipher_suite == 0x003D);
    CHECK(back.compression_method == 0);
    CHECK(back.extensions.server_name_acknowledged);
    CHECK(back.extensions.extended_master_secret);
    REQUIRE(back.extensions.alpn);
    CHECK(back.extensions.alpn->front() == "http/1.1");
    CHECK(back.encode() == wire);
}

TEST_CASE("RFC 5246 §7.4.1.3: every truncated ServerHello fails with decode_error") {
    const Bytes wire = sample().encode();
    ServerHello bare = sample();
    bare.extensions = {};
    const std::size_t valid = bare.encode().size() - 4;
    testing::check_every_truncated_prefix_fails(
        ByteView(wire).subspan(4), [](ByteView b) { ServerHello::parse(b); }, valid);
}

TEST_CASE("RFC 7301 §3.1: a ServerHello ALPN list with two names is decode_error") {
    ServerHello h = sample();
    h.extensions.list.back().data = encode_alpn({"h2", "http/1.1"});
    try {
        ServerHello::parse(ByteView(h.encode()).subspan(4));
        FAIL("accepted two ALPN protocols from a server");
    } catch (const TlsError& e) {
        CHECK(e.alert() == AlertDescription::decode_error);
    }
}

TEST_CASE("RFC 6066 §3: a non-empty server_name in a ServerHello is decode_error") {
    ServerHello h = sample();
    h.extensions.list[1].data = encode_server_name("example.org");
    CHECK_THROWS_AS(ServerHello::parse(ByteView(h.encode()).subspan(4)), TlsError);
}

TEST_CASE("trace: every byte of a ServerHello is explained") {
    const Bytes wire = sample().encode();
    Field root;
    describe_handshake_message(wire[0], wire, root);
    testing::check_every_byte_explained(root, wire.size());
    const Field* suite = testing::find_field(root, "cipher_suite");
    REQUIRE(suite);
    CHECK(suite->value == "TLS_RSA_WITH_AES_256_CBC_SHA256 (0x003d)");
}
