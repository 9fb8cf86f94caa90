// Session tickets in the engines (handshake/server.cpp, client.cpp), RFC 5077 §3: client and
// server in memory, the flows of §3.1 Figures 1 and 2, and every reason a ticket falls back to a
// full handshake (never an error).
#include <doctest/doctest.h>

#include <algorithm>

#include "handshake/engine_impl.h"
#include "handshake/messages/new_session_ticket.h"
#include "handshake/server_ticket.h"
#include "tests/handshake/engine_harness.h"

using namespace lucid;
using namespace lucid::handshake;
using namespace lucid::handshake::testing;

namespace {

ServerConfig ticket_server(std::shared_ptr<TicketKeyRing> ring, std::int64_t now = test_now) {
    ServerConfig s = test_server_config();
    s.ticket_keys = std::move(ring);
    s.clock = [now] { return now; };
    return s;
}

ClientConfig resuming_client(const SessionState& saved, std::int64_t now = test_now) {
    ClientConfig c = test_client_config();
    c.resume = std::make_shared<const SessionState>(saved.clone());
    c.clock = [now] { return now; };
    return c;
}

// The names of the messages a side sent, in order (ChangeCipherSpec included).
std::vector<std::string> sent(const RecordingTrace& t) {
    // (doctest prints vectors as {?}: the names joined, for a readable failure)
    std::vector<std::string> out;
    for (const MessageTrace& m : t.messages) {
        if (m.direction == Direction::sent) out.push_back(m.name);
    }
    return out;
}

bool noted(const RecordingTrace& t, const std::string& words) {
    return std::any_of(t.notes.begin(), t.notes.end(), [&](const NoteTrace& n) { return n.text.find(words) != std::string::npos; });
}

SessionState first_session(const std::shared_ptr<TicketKeyRing>& ring) {
    Connection c(test_client_config(), ticket_server(ring));
    c.handshake();
    REQUIRE(c.client->is_established());
    std::optional<SessionState> s = c.client->resumable_session();
    REQUIRE(s.has_value());
    REQUIRE_FALSE(s->ticket.empty());
    return std::move(*s);
}

// A second connection offering `saved`; the server's trace is kept.
struct Resumption {
    RecordingTrace server_trace;
    std::unique_ptr<Connection> c;
    Resumption(const SessionState& saved, ServerConfig server, std::int64_t now = test_now) {
        c = std::make_unique<Connection>(resuming_client(saved, now), std::move(server), as_bytes("client seed 2"),
                                         as_bytes("server seed 2"), nullptr, &server_trace);
        c->handshake();
        REQUIRE(c->client->is_established());
        REQUIRE(c->server->is_established());
    }
};

}  // namespace

TEST_CASE("RFC 5077 §3.1, Figure 1: NewSessionTicket comes before the server's ChangeCipherSpec; the client keeps the ticket") {
    auto ring = std::make_shared<TicketKeyRing>();
    RecordingTrace server_trace;
    Connection c(test_client_config(), ticket_server(ring), as_bytes("client seed 0123456789"),
                 as_bytes("server seed 0123456789"), nullptr, &server_trace);
    c.handshake();
    REQUIRE(c.client->is_established());
    CHECK(sent(server_trace) ==
          std::vector<std::string>{"ServerHello", "Certificate", "ServerKeyExchange", "ServerHelloDone", "NewSessionTicket",
                                   "ChangeCipherSpec", "Finished"});
    CHECK(noted(server_trace, "session ticket issued"));
    const std::optional<SessionState> s = c.client->resumable_session();
    REQUIRE(s.has_value());
    CHECK_FALSE(s->ticket.empty());
    CHECK(s->ticket_lifetime_hint == 7200);
    // RFC 5077 §3.4: "If a server is planning on issuing a session ticket to a client that does not
    // present one, it SHOULD include an empty Session ID"; the client discards any ID anyway.
    CHECK(c.client->session().session_id.empty());
    CHECK(s->session_id.empty());
}

TEST_CASE("RFC 5077 §3.1, Figure 2: a ticket resumes its session on a server that keeps no session state") {
    auto ring = std::make_shared<TicketKeyRing>();
    const SessionState saved = first_session(ring);
    Resumption r(saved, ticket_server(ring));  // no session cache
    CHECK(r.c->client->session().resumed);
    CHECK(r.c->server->session().resumed);
    CHECK(sent(r.server_trace) == std::vector<std::string>{"ServerHello", "ChangeCipherSpec", "Finished"});
    CHECK(noted(r.server_trace, "session ticket accepted"));
    // §3.4: the server echoes the Session ID the client generated, which is how the client knows.
    CHECK(r.c->client->session().session_id.size() == 32);
    // Not renewed: the client keeps the ticket it offered.
    CHECK(r.c->client->resumable_session()->ticket == saved.ticket);
}

TEST_CASE("RFC 5077 §3.1, Figure 2: a ticket made with a rotated-out key is accepted and renewed, NewSessionTicket before ChangeCipherSpec") {
    auto ring = std::make_shared<TicketKeyRing>(TicketKeyRing::Limits{7200, 10});
    const SessionState saved = first_session(ring);
    Resumption r(saved, ticket_server(ring, test_now + 20), test_now + 20);
    CHECK(r.c->client->session().resumed);
    CHECK(sent(r.server_trace) == std::vector<std::string>{"ServerHello", "NewSessionTicket", "ChangeCipherSpec", "Finished"});
    CHECK(noted(r.server_trace, "session ticket renewed"));
    const std::optional<SessionState> renewed = r.c->client->resumable_session();
    REQUIRE(renewed.has_value());
    CHECK_FALSE(renewed->ticket.empty());
    CHECK(renewed->ticket != saved.ticket);
    CHECK(renewed->created == saved.created);  // the session is the same one
}

TEST_CASE("RFC 5077 §3.4: a bad (altered) ticket gives a full handshake and a new ticket, never an error") {
    auto ring = std::make_shared<TicketKeyRing>();
    SessionState saved = first_session(ring);
    saved.ticket[saved.ticket.size() - 1] ^= 0x01;
    Resumption r(saved, ticket_server(ring));
    CHECK_FALSE(r.c->client->session().resumed);
    CHECK(noted(r.server_trace, "session ticket rejected: its MAC does not verify"));
    CHECK(r.c->client->resumable_session()->ticket != saved.ticket);
}

TEST_CASE("RFC 5077 §3.4: an expired ticket gives a full handshake, never an error") {
    auto ring = std::make_shared<TicketKeyRing>(TicketKeyRing::Limits{100, 3600});
    const SessionState saved = first_session(ring);
    Resumption r(saved, ticket_server(ring, test_now + 100), test_now + 100);
    CHECK_FALSE(r.c->client->session().resumed);
    CHECK(noted(r.server_trace, "session ticket rejected: expired"));
}

TEST_CASE("RFC 5077 §3.4: a foreign ticket (another server's keys) gives a full handshake, never an error") {
    const SessionState saved = first_session(std::make_shared<TicketKeyRing>());
    Resumption r(saved, ticket_server(std::make_shared<TicketKeyRing>()));
    CHECK_FALSE(r.c->client->session().resumed);
    CHECK(noted(r.server_trace, "session ticket rejected: unknown key name"));
}

TEST_CASE("RFC 6066 §3 with RFC 5077: a valid ticket whose session has another server name gives a full handshake") {
    auto ring = std::make_shared<TicketKeyRing>();
    SessionState saved = first_session(ring);  // made for "localhost" (inside the ticket too)
    saved.server_name = "other.example";        // the client's copy, so that it offers the ticket
    saved.peer_verified = false;
    ClientConfig other = resuming_client(saved);
    other.server_name = "other.example";
    other.verify_peer = false;
    RecordingTrace trace;
    Connection c(std::move(other), ticket_server(ring), as_bytes("c3"), as_bytes("s3"), nullptr, &trace);
    c.handshake();
    REQUIRE(c.client->is_established());
    CHECK_FALSE(c.client->session().resumed);
    CHECK(noted(trace, "session ticket rejected: the server name differs"));
}

TEST_CASE("RFC 5077 §3.2: a server that ignores tickets (--no-ticket) gives a full handshake; the client drops the ticket") {
    auto ring = std::make_shared<TicketKeyRing>();
    const SessionState saved = first_session(ring);
    ServerConfig plain = test_server_config();
    plain.session_cache = std::make_shared<SessionCache>();
    Resumption r(saved, std::move(plain));
    CHECK_FALSE(r.c->client->session().resumed);
    const std::optional<SessionState> next = r.c->client->resumable_session();
    REQUIRE(next.has_value());
    CHECK(next->ticket.empty());
    CHECK(next->session_id.size() == 32);  // the session-ID way instead
}

TEST_CASE("RFC 5246 §7.3 beside RFC 5077: the session-ID cache still resumes clients that do not use tickets") {
    auto ring = std::make_shared<TicketKeyRing>();
    ServerConfig both = ticket_server(ring);
    both.session_cache = std::make_shared<SessionCache>();
    ClientConfig no_tickets = test_client_config();
    no_tickets.session_tickets = false;
    RecordingTrace first_trace;
    Connection first(no_tickets, both, as_bytes("c1"), as_bytes("s1"), nullptr, &first_trace);
    first.handshake();
    REQUIRE(first.client->is_established());
    const std::vector<std::string> first_flights = sent(first_trace);
    CHECK(std::find(first_flights.begin(), first_flights.end(), "NewSessionTicket") == first_flights.end());
    const std::optional<SessionState> saved = first.client->resumable_session();
    REQUIRE(saved.has_value());
    CHECK(saved->ticket.empty());

    ClientConfig again = resuming_client(*saved);
    again.session_tickets = false;
    Connection second(std::move(again), both, as_bytes("c2"), as_bytes("s2"));
    second.handshake();
    CHECK(second.client->session().resumed);
    CHECK(second.client->session().session_id == saved->session_id);
}

TEST_CASE("RFC 5077 §3.1, Figures 1 and 2: the flow tables hold NewSessionTicket before the server's ChangeCipherSpec") {
    const std::string client = client_flow_ladder();
    CHECK(client.find("NewSessionTicket   client_wait_new_session_ticket -> client_wait_change_cipher_spec") != std::string::npos);
    CHECK(client.find("NewSessionTicket   client_resume_wait_new_session_ticket -> client_resume_wait_change_cipher_spec") !=
          std::string::npos);
    const std::string server = server_flow_ladder();
    // Figure 2 (the ClientHello row's flight) and Figure 1 (the client Finished row's flight).
    const std::size_t first = server.find("NewSessionTicket*");
    const std::size_t second = server.find("NewSessionTicket*", first + 1);
    REQUIRE(second != std::string::npos);
    CHECK(first < server.find("[ChangeCipherSpec]*"));
    CHECK(second < server.find("[ChangeCipherSpec]", server.find("server_wait_finished -> established")));
}

TEST_CASE("RFC 5077 §3.3: a NewSessionTicket after a ServerHello without the SessionTicket extension is unexpected_message") {
    // "This message MUST NOT be sent if the server did not include a SessionTicket extension in the
    // ServerHello." The server here has no ticket keys, so its ServerHello has no extension; a
    // NewSessionTicket record is slipped in before its ChangeCipherSpec.
    Connection c(test_client_config(), test_server_config());
    c.client->start();
    c.server->receive(c.client->take_output());
    c.client->receive(c.server->take_output());
    c.server->receive(c.client->take_output());  // ClientKeyExchange, ChangeCipherSpec, Finished
    NewSessionTicket nst;
    nst.ticket = Bytes(32, 0xAB);
    const Bytes message = nst.encode();
    Bytes record = {22, 3, 3, static_cast<std::uint8_t>(message.size() >> 8), static_cast<std::uint8_t>(message.size())};
    append(record, message);
    c.client->receive(record);
    REQUIRE(c.client->failure().has_value());
    CHECK(c.client->failure()->alert == record::AlertDescription::unexpected_message);
}
