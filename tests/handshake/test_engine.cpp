// Tests of handshake/engine.cpp with client.cpp and server.cpp: whole connections in memory, for
// the RSA handshake and the variants (resumption, DHE_RSA; client certificates: test_server.cpp).
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "handshake/cipher_suites.h"
#include "handshake/engine.h"
#include "handshake/engine_impl.h"
#include "handshake/messages/client_hello.h"
#include "handshake/messages/server_hello_done.h"
#include "record/record.h"
#include "tests/handshake/engine_harness.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;
using namespace lucid::handshake::testing;
using lucid::record::AlertDescription;

namespace {

// The walkthrough's RSA handshake (docs/handshake.md): the defaults now prefer ECDHE.
ClientConfig walkthrough_client_config() {
    ClientConfig c = test_client_config();
    c.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256};
    return c;
}

Bytes big_payload(std::size_t n) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(i * 7 + 3);
    return b;
}

}  // namespace

TEST_CASE("RFC 5246 §7.3: a full handshake, data both ways and close_notify, for every row of the suite table (RSA, DHE_RSA, ECDHE_RSA, DH_anon; CBC, AEAD, NULL)") {
    for (const CipherSuiteInfo& suite : all_cipher_suites()) {
        CAPTURE(suite.iana_name);
        ClientConfig c = test_client_config();
        ServerConfig s = test_server_config();
        c.cipher_suites = {suite.suite};
        s.cipher_suites = {suite.suite};
        c.lab_anonymous = s.lab_anonymous = is_anonymous(suite);  // DH_anon: the lab (test_key_exchange_dh_anon.cpp)
        Connection conn(c, s);
        conn.handshake();
        REQUIRE(conn.client->state() == State::established);
        REQUIRE(conn.server->state() == State::established);
        CHECK(Connection::has(conn.client_events, Event::Kind::handshake_complete));
        CHECK(Connection::has(conn.server_events, Event::Kind::handshake_complete));

        const SessionInfo& cs = conn.client->session();
        const SessionInfo& ss = conn.server->session();
        CHECK(cs.version == 0x0303);
        REQUIRE(cs.cipher_suite != nullptr);
        CHECK(cs.cipher_suite->suite == suite.suite);
        CHECK(ss.cipher_suite == cs.cipher_suite);
        CHECK(cs.client_random == ss.client_random);
        CHECK(cs.server_random == ss.server_random);
        CHECK(cs.reveal_master_secret_for_keylog().size() == 48);
        CHECK(cs.reveal_master_secret_for_keylog() == ss.reveal_master_secret_for_keylog());
        CHECK(cs.extended_master_secret);
        CHECK(ss.extended_master_secret);
        CHECK(cs.secure_renegotiation);
        CHECK(ss.secure_renegotiation);
        CHECK(cs.peer_verified == !is_anonymous(suite));
        CHECK(ss.server_name == "localhost");
        CHECK(cs.peer_certificates.size() == (is_anonymous(suite) ? 0U : 2U));

        // 40000 bytes: three records of at most 2^14 (RFC 5246 §6.2.1).
        const Bytes request = big_payload(40000);
        const Bytes reply = to_bytes("HTTP/1.0 200 OK\r\n\r\nhello");
        conn.client->send(request);
        conn.server->send(reply);
        conn.pump();
        CHECK(Connection::data_of(conn.server_events) == request);
        CHECK(Connection::data_of(conn.client_events) == reply);

        // RFC 5246 §7.2.1: close_notify, answered by the peer's own.
        conn.client->close();
        CHECK(conn.client->state() == State::closing);
        conn.pump();
        CHECK(conn.server->state() == State::closed);
        CHECK(conn.client->state() == State::closed);
        CHECK(Connection::has(conn.server_events, Event::Kind::closed));
        CHECK(Connection::has(conn.client_events, Event::Kind::closed));
        CHECK_FALSE(conn.client->failure());
        CHECK_FALSE(conn.server->failure());
    }
}

TEST_CASE("TLS_RSA_WITH_NULL_SHA256: the application data is readable on the wire, and MACed") {
    ClientConfig c = test_client_config();
    ServerConfig s = test_server_config();
    c.cipher_suites = {CipherSuite::TLS_RSA_WITH_NULL_SHA256};
    s.cipher_suites = {CipherSuite::TLS_RSA_WITH_NULL_SHA256};
    Connection conn(c, s);
    conn.handshake();
    REQUIRE(conn.client->is_established());
    const std::size_t before = conn.client_to_server.size();
    conn.client->send(to_bytes("readable secret"));
    conn.pump();
    const Bytes sent(conn.client_to_server.begin() + static_cast<std::ptrdiff_t>(before), conn.client_to_server.end());
    // header (5) + content (15) + HMAC-SHA256 (32)
    CHECK(sent.size() == 5 + 15 + 32);
    CHECK(std::string(sent.begin() + 5, sent.begin() + 20) == "readable secret");
}

TEST_CASE("TLS_RSA_WITH_NULL_SHA256 is not negotiated unless named: default peers never pick it") {
    ClientConfig c = test_client_config();
    c.cipher_suites = {CipherSuite::TLS_RSA_WITH_NULL_SHA256};
    Connection conn(c, test_server_config());  // the server keeps its defaults
    conn.handshake();
    REQUIRE(conn.server->failure());
    CHECK(conn.server->failure()->alert == AlertDescription::handshake_failure);
}

TEST_CASE("RFC 5246 §7.4.1.3: the server picks its own most preferred suite among the client's") {
    ClientConfig c = test_client_config();
    ServerConfig s = test_server_config();
    c.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA, CipherSuite::TLS_RSA_WITH_AES_256_CBC_SHA};
    s.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_256_CBC_SHA, CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA};
    Connection conn(c, s);
    conn.handshake();
    REQUIRE(conn.client->is_established());
    CHECK(conn.client->session().cipher_suite->suite == CipherSuite::TLS_RSA_WITH_AES_256_CBC_SHA);
}

TEST_CASE("deterministic mode: the same seeds give identical bytes both ways; another seed does not") {
    auto run = [](std::string_view client_seed) {
        Connection conn(test_client_config(), test_server_config(), as_bytes(client_seed));
        conn.handshake();
        conn.client->send(to_bytes("ping"));
        conn.pump();
        conn.server->send(to_bytes("pong"));
        conn.client->close();
        conn.pump();
        return std::make_pair(conn.client_to_server, conn.server_to_client);
    };
    const auto first = run("seed A ................");
    const auto second = run("seed A ................");
    const auto other = run("seed B ................");
    CHECK(first.first == second.first);
    CHECK(first.second == second.second);
    CHECK(first.first != other.first);
    CHECK(first.first.size() > 250);
}

TEST_CASE("RFC 7301 §3.2: ALPN, the server's preference among the client's protocols") {
    ClientConfig c = test_client_config();
    ServerConfig s = test_server_config();
    c.alpn_protocols = {"h2", "http/1.1"};
    s.alpn_protocols = {"http/1.1", "h2"};
    Connection conn(c, s);
    conn.handshake();
    REQUIRE(conn.client->is_established());
    CHECK(conn.client->session().alpn_protocol == "http/1.1");
    CHECK(conn.server->session().alpn_protocol == "http/1.1");
}

TEST_CASE("RFC 7301 §3.2: no protocol in common is a fatal no_application_protocol") {
    ClientConfig c = test_client_config();
    ServerConfig s = test_server_config();
    c.alpn_protocols = {"h2"};
    s.alpn_protocols = {"http/1.1"};
    Connection conn(c, s);
    conn.handshake();
    REQUIRE(conn.server->failure());
    CHECK(conn.server->failure()->alert == AlertDescription::no_application_protocol);
    REQUIRE(conn.client->failure());
    CHECK(conn.client->failure()->origin == FailureOrigin::peer);
    CHECK(conn.client->failure()->alert == AlertDescription::no_application_protocol);
}

TEST_CASE("RFC 7301: a server with ALPN configured still serves a client that offers none") {
    ServerConfig s = test_server_config();
    s.alpn_protocols = {"http/1.1"};
    Connection conn(test_client_config(), s);
    conn.handshake();
    REQUIRE(conn.client->is_established());
    CHECK(conn.client->session().alpn_protocol.empty());
}

TEST_CASE("RFC 5246 §7.4.9: application data cannot be sent before the Finished messages are verified") {
    Connection conn(test_client_config(), test_server_config());
    CHECK_FALSE(conn.client->can_send());
    CHECK_THROWS_AS(conn.client->send(to_bytes("too early")), Error);
    conn.client->start();
    CHECK_THROWS_AS(conn.client->send(to_bytes("too early")), Error);
    conn.pump();
    CHECK(conn.client->can_send());
}

TEST_CASE("trace: records explain every byte sent; messages come in walkthrough order with every byte explained") {
    RecordingTrace client_trace;
    RecordingTrace server_trace;
    Connection conn(walkthrough_client_config(), test_server_config(), as_bytes("client seed 0123456789"),
                    as_bytes("server seed 0123456789"), &client_trace, &server_trace);
    conn.handshake();
    REQUIRE(conn.client->is_established());

    // Every byte the client sent is in exactly one sent RecordTrace, in order.
    Bytes traced;
    for (const RecordTrace& r : client_trace.records) {
        if (r.direction == Direction::sent) append(traced, r.wire);
    }
    CHECK(traced == conn.client_to_server);

    // The server saw steps 1, 2, 3, 4, 5, 7, 8, 9, 10 in this order.
    std::vector<int> steps;
    for (const MessageTrace& m : server_trace.messages) {
        steps.push_back(m.step);
        if (m.content_type == 22) {
            CAPTURE(m.name);
            check_every_byte_explained(m.root, m.raw.size());
        }
    }
    CHECK(steps == std::vector<int>{1, 2, 3, 4, 5, 7, 8, 9, 10});

    // The master secret is traced as secret: its size, not its value.
    bool saw_master = false;
    for (const DerivationTrace& d : server_trace.derivations) {
        for (const TraceValue& v : d.outputs) {
            if (v.name != "master_secret") continue;
            saw_master = true;
            CHECK(v.secret);
            CHECK(v.size == 48);
            CHECK(v.value.empty());
        }
    }
    CHECK(saw_master);
}

TEST_CASE("trace: with wants_secrets() the derivations carry the values, and they are the real ones") {
    RecordingTrace trace;
    trace.secrets = true;
    Connection conn(walkthrough_client_config(), test_server_config(), as_bytes("client seed 0123456789"),
                    as_bytes("server seed 0123456789"), &trace, nullptr);
    conn.handshake();
    REQUIRE(conn.client->is_established());
    std::vector<std::string> names;
    for (const DerivationTrace& d : trace.derivations) names.push_back(d.name);
    CHECK(names == std::vector<std::string>{"pre_master_secret", "extended master secret", "key block",
                                            "client verify_data", "server verify_data"});
    const TraceValue& master = trace.derivations[1].outputs.at(0);
    CHECK(master.value == conn.client->session().reveal_master_secret_for_keylog());
    const TraceValue& client_mac_key = trace.derivations[2].outputs.at(1);
    CHECK(client_mac_key.name == "client_write_MAC_key");
    CHECK(client_mac_key.value.size() == conn.client->session().cipher_suite->mac_length);
}

TEST_CASE("RFC 5746 §4.2: a client that does not renegotiate (--no-renegotiation) refuses a HelloRequest with a no_renegotiation warning; data still flows") {
    ClientConfig c = test_client_config();
    c.renegotiation = false;
    Connection conn(c, test_server_config());
    conn.handshake();
    REQUIRE(conn.client->is_established());
    engine_internals_for_tests(*conn.server).send_handshake(HelloRequest{}.encode());
    conn.pump();
    CHECK(conn.client->is_established());
    bool warned = false;
    for (const Event& e : conn.server_events) {
        if (e.kind == Event::Kind::alert_received) {
            warned = true;
            CHECK(e.alert == AlertDescription::no_renegotiation);
            CHECK(e.alert_level == record::AlertLevel::warning);
        }
    }
    CHECK(warned);
    conn.client->send(to_bytes("still here"));
    conn.pump();
    CHECK(Connection::data_of(conn.server_events) == to_bytes("still here"));
}

TEST_CASE("RFC 5746 §4.4: a ClientHello after the handshake is refused with a no_renegotiation warning") {
    Connection conn(test_client_config(), test_server_config());
    conn.handshake();
    REQUIRE(conn.server->is_established());
    ClientHello again;
    again.cipher_suites = {0x002F};
    engine_internals_for_tests(*conn.client).send_handshake(again.encode());
    conn.pump();
    CHECK(conn.server->is_established());
    CHECK(Connection::has(conn.client_events, Event::Kind::alert_received));
    CHECK(conn.client_events.back().alert == AlertDescription::no_renegotiation);
}

// ---------------------------------------------------------------------------------------------
// Session resumption by ID, RFC 5246 §7.3 (Figure 2), §7.4.1.2, §7.4.1.3

namespace {

struct ResumingPair {
    std::shared_ptr<SessionCache> cache = std::make_shared<SessionCache>();
    std::int64_t now = test_now;

    ServerConfig server() {
        ServerConfig s = test_server_config();
        s.session_cache = cache;
        s.clock = [this] { return now; };
        return s;
    }
    // A full handshake; returns the client's saved session.
    std::shared_ptr<const SessionState> first(ClientConfig c = test_client_config(), ServerConfig s = {}) {
        if (!s.credentials) s = server();
        Connection conn(std::move(c), std::move(s), as_bytes("first client seed"), as_bytes("first server seed"));
        conn.handshake();
        REQUIRE(conn.client->is_established());
        CHECK_FALSE(conn.client->session().resumed);
        std::optional<SessionState> saved = conn.client->resumable_session();
        REQUIRE(saved);
        return std::make_shared<const SessionState>(std::move(*saved));
    }
};

}  // namespace

TEST_CASE("RFC 5246 §7.3, Figure 2: a session is resumed: same ID and master secret, new randoms and keys") {
    ResumingPair pair;
    for (CipherSuite suite : {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256, CipherSuite::TLS_DHE_RSA_WITH_AES_256_CBC_SHA}) {
        CAPTURE(cipher_suite_info(suite).iana_name);
        ClientConfig c = test_client_config();
        c.cipher_suites = {suite};
        const std::shared_ptr<const SessionState> saved = pair.first(c);
        CHECK(saved->session_id.size() == 32);
        CHECK(saved->cipher_suite == static_cast<std::uint16_t>(suite));
        CHECK(saved->peer_certificates.size() == 2);

        c.resume = saved;
        RecordingTrace server_trace;
        Connection conn(c, pair.server(), as_bytes("second client seed"), as_bytes("second server seed"), nullptr,
                        &server_trace);
        conn.handshake();
        REQUIRE(conn.client->is_established());
        REQUIRE(conn.server->is_established());
        const SessionInfo& cs = conn.client->session();
        const SessionInfo& ss = conn.server->session();
        CHECK(cs.resumed);
        CHECK(ss.resumed);
        CHECK(cs.session_id == saved->session_id);
        CHECK(ss.session_id == saved->session_id);
        CHECK(cs.reveal_master_secret_for_keylog() == saved->master_secret.reveal());
        CHECK(ss.reveal_master_secret_for_keylog() == saved->master_secret.reveal());
        CHECK(cs.peer_certificates == saved->peer_certificates);
        CHECK(cs.dh_group.empty());  // no key exchange in an abbreviated handshake
        // The server finishes first; nothing between ServerHello and its ChangeCipherSpec.
        std::vector<std::string> names;
        for (const MessageTrace& m : server_trace.messages) names.push_back(m.name);
        CHECK(names == std::vector<std::string>{"ClientHello", "ServerHello", "ChangeCipherSpec", "Finished",
                                                "ChangeCipherSpec", "Finished"});
        conn.client->send(to_bytes("resumed"));
        conn.pump();
        CHECK(Connection::data_of(conn.server_events) == to_bytes("resumed"));
    }
}

TEST_CASE("RFC 5246 §7.4.1.3: a session the server does not know gives a full handshake and a new session") {
    ResumingPair pair;
    ClientConfig c = test_client_config();
    c.resume = pair.first();
    ResumingPair other;  // another server, another cache
    Connection conn(c, other.server());
    conn.handshake();
    REQUIRE(conn.client->is_established());
    CHECK_FALSE(conn.client->session().resumed);
    CHECK_FALSE(conn.server->session().resumed);
    CHECK(conn.client->session().session_id.size() == 32);
    CHECK(conn.client->session().session_id != c.resume->session_id);
    CHECK(conn.client->session().reveal_master_secret_for_keylog() != c.resume->master_secret.reveal());
}

TEST_CASE("RFC 5246 Appendix F.1.4: an expired session gives a full handshake") {
    ResumingPair pair;
    ClientConfig c = test_client_config();
    c.resume = pair.first();
    pair.now += SessionCache::Limits{}.lifetime_seconds;
    Connection conn(c, pair.server());
    conn.handshake();
    REQUIRE(conn.client->is_established());
    CHECK_FALSE(conn.client->session().resumed);
}

TEST_CASE("RFC 5246 §7.4.1.2: a server that no longer accepts the session's suite gives a full handshake") {
    ResumingPair pair;
    ClientConfig c = test_client_config();
    c.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA, CipherSuite::TLS_RSA_WITH_AES_256_CBC_SHA};
    ServerConfig s = pair.server();
    s.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA};
    c.resume = pair.first(c, s);
    s.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_256_CBC_SHA};
    Connection conn(c, s);
    conn.handshake();
    REQUIRE(conn.client->is_established());
    CHECK_FALSE(conn.client->session().resumed);
    CHECK(conn.client->session().cipher_suite->suite == CipherSuite::TLS_RSA_WITH_AES_256_CBC_SHA);
}

TEST_CASE("RFC 7627 §5.3: a session without extended_master_secret is neither offered by the client nor resumed") {
    ResumingPair pair;
    SessionState old_style;
    old_style.session_id = Bytes(32, 0x33);
    old_style.cipher_suite = static_cast<std::uint16_t>(CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256);
    old_style.master_secret = SecretBytes(Bytes(48, 0x44));
    old_style.extended_master_secret = false;
    old_style.server_name = "localhost";
    old_style.created = test_now;
    pair.cache->store(old_style, test_now);
    ClientConfig c = test_client_config();
    c.resume = std::make_shared<const SessionState>(old_style.clone());
    Connection conn(c, pair.server());
    conn.handshake();
    REQUIRE(conn.client->is_established());
    CHECK_FALSE(conn.server->session().resumed);
}

TEST_CASE("RFC 5246 §7.2.2: a session whose connection ended with a fatal alert is never resumed") {
    ResumingPair pair;
    ClientConfig c = test_client_config();
    Connection first(c, pair.server(), as_bytes("first client seed"), as_bytes("first server seed"));
    first.handshake();
    REQUIRE(first.server->is_established());
    const std::optional<SessionState> before = first.client->resumable_session();
    REQUIRE(before);
    CHECK(pair.cache->find(before->session_id, pair.now));
    // A record tampered in flight after the handshake: the server sends bad_record_mac.
    first.client->send(to_bytes("will be tampered"));
    Bytes record = first.client->take_output();
    record.back() ^= 0x01;
    first.server->receive(record);
    REQUIRE(first.server->failure());
    CHECK(first.server->failure()->alert == AlertDescription::bad_record_mac);
    CHECK_FALSE(pair.cache->find(before->session_id, pair.now));
    first.client->receive(first.server->take_output());
    REQUIRE(first.client->failure());
    CHECK_FALSE(first.client->resumable_session());  // the client will not offer it either

    c.resume = std::make_shared<const SessionState>(before->clone());
    Connection second(c, pair.server());
    second.handshake();
    REQUIRE(second.client->is_established());
    CHECK_FALSE(second.client->session().resumed);
}

TEST_CASE("RFC 5246 §7.2.1: a connection that merely lost its transport stays resumable") {
    ResumingPair pair;
    Connection conn(test_client_config(), pair.server());
    conn.handshake();
    REQUIRE(conn.client->is_established());
    conn.client->transport_closed();
    REQUIRE(conn.client->failure());
    CHECK(conn.client->failure()->origin == FailureOrigin::transport);
    CHECK(conn.client->resumable_session());
}

TEST_CASE("RFC 5246 §7.4.1.3: without a session cache the server sends an empty session_id: nothing to resume") {
    Connection conn(test_client_config(), test_server_config());
    conn.handshake();
    REQUIRE(conn.client->is_established());
    CHECK(conn.client->session().session_id.empty());
    CHECK_FALSE(conn.client->resumable_session());
}

TEST_CASE("RFC 5246 §7.4.6: a resumed session keeps the client certificate of its full handshake") {
    ResumingPair pair;
    ServerConfig s = pair.server();
    s.client_auth = ClientAuth::require;
    s.client_trust_anchors = {test_pki().ca_cert};
    ClientConfig c = test_client_config();
    c.credentials = test_client_credentials();
    c.resume = pair.first(c, s);
    Connection conn(c, s);
    conn.handshake();
    REQUIRE(conn.server->is_established());
    CHECK(conn.server->session().resumed);
    CHECK(conn.server->session().peer_certificates == std::vector<Bytes>{test_pki().client_cert});
}

// ---------------------------------------------------------------------------------------------
// DHE_RSA, RFC 5246 §7.4.3, §7.4.7.2, §8.1.2

TEST_CASE("RFC 5246 §7.4.3: a DHE_RSA handshake traces ServerKeyExchange and the DH derivation, every byte explained") {
    RecordingTrace client_trace;
    RecordingTrace server_trace;
    client_trace.secrets = true;
    ClientConfig c = test_client_config();
    c.cipher_suites = {CipherSuite::TLS_DHE_RSA_WITH_AES_128_CBC_SHA256};
    Connection conn(c, test_server_config(), as_bytes("client seed 0123456789"), as_bytes("server seed 0123456789"),
                    &client_trace, &server_trace);
    conn.handshake();
    REQUIRE(conn.client->is_established());
    CHECK(conn.client->session().dh_group == "ffdhe2048 (2048 bits)");
    CHECK(conn.server->session().dh_group == "ffdhe2048 (2048 bits)");

    std::vector<std::string> names;
    std::vector<int> steps;
    for (const MessageTrace& m : server_trace.messages) {
        names.push_back(m.name);
        steps.push_back(m.step);
        if (m.content_type == 22) {
            CAPTURE(m.name);
            check_every_byte_explained(m.root, m.raw.size());
        }
    }
    CHECK(names == std::vector<std::string>{"ClientHello", "ServerHello", "Certificate", "ServerKeyExchange",
                                            "ServerHelloDone", "ClientKeyExchange", "ChangeCipherSpec", "Finished",
                                            "ChangeCipherSpec", "Finished"});
    CHECK(steps == std::vector<int>{1, 2, 3, 3, 4, 5, 7, 8, 9, 10});
    // p, g, Ys and the signature are named fields of the ServerKeyExchange; Yc of the ClientKeyExchange.
    const Field& ske = server_trace.messages[3].root;
    for (const char* name : {"dh_p", "dh_g", "dh_Ys", "signed_params", "signature"}) {
        CAPTURE(name);
        CHECK(find_field(ske, name) != nullptr);
    }
    CHECK(find_field(server_trace.messages[5].root, "dh_Yc") != nullptr);

    // With secrets: the client's DH derivation gives the premaster both sides used.
    const DerivationTrace* dh = nullptr;
    for (const DerivationTrace& d : client_trace.derivations) {
        if (d.name == "pre_master_secret (Diffie-Hellman)") dh = &d;
    }
    REQUIRE(dh != nullptr);
    CHECK(dh->outputs.at(1).name == "pre_master_secret");
    CHECK(dh->outputs.at(1).secret);
    CHECK(dh->outputs.at(1).value.size() == dh->outputs.at(1).size);
    CHECK(dh->outputs.at(1).size <= 256);
    // Without secrets (the server's trace), the premaster's value is not there.
    for (const DerivationTrace& d : server_trace.derivations) {
        for (const TraceValue& v : d.outputs) {
            if (v.secret) CHECK(v.value.empty());
        }
    }
}

TEST_CASE("--dhparam: the server's configured group is the one used with a client that lists no FFDHE group (RFC 7919 §4)") {
    ClientConfig c = test_client_config();
    c.cipher_suites = {CipherSuite::TLS_DHE_RSA_WITH_AES_128_CBC_SHA};
    c.ffdhe_groups = std::vector<std::uint16_t>{};  // as before RFC 7919; test_ffdhe_negotiation.cpp for the rest
    ServerConfig s = test_server_config();
    s.dh_group = crypto::named_dh_group(crypto::NamedDhGroup::ffdhe3072);
    Connection conn(c, s);
    conn.handshake();
    REQUIRE(conn.client->is_established());
    CHECK(conn.client->session().dh_group == "ffdhe3072 (3072 bits)");
}

namespace {

// The text between "<!-- NAME -->" and the next "```" fence after it, in docs/handshake.md.
std::string doc_block(const std::string& name) {
    std::ifstream in(std::string(LUCID_SOURCE_DIR) + "/docs/handshake.md");
    const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t marker = doc.find("<!-- " + name + " -->");
    if (marker == std::string::npos) return "(no block " + name + ")";
    const std::size_t start = doc.find("```\n", marker) + 4;
    return doc.substr(start, doc.find("```", start) - start);
}

}  // namespace

TEST_CASE("RFC 5246 §7.3: the flow tables drawn as ladders are the figures of docs/handshake.md") {
    CHECK(client_flow_ladder() == doc_block("client ladder"));
    CHECK(server_flow_ladder() == doc_block("server ladder"));
    CHECK(client_flow_ladder().find("ClientHello               -------->") != std::string::npos);
}

TEST_CASE("RFC 5246 §7.3: a handler's flight must be its row's, optional messages left out only") {
    const Flight f = flight({send("ServerHello"), maybe("Certificate"), maybe("ServerKeyExchange"), send("ServerHelloDone")});
    CHECK(matches_flight(f, {"ServerHello", "Certificate", "ServerHelloDone"}));
    CHECK(matches_flight(f, {"ServerHello", "Certificate", "ServerKeyExchange", "ServerHelloDone"}));
    CHECK_FALSE(matches_flight(f, {"ServerHello", "ServerKeyExchange", "Certificate", "ServerHelloDone"}));
    CHECK_FALSE(matches_flight(f, {"ServerHello", "Certificate"}));
    CHECK_FALSE(matches_flight(nothing_sent, {"Finished"}));
    CHECK(flight_text(f) == "ServerHello Certificate* ServerKeyExchange* ServerHelloDone");
}

TEST_CASE("What is known is typed: a row whose handler needs a stage no earlier step made is a table fault (internal_error)") {
    // A server forced into server_wait_change_cipher_spec without a key exchange: the row's
    // handler needs KeysDerived, which only step 6 makes. The FlowHandler refuses to run it.
    std::unique_ptr<crypto::RandomSource> random = make_deterministic_random(as_bytes("stage test"), Role::server);
    Server server(test_server_config(), *random);
    engine_internals_for_tests(server).state = State::server_wait_change_cipher_spec;
    server.receive(record::encode_record(record::ContentType::change_cipher_spec, record::tls12, Bytes{1}));
    REQUIRE(server.failure().has_value());
    CHECK(server.failure()->alert == AlertDescription::internal_error);
    CHECK(server.failure()->sentence.find("needs KeysDerived") != std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// After close_notify, RFC 5246 §7.2.1

namespace {

// What `sender` would put on the wire for `payload` under its current keys: a record the engine
// itself never sends (a malformed alert, an empty record ...), for the abuse tests.
Bytes sealed_by(Engine& sender, record::ContentType type, const Bytes& payload) {
    return engine_internals_for_tests(sender).records.seal(type, payload);
}

}  // namespace

TEST_CASE("RFC 5246 §7.2.1: after its close_notify the server sends nothing more, even to a malformed alert") {
    Connection conn(test_client_config(), test_server_config());
    conn.handshake();
    REQUIRE(conn.server->is_established());
    conn.server->close();
    CHECK_FALSE(conn.server->take_output().empty());  // the close_notify (not delivered: the client goes on)
    conn.server->receive(sealed_by(*conn.client, record::ContentType::alert, Bytes{1, 2, 3}));
    CHECK(conn.server->take_output().empty());
    REQUIRE(conn.server->failure());
    CHECK(conn.server->failure()->alert == AlertDescription::decode_error);
    CHECK(conn.server->is_done());
}

TEST_CASE("RFC 5246 §7.2.1: after its close_notify the client sends nothing more, whatever arrives") {
    const std::vector<std::pair<record::ContentType, Bytes>> cases = {
        {record::ContentType::alert, Bytes{7, 0}},                // an alert level that does not exist
        {record::ContentType::handshake, Bytes{0, 0, 0, 0}},      // HelloRequest: no no_renegotiation answer now
        {record::ContentType::change_cipher_spec, Bytes{1}},      // out of place
        {record::ContentType::handshake, Bytes{2, 0, 0, 1, 0}},   // a ServerHello out of place
    };
    for (const auto& [type, payload] : cases) {
        Connection conn(test_client_config(), test_server_config());
        conn.handshake();
        REQUIRE(conn.client->is_established());
        conn.client->close();
        conn.client->take_output();
        conn.client->receive(sealed_by(*conn.server, type, payload));
        CHECK(conn.client->take_output().empty());
    }
}
