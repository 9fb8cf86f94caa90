// Tests of handshake/messages/client_hello.cpp: RFC 5246 §7.4.1.2.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/cipher_suites.h"
#include "handshake/messages/client_hello.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;
using lucid::record::AlertDescription;
using lucid::record::TlsError;

namespace {

ClientHello sample_hello() {
    ClientHello h;
    h.client_version = 0x0303;
    for (std::size_t i = 0; i < h.random.size(); ++i) h.random[i] = static_cast<std::uint8_t>(i);
    h.session_id = from_hex("aabbcc");
    h.cipher_suites = {0x003C, 0x002F, TLS_EMPTY_RENEGOTIATION_INFO_SCSV};
    h.compression_methods = {0};
    h.extensions.add(ExtensionType::server_name, encode_server_name("example.org"));
    h.extensions.add(ExtensionType::signature_algorithms, encode_signature_algorithms({0x0401, 0x0201}));
    h.extensions.add(ExtensionType::application_layer_protocol_negotiation, encode_alpn({"h2", "http/1.1"}));
    h.extensions.add(ExtensionType::extended_master_secret, {});
    h.extensions.add(ExtensionType::renegotiation_info, encode_renegotiation_info({}));
    h.extensions.list.push_back({0x1234, from_hex("00010203")});  // unknown: kept, ignored
    return h;
}

ByteView body_of(const Bytes& message) { return ByteView(message).subspan(4); }

}  // namespace

TEST_CASE("RFC 5246 §7.4.1.2: ClientHello round trip, with every field read back") {
    const ClientHello h = sample_hello();
    const Bytes wire = h.encode();
    CHECK(wire[0] == 1);  // msg_type client_hello
    const ClientHello back = ClientHello::parse(body_of(wire));
    CHECK(back.client_version == 0x0303);
    CHECK(back.random == h.random);
    CHECK(back.session_id == h.session_id);
    CHECK(back.cipher_suites == h.cipher_suites);
    CHECK(back.compression_methods == Bytes{0});
    REQUIRE(back.extensions.server_name);
    CHECK(*back.extensions.server_name == "example.org");
    REQUIRE(back.extensions.signature_algorithms);
    CHECK(*back.extensions.signature_algorithms == std::vector<std::uint16_t>{0x0401, 0x0201});
    REQUIRE(back.extensions.alpn);
    CHECK(*back.extensions.alpn == std::vector<std::string>{"h2", "http/1.1"});
    CHECK(back.extensions.extended_master_secret);
    REQUIRE(back.extensions.renegotiation_info);
    CHECK(back.extensions.renegotiation_info->empty());
    CHECK(back.extensions.list.size() == 6);
    CHECK(back.encode() == wire);
}

TEST_CASE("RFC 5246 §7.4.1.2: the encoding of a minimal ClientHello, byte by byte") {
    ClientHello h;
    h.cipher_suites = {0x002F};
    const Bytes wire = h.encode();
    const std::string expected =
        "01" "000029"      // msg_type client_hello, length 41
        "0303"             // client_version TLS 1.2
        + std::string(64, '0') +  // random (zeros)
        "00"               // session_id<0..32>: empty
        "0002" "002f"      // cipher_suites<2..2^16-2>: TLS_RSA_WITH_AES_128_CBC_SHA
        "01" "00";         // compression_methods<1..2^8-1>: null
    CHECK(to_hex(wire) == expected);
}

TEST_CASE("RFC 5246 §7.4.1.2: every truncated ClientHello fails with decode_error") {
    const Bytes wire = sample_hello().encode();
    ClientHello without = sample_hello();
    without.extensions = {};
    const std::size_t no_extensions_length = without.encode().size() - 4;
    // Cut exactly before the extensions block, the hello is a valid one without extensions.
    CHECK(ClientHello::parse(body_of(wire).first(no_extensions_length)).extensions.list.empty());
    testing::check_every_truncated_prefix_fails(
        body_of(wire), [](ByteView b) { ClientHello::parse(b); }, no_extensions_length);
}

TEST_CASE("RFC 5246 §7.4.1.4.1: a ClientHello without signature_algorithms is valid") {
    ClientHello h = sample_hello();
    std::erase_if(h.extensions.list, [](const Extension& e) {
        return e.type == static_cast<std::uint16_t>(ExtensionType::signature_algorithms);
    });
    const ClientHello back = ClientHello::parse(body_of(h.encode()));
    CHECK_FALSE(back.extensions.signature_algorithms.has_value());
    CHECK(back.extensions.server_name == std::optional<std::string>("example.org"));
}

TEST_CASE("RFC 5246 §7.4.1.2: malformed ClientHellos give decode_error") {
    const Bytes wire = sample_hello().encode();
    const Bytes body(wire.begin() + 4, wire.end());

    SUBCASE("trailing byte after the extensions") {
        Bytes b = body;
        b.push_back(0);
        CHECK_THROWS_AS(ClientHello::parse(b), TlsError);
    }
    SUBCASE("session_id longer than 32 bytes") {
        record::Writer w;
        w.u16(0x0303);
        w.bytes(Bytes(32, 0));
        w.vec(1, Bytes(33, 7));
        w.vec(2, from_hex("002f"));
        w.vec(1, from_hex("00"));
        try {
            ClientHello::parse(w.data());
            FAIL("accepted a 33-byte session_id");
        } catch (const TlsError& e) {
            CHECK(e.alert() == AlertDescription::decode_error);
        }
    }
    SUBCASE("an odd cipher_suites length") {
        record::Writer w;
        w.u16(0x0303);
        w.bytes(Bytes(32, 0));
        w.vec(1, {});
        w.vec(2, from_hex("002f00"));
        w.vec(1, from_hex("00"));
        try {
            ClientHello::parse(w.data());
            FAIL("accepted an odd cipher_suites length");
        } catch (const TlsError& e) {
            CHECK(e.alert() == AlertDescription::decode_error);
        }
    }
    SUBCASE("empty compression_methods") {
        record::Writer w;
        w.u16(0x0303);
        w.bytes(Bytes(32, 0));
        w.vec(1, {});
        w.vec(2, from_hex("002f"));
        w.vec(1, {});
        CHECK_THROWS_AS(ClientHello::parse(w.data()), TlsError);
    }
}

TEST_CASE("trace: every byte of a ClientHello is explained by a field read by the parser") {
    const Bytes wire = sample_hello().encode();
    Field root;
    describe_handshake_message(wire[0], wire, root);
    CHECK(root.name == "ClientHello");
    testing::check_every_byte_explained(root, wire.size());
    const Field* version = testing::find_field(root, "client_version");
    REQUIRE(version != nullptr);
    CHECK(version->offset == 4);
    CHECK(version->length == 2);
    CHECK(version->value == "TLS 1.2 (0x0303)");
    const Field* suites = testing::find_field(root, "cipher_suites");
    REQUIRE(suites != nullptr);
    CHECK(suites->children.size() == 4);  // length + 3 suites
    CHECK(suites->children[1].value == "TLS_RSA_WITH_AES_128_CBC_SHA256 (0x003c)");
    CHECK(suites->children[3].value == "TLS_EMPTY_RENEGOTIATION_INFO_SCSV (0x00ff)");
}
