// Tests of handshake/messages/change_cipher_spec.cpp (RFC 5246 §7.1) and alert_message.cpp (§7.2).
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/messages/change_cipher_spec.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;
using lucid::record::AlertDescription;
using lucid::record::AlertLevel;
using lucid::record::TlsError;

TEST_CASE("RFC 5246 §7.1: ChangeCipherSpec is the single byte 01") {
    CHECK(to_hex(ChangeCipherSpec{}.encode()) == "01");
    CHECK_NOTHROW(ChangeCipherSpec::parse(from_hex("01")));
}

TEST_CASE("RFC 5246 §7.1: a ChangeCipherSpec of another length is decode_error, another value illegal_parameter") {
    try {
        ChangeCipherSpec::parse(from_hex("0101"));
        FAIL("two bytes accepted");
    } catch (const TlsError& e) {
        CHECK(e.alert() == AlertDescription::decode_error);
    }
    try {
        ChangeCipherSpec::parse(from_hex("02"));
        FAIL("value 2 accepted");
    } catch (const TlsError& e) {
        CHECK(e.alert() == AlertDescription::illegal_parameter);
    }
    CHECK_THROWS_AS(ChangeCipherSpec::parse({}), TlsError);
}

TEST_CASE("RFC 5246 §7.2: Alert is level then description, and round trips") {
    const AlertMessage a{AlertLevel::fatal, AlertDescription::handshake_failure};
    CHECK(to_hex(a.encode()) == "0228");
    const AlertMessage back = AlertMessage::parse(a.encode());
    CHECK(back.level == AlertLevel::fatal);
    CHECK(back.description == AlertDescription::handshake_failure);
    testing::check_every_truncated_prefix_fails(a.encode(), [](ByteView b) { AlertMessage::parse(b); });
    CHECK_THROWS_AS(AlertMessage::parse(from_hex("020000")), TlsError);
}

TEST_CASE("trace: the Alert fields name level and description") {
    Field root;
    AlertMessage::parse(from_hex("0100"), &root);
    REQUIRE(root.children.size() == 2);
    CHECK(root.children[0].value == "warning (1)");
    CHECK(root.children[1].value == "close_notify (0)");
}
