// Tests of handshake/messages/new_session_ticket.cpp: RFC 5077 §3.3.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/messages/new_session_ticket.h"
#include "record/tls_error.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;

TEST_CASE("RFC 5077 §3.3: NewSessionTicket is uint32 ticket_lifetime_hint and opaque ticket<0..2^16-1>") {
    NewSessionTicket m;
    m.ticket_lifetime_hint = 7200;
    m.ticket = from_hex("a1b2c3");
    const Bytes wire = m.encode();
    CHECK(to_hex(wire) == "04000009" "00001c20" "0003" "a1b2c3");
    const NewSessionTicket back = NewSessionTicket::parse(ByteView(wire).subspan(4));
    CHECK(back.ticket_lifetime_hint == 7200);
    CHECK(back.ticket == m.ticket);
    testing::check_every_truncated_prefix_fails(ByteView(wire).subspan(4), [](ByteView b) { NewSessionTicket::parse(b); });
}

TEST_CASE("RFC 5077 §3.3: a zero-length ticket is allowed (the server changed its mind)") {
    const NewSessionTicket back = NewSessionTicket::parse(from_hex("00000000" "0000"));
    CHECK(back.ticket.empty());
}

TEST_CASE("RFC 5077 §3.3: bytes after the ticket are decode_error") {
    CHECK_THROWS_AS(NewSessionTicket::parse(from_hex("00000000" "0001" "aa" "bb")), record::TlsError);
}
