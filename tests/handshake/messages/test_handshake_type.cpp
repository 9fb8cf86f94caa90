// Tests of handshake/messages/handshake_type.cpp: RFC 5246 §7.4 header and names.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/messages/handshake_type.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;

TEST_CASE("RFC 5246 §7.4: the handshake header is msg_type and a 24-bit length") {
    CHECK(to_hex(frame_handshake(HandshakeType::finished, from_hex("aabb"))) == "14000002aabb");
}

TEST_CASE("RFC 5246 §7.4: message type names, unknown ones in hex") {
    CHECK(handshake_type_name(1) == "ClientHello");
    CHECK(handshake_type_name(16) == "ClientKeyExchange");
    CHECK(handshake_type_name(99) == "unknown(0x63)");
    CHECK(handshake_type_section(2) == "RFC 5246 §7.4.1.3");
}

TEST_CASE("trace: a message type lucidtls does not parse is one opaque body field") {
    // certificate_status (22, RFC 6066 §8): OCSP stapling, not implemented.
    const Bytes wire = frame_handshake(static_cast<HandshakeType>(22), from_hex("00112233"));
    Field root;
    describe_handshake_message(wire[0], wire, root);
    CHECK(root.name == "unknown(0x16)");
    CHECK(root.note == "not interpreted by lucidtls");
    testing::check_every_byte_explained(root, wire.size());
}

TEST_CASE("RFC 5077 §3.3: NewSessionTicket is described field by field") {
    const Bytes wire = frame_handshake(HandshakeType::new_session_ticket, from_hex("00001c20" "0002" "abcd"));
    Field root;
    describe_handshake_message(wire[0], wire, root);
    CHECK(root.name == "NewSessionTicket");
    CHECK(testing::find_field(root, "ticket_lifetime_hint") != nullptr);
    testing::check_every_byte_explained(root, wire.size());
}

TEST_CASE("RFC 5246 §7.4.7: ClientKeyExchange is read in the form of the negotiated key exchange") {
    const Bytes wire = frame_handshake(HandshakeType::client_key_exchange, from_hex("0002abcd"));
    Field rsa;
    describe_handshake_message(wire[0], wire, rsa);
    CHECK(testing::find_field(rsa, "EncryptedPreMasterSecret") != nullptr);
    Field dhe;
    describe_handshake_message(wire[0], wire, dhe, KeyExchange::dhe_rsa);
    CHECK(testing::find_field(dhe, "EncryptedPreMasterSecret") == nullptr);
    CHECK(testing::find_field(dhe, "dh_Yc") != nullptr);
    testing::check_every_byte_explained(dhe, wire.size());
}

TEST_CASE("trace: a handshake header whose length disagrees with the bytes is decode_error") {
    Field root;
    CHECK_THROWS_AS(describe_handshake_message(1, from_hex("01000005aabb"), root), record::TlsError);
}
