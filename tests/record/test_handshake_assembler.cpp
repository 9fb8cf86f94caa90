// Tests of record/handshake_assembler.cpp: handshake messages across and within records.
#include <doctest/doctest.h>

#include <functional>
#include <vector>

#include "crypto/hex.h"
#include "record/handshake_assembler.h"
#include "record/tls_error.h"

using namespace lucid;
using namespace lucid::record;

namespace {

// msg_type, uint24 length, body (RFC 5246 §7.4).
Bytes message(std::uint8_t type, std::size_t body_length) {
    Bytes m{type, static_cast<std::uint8_t>(body_length >> 16), static_cast<std::uint8_t>(body_length >> 8),
            static_cast<std::uint8_t>(body_length)};
    for (std::size_t i = 0; i < body_length; ++i) m.push_back(static_cast<std::uint8_t>(type + i));
    return m;
}

Record as_record(ContentType type, ByteView fragment) { return Record{type, tls12, Bytes(fragment.begin(), fragment.end())}; }

std::vector<HandshakeMessage> drain(HandshakeAssembler& a) {
    std::vector<HandshakeMessage> out;
    while (auto m = a.next_message()) out.push_back(std::move(*m));
    return out;
}

AlertDescription alert_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const TlsError& e) {
        return e.alert();
    }
    FAIL("no TlsError was thrown");
    return AlertDescription::close_notify;
}

}  // namespace

TEST_CASE("RFC 5246 §7.4: one message in one record gives type, body and raw bytes") {
    HandshakeAssembler a;
    const Bytes hello = message(2, 70);
    a.add(as_record(ContentType::handshake, hello));
    auto messages = drain(a);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].type == 2);
    CHECK(messages[0].body.size() == 70);
    CHECK(messages[0].raw == hello);
    CHECK(Bytes(hello.begin() + 4, hello.end()) == messages[0].body);
    CHECK_FALSE(a.in_message());
}

TEST_CASE("RFC 5246 §6.2.1: several messages coalesced in one record are split") {
    HandshakeAssembler a;
    // ServerHello, Certificate, ServerHelloDone (an empty body) in one record, as servers send them.
    const Bytes flight = concat({message(2, 50), message(11, 300), message(14, 0)});
    a.add(as_record(ContentType::handshake, flight));
    auto messages = drain(a);
    REQUIRE(messages.size() == 3);
    CHECK(messages[0].type == 2);
    CHECK(messages[1].type == 11);
    CHECK(messages[1].body.size() == 300);
    CHECK(messages[2].type == 14);
    CHECK(messages[2].body.empty());
    CHECK(to_hex(messages[2].raw) == "0e000000");
    CHECK(concat({messages[0].raw, messages[1].raw, messages[2].raw}) == flight);
}

TEST_CASE("RFC 5246 §6.2.1: a message fragmented across records is reassembled, cut anywhere") {
    const Bytes flight = concat({message(11, 40), message(16, 9)});
    for (std::size_t piece = 1; piece <= flight.size(); ++piece) {
        INFO("records of " << piece << " bytes");
        HandshakeAssembler a;
        std::vector<HandshakeMessage> messages;
        for (std::size_t at = 0; at < flight.size(); at += piece) {
            const std::size_t n = std::min(piece, flight.size() - at);
            a.add(as_record(ContentType::handshake, ByteView(flight).subspan(at, n)));
            CHECK(a.buffered() <= flight.size());
            for (auto& m : drain(a)) messages.push_back(std::move(m));
        }
        REQUIRE(messages.size() == 2);
        CHECK(concat({messages[0].raw, messages[1].raw}) == flight);
        CHECK(a.buffered() == 0);
    }
}

TEST_CASE("RFC 5246 §7.1: ChangeCipherSpec inside a handshake message is unexpected_message") {
    const Bytes finished = message(20, 12);
    for (std::size_t cut = 1; cut < finished.size(); ++cut) {
        HandshakeAssembler a;
        a.add(as_record(ContentType::handshake, ByteView(finished).first(cut)));
        drain(a);
        CHECK(a.in_message());
        CHECK(alert_of([&] { a.add(as_record(ContentType::change_cipher_spec, from_hex("01"))); }) ==
              AlertDescription::unexpected_message);
    }
}

TEST_CASE("RFC 5246 §7.1: ChangeCipherSpec between whole messages is accepted") {
    HandshakeAssembler a;
    a.add(as_record(ContentType::handshake, message(16, 130)));
    CHECK_FALSE(a.in_message());  // whole but not yet taken
    CHECK_NOTHROW(a.add(as_record(ContentType::change_cipher_spec, from_hex("01"))));
    CHECK(drain(a).size() == 1);
}

TEST_CASE("RFC 5246 §6.2.1: alerts and application data may be interleaved with handshake fragments") {
    HandshakeAssembler a;
    const Bytes m = message(1, 20);
    a.add(as_record(ContentType::handshake, ByteView(m).first(10)));
    CHECK_NOTHROW(a.add(as_record(ContentType::alert, from_hex("015a"))));
    CHECK_NOTHROW(a.add(as_record(ContentType::application_data, from_hex("41"))));
    a.add(as_record(ContentType::handshake, ByteView(m).subspan(10)));
    auto messages = drain(a);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].raw == m);
}

TEST_CASE("A handshake message announcing more than the limit is a decode_error at its header") {
    HandshakeAssembler a(1000);
    a.add_fragment(from_hex("0b0003e9"));  // 1001 bytes announced
    CHECK(alert_of([&] { a.next_message(); }) == AlertDescription::decode_error);
    HandshakeAssembler b(1000);
    b.add_fragment(message(11, 1000));
    CHECK(drain(b).size() == 1);
}
