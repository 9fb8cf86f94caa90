// Tests of handshake/server_ticket.cpp: ticket protection and key rotation, RFC 5077 §4.
#include <doctest/doctest.h>

#include "crypto/error.h"
#include "crypto/random.h"
#include "handshake/server_ticket.h"

using namespace lucid;
using namespace lucid::handshake;

namespace {

constexpr std::int64_t t0 = 1704067200;

SessionState session_at(std::int64_t created) {
    SessionState s;
    s.cipher_suite = 0x003c;
    s.master_secret = SecretBytes(Bytes(48, 0x42));
    s.server_name = "localhost";
    s.created = created;
    return s;
}

crypto::HmacDrbg drbg(const char* seed) {
    return crypto::HmacDrbg(as_bytes(seed), as_bytes("ticket tests"), as_bytes(""));
}

}  // namespace

TEST_CASE("RFC 5077 §4: a sealed ticket opens to the same session; key_name(16) || IV(16) || len || state || HMAC-SHA-256(32)") {
    auto random = drbg("seal");
    TicketKeyRing ring;
    const Bytes ticket = ring.seal(session_at(t0), t0, random);
    CHECK(ticket.size() == 16 + 16 + 2 + (ticket.size() - 66) + 32);
    CHECK((ticket.size() - 66) % 16 == 0);  // AES-CBC blocks
    const OpenedTicket opened = ring.open(ticket, t0 + 10);
    REQUIRE(opened.session.has_value());
    CHECK(opened.session->master_secret.view()[0] == 0x42);
    CHECK(opened.session->server_name == "localhost");
    CHECK_FALSE(opened.renew);
}

TEST_CASE("RFC 5077 §4: two tickets for the same session differ (a fresh IV each time)") {
    auto random = drbg("iv");
    TicketKeyRing ring;
    CHECK(ring.seal(session_at(t0), t0, random) != ring.seal(session_at(t0), t0, random));
}

TEST_CASE("RFC 5077 §4: a ticket with any byte changed is refused (the MAC covers key_name, IV and state)") {
    auto random = drbg("flip");
    TicketKeyRing ring;
    const Bytes ticket = ring.seal(session_at(t0), t0, random);
    for (std::size_t i = 0; i < ticket.size(); ++i) {
        Bytes bad = ticket;
        bad[i] ^= 0x01;
        const OpenedTicket opened = ring.open(bad, t0);
        CHECK_FALSE(opened.session.has_value());
        CHECK_FALSE(opened.why_not.empty());
    }
    Bytes forged = ticket;
    forged[40] ^= 0x80;
    CHECK(ring.open(forged, t0).why_not.find("MAC") != std::string::npos);
}

TEST_CASE("RFC 5077 §4: a ticket of another server (unknown key_name) is refused, saying so") {
    auto random = drbg("foreign");
    TicketKeyRing ours, theirs;
    const Bytes ticket = theirs.seal(session_at(t0), t0, random);
    const OpenedTicket opened = ours.open(ticket, t0);
    CHECK_FALSE(opened.session.has_value());
    CHECK(opened.why_not.find("unknown key name") != std::string::npos);
}

TEST_CASE("RFC 5077 §4: short or malformed tickets are refused without reading past them") {
    TicketKeyRing ring;
    for (std::size_t n : {0, 1, 16, 65, 66, 81}) CHECK_FALSE(ring.open(Bytes(n, 0), t0).session.has_value());
}

TEST_CASE("RFC 5077 §3.3: a ticket is refused once its session is older than the lifetime") {
    auto random = drbg("expiry");
    TicketKeyRing ring(TicketKeyRing::Limits{100, 1000});
    const Bytes ticket = ring.seal(session_at(t0), t0, random);
    CHECK(ring.open(ticket, t0 + 99).session.has_value());
    const OpenedTicket late = ring.open(ticket, t0 + 100);
    CHECK_FALSE(late.session.has_value());
    CHECK(late.why_not.find("expired") != std::string::npos);
    CHECK(ring.lifetime_hint(t0, t0 + 30) == 70);
}

TEST_CASE("RFC 5077 §4 key rotation: a new key every rotate_seconds; the previous one still opens (and renews) its tickets") {
    auto random = drbg("rotate");
    TicketKeyRing ring(TicketKeyRing::Limits{100, 50});
    const Bytes old_ticket = ring.seal(session_at(t0), t0, random);
    CHECK(ring.key_count() == 1);
    const Bytes new_ticket = ring.seal(session_at(t0 + 60), t0 + 60, random);  // rotated
    CHECK(ring.key_count() == 2);
    CHECK(!std::equal(old_ticket.begin(), old_ticket.begin() + 16, new_ticket.begin()));  // another key name
    const OpenedTicket old_opened = ring.open(old_ticket, t0 + 60);
    REQUIRE(old_opened.session.has_value());
    CHECK(old_opened.renew);
    CHECK_FALSE(ring.open(new_ticket, t0 + 60).renew);
    // The first key made tickets until t0 + 50, valid until t0 + 150: then it goes.
    ring.seal(session_at(t0 + 150), t0 + 150, random);
    CHECK(ring.open(old_ticket, t0 + 150).why_not.find("unknown key name") != std::string::npos);
}

TEST_CASE("RFC 5077 §4: fixed keys (a key file): the first issues, the others only open, and their tickets are renewed") {
    auto random = drbg("fixed");
    const TicketKey old_key = TicketKey::generate(random, 0);
    std::vector<TicketKey> first;
    first.push_back(old_key.clone());
    TicketKeyRing before(std::move(first), {});
    const Bytes ticket = before.seal(session_at(t0), t0, random);

    std::vector<TicketKey> rotated;
    rotated.push_back(TicketKey::generate(random, 0));
    rotated.push_back(old_key.clone());
    TicketKeyRing after(std::move(rotated), {});
    const OpenedTicket opened = after.open(ticket, t0 + 5);
    REQUIRE(opened.session.has_value());
    CHECK(opened.renew);
    // Fixed rings never rotate: far later, still the same single key.
    CHECK_FALSE(before.open(before.seal(session_at(t0 + 99999), t0 + 99999, random), t0 + 99999).renew);
    CHECK(before.key_count() == 1);
    CHECK_THROWS_AS(TicketKeyRing(std::vector<TicketKey>{}, {}), Error);
}
