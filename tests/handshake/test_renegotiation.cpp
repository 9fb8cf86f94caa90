// Tests of secure renegotiation, RFC 5746 (handshake/renegotiation.cpp and
// engine_renegotiation.cpp): whole connections in memory that renegotiate, and the checks of the
// hellos of a renegotiation, each named by its rule.
#include <doctest/doctest.h>

#include "crypto/error.h"
#include "handshake/cipher_suites.h"
#include "handshake/engine.h"
#include "handshake/engine_impl.h"
#include "handshake/messages/client_hello.h"
#include "handshake/messages/server_hello.h"
#include "handshake/messages/server_hello_done.h"
#include "handshake/peer_limits.h"
#include "handshake/renegotiation.h"
#include "tests/handshake/engine_harness.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;
using namespace lucid::handshake::testing;
using lucid::record::AlertDescription;
using lucid::record::AlertLevel;
using lucid::record::ContentType;

namespace {

Connection established(ClientConfig c = test_client_config(), ServerConfig s = test_server_config(),
                       TraceSink* client_trace = nullptr, TraceSink* server_trace = nullptr) {
    Connection conn(std::move(c), std::move(s), as_bytes("client seed 0123456789"), as_bytes("server seed 0123456789"),
                    client_trace, server_trace);
    conn.handshake();
    REQUIRE(conn.client->is_established());
    REQUIRE(conn.server->is_established());
    return conn;
}

ServerConfig accepting_client_renegotiation() {
    ServerConfig s = test_server_config();
    s.client_renegotiation = true;
    return s;
}

// A server that chooses a CBC suite, where encrypt_then_mac applies (RFC 7366 §2).
ServerConfig cbc_server(ServerConfig s = test_server_config()) {
    s.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256};
    return s;
}

std::size_t count(const std::vector<Event>& events, Event::Kind kind) {
    std::size_t n = 0;
    for (const Event& e : events) n += e.kind == kind ? 1 : 0;
    return n;
}

bool warned(const std::vector<Event>& events, AlertDescription alert) {
    for (const Event& e : events) {
        if (e.kind == Event::Kind::alert_received && e.alert == alert && e.alert_level == AlertLevel::warning) return true;
    }
    return false;
}

void check_data_flows(Connection& conn, const std::string& tag) {
    const Bytes before_client = Connection::data_of(conn.client_events);
    const Bytes before_server = Connection::data_of(conn.server_events);
    conn.client->send(to_bytes("to server " + tag));
    conn.server->send(to_bytes("to client " + tag));
    conn.pump();
    Bytes expect_server = before_server, expect_client = before_client;
    append(expect_server, to_bytes("to server " + tag));
    append(expect_client, to_bytes("to client " + tag));
    CHECK(Connection::data_of(conn.server_events) == expect_server);
    CHECK(Connection::data_of(conn.client_events) == expect_client);
}

void check_failed_with(Engine& e, AlertDescription alert, const std::string& words) {
    REQUIRE(e.failure());
    CAPTURE(e.failure()->sentence);
    CHECK(e.failure()->origin == FailureOrigin::local);
    CHECK(e.failure()->alert == alert);
    CHECK(e.failure()->sentence.find(words) != std::string::npos);
}

Bytes sealed_by(Engine& sender, ContentType type, const Bytes& payload) {
    return engine_internals_for_tests(sender).records.seal(type, payload);
}

// A renegotiating ClientHello as a lucid client would send it, for tampering.
ClientHello renegotiating_hello(Engine& server) {
    ClientHello ch;
    ch.random[0] = 1;
    ch.cipher_suites = {static_cast<std::uint16_t>(CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256)};
    ch.extensions.add(ExtensionType::extended_master_secret, {});
    ch.extensions.add(ExtensionType::encrypt_then_mac, {});
    ch.extensions.add(ExtensionType::renegotiation_info,
                      encode_renegotiation_info(engine_internals_for_tests(server).binding.client_verify_data));
    return ch;
}

// A ServerHello as the client reads it (the typed extension fields come from parsing).
ServerHello as_parsed(const ServerHello& sh) { return ServerHello::parse(ByteView(sh.encode()).subspan(4)); }

// The Finished verify_data the trace saw, in order.
std::vector<Bytes> finished_of(const RecordingTrace& t) {
    std::vector<Bytes> out;
    for (const MessageTrace& m : t.messages) {
        if (m.name == "Finished") out.emplace_back(m.raw.begin() + 4, m.raw.end());
    }
    return out;
}

}  // namespace

TEST_CASE("RFC 5246 §7.4.1.1, RFC 5746 §3.5: when the server asks (HelloRequest), the client renegotiates: new randoms, new keys, data flows") {
    Connection conn = established();
    const Bytes first_master = conn.client->session().reveal_master_secret_for_keylog();
    const Random first_random = conn.client->session().client_random;
    CHECK(conn.server->can_renegotiate());
    conn.server->renegotiate();
    CHECK_FALSE(conn.server->can_renegotiate());  // §7.4.1.1: not again until the new handshake completes
    conn.pump();
    REQUIRE(conn.client->is_established());
    REQUIRE(conn.server->is_established());
    CHECK(count(conn.client_events, Event::Kind::handshake_complete) == 2);
    CHECK(count(conn.server_events, Event::Kind::handshake_complete) == 2);
    CHECK(conn.client->session().renegotiations == 1);
    CHECK(conn.server->session().renegotiations == 1);
    CHECK(conn.client->session().secure_renegotiation);
    CHECK(conn.client->session().client_random != first_random);
    CHECK(conn.client->session().reveal_master_secret_for_keylog() != first_master);
    CHECK(conn.client->session().reveal_master_secret_for_keylog() == conn.server->session().reveal_master_secret_for_keylog());
    CHECK(conn.client->session().extended_master_secret);
    check_data_flows(conn, "after");
    CHECK(conn.server->can_renegotiate());
}

TEST_CASE("RFC 5746 §3.5, §3.7: the renegotiating ClientHello carries client_verify_data, the ServerHello client_verify_data || server_verify_data") {
    RecordingTrace client_trace;
    Connection conn = established(test_client_config(), test_server_config(), &client_trace);
    conn.server->renegotiate();
    conn.pump();
    REQUIRE(conn.client->session().renegotiations == 1);
    std::vector<ClientHello> hellos;
    std::vector<ServerHello> server_hellos;
    for (const MessageTrace& m : client_trace.messages) {
        const ByteView body = ByteView(m.raw).subspan(4);
        if (m.name == "ClientHello") hellos.push_back(ClientHello::parse(body));
        if (m.name == "ServerHello") server_hellos.push_back(ServerHello::parse(body));
    }
    REQUIRE(hellos.size() == 2);
    REQUIRE(server_hellos.size() == 2);
    const std::vector<Bytes> finished = finished_of(client_trace);  // client's, server's, client's, server's
    REQUIRE(finished.size() == 4);
    CHECK(hellos[0].extensions.renegotiation_info == Bytes{});  // §3.4: empty on the initial handshake
    CHECK(hellos[1].extensions.renegotiation_info == finished[0]);
    Bytes both = finished[0];
    append(both, finished[1]);
    CHECK(server_hellos[1].extensions.renegotiation_info == both);
    // §3.5: the renegotiating ClientHello has the extension, not the SCSV.
    CHECK_FALSE(hellos[1].offers_suite(TLS_EMPTY_RENEGOTIATION_INFO_SCSV));
    // RFC 7627: extended_master_secret stays.
    CHECK(hellos[1].extensions.extended_master_secret);
    CHECK(server_hellos[1].extensions.extended_master_secret);
    // The trace draws the second handshake under its own heading.
    bool heading = false;
    for (const NoteTrace& n : client_trace.notes) heading = heading || n.text.rfind("renegotiation 1: ", 0) == 0;
    CHECK(heading);
}

TEST_CASE("RFC 5746 §1 and OpenSSL 3's default: a renegotiation the client starts is refused with a no_renegotiation warning, and that client ends the connection") {
    Connection conn = established();
    conn.client->renegotiate();
    conn.server->receive(conn.client->take_output());  // the renegotiating ClientHello
    CHECK(conn.server->is_established());             // refused: the server would go on
    conn.pump();
    CHECK(conn.server->session().renegotiations == 0);
    CHECK(warned(conn.client_events, AlertDescription::no_renegotiation));
    // RFC 5246 §7.2.2: "the original requester can decide whether to proceed": this client, like
    // OpenSSL's, does not (its new handshake cannot complete).
    check_failed_with(*conn.client, AlertDescription::handshake_failure, "refused the renegotiation");
    REQUIRE(conn.server->failure());
    CHECK(conn.server->failure()->origin == FailureOrigin::peer);
}

TEST_CASE("RFC 5746 §3.7: with --client-renegotiation the server accepts a renegotiation the client starts") {
    Connection conn = established(test_client_config(), accepting_client_renegotiation());
    conn.client->renegotiate();
    conn.pump();
    REQUIRE(conn.client->is_established());
    REQUIRE(conn.server->is_established());
    CHECK(conn.client->session().renegotiations == 1);
    CHECK(conn.server->session().renegotiations == 1);
    check_data_flows(conn, "after");
}

TEST_CASE("RFC 5746 §4.2: a client never renegotiates with a server that did not signal secure renegotiation") {
    Connection conn = established();
    engine_internals_for_tests(*conn.client).session.secure_renegotiation = false;  // as if no renegotiation_info came
    CHECK_FALSE(conn.client->can_renegotiate());
    CHECK_THROWS_AS(conn.client->renegotiate(), Error);
    conn.server->renegotiate();
    conn.pump();
    CHECK(warned(conn.server_events, AlertDescription::no_renegotiation));
    CHECK(conn.client->is_established());
    CHECK(conn.server->is_established());
    CHECK(conn.server->can_renegotiate());  // declined: the server may ask again
    check_data_flows(conn, "after refusal");
}

TEST_CASE("RFC 5746 §4.4: a server never renegotiates with a client that did not signal secure renegotiation") {
    Connection conn = established(test_client_config(), accepting_client_renegotiation());
    engine_internals_for_tests(*conn.server).session.secure_renegotiation = false;
    CHECK_FALSE(conn.server->can_renegotiate());
    conn.client->renegotiate();
    conn.server->receive(conn.client->take_output());
    CHECK(conn.server->is_established());
    conn.pump();
    CHECK(conn.server->session().renegotiations == 0);
    CHECK(warned(conn.client_events, AlertDescription::no_renegotiation));
}

TEST_CASE("RFC 5746 §3.7: a renegotiated_connection that is not the client_verify_data is handshake_failure") {
    Connection conn = established(test_client_config(), accepting_client_renegotiation());
    engine_internals_for_tests(*conn.client).binding.client_verify_data.at(0) ^= 1;
    conn.client->renegotiate();
    conn.pump();
    check_failed_with(*conn.server, AlertDescription::handshake_failure, "RFC 5746 §3.7");
}

TEST_CASE("RFC 5746 §3.7: a renegotiating ClientHello without renegotiation_info is handshake_failure") {
    Connection conn = established(test_client_config(), accepting_client_renegotiation());
    ClientHello ch = renegotiating_hello(*conn.server);
    ch.extensions = HelloExtensions{};
    ch.extensions.add(ExtensionType::extended_master_secret, {});
    conn.server->receive(sealed_by(*conn.client, ContentType::handshake, ch.encode()));
    check_failed_with(*conn.server, AlertDescription::handshake_failure, "lacks renegotiation_info (RFC 5746 §3.7)");
}

TEST_CASE("RFC 5746 §3.7: a renegotiating ClientHello with TLS_EMPTY_RENEGOTIATION_INFO_SCSV is handshake_failure") {
    Connection conn = established(test_client_config(), accepting_client_renegotiation());
    ClientHello ch = renegotiating_hello(*conn.server);
    ch.cipher_suites.push_back(TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
    conn.server->receive(sealed_by(*conn.client, ContentType::handshake, ch.encode()));
    check_failed_with(*conn.server, AlertDescription::handshake_failure, "SCSV (RFC 5746 §3.7)");
}

TEST_CASE("RFC 7627 §5.3 applied to renegotiation: a ClientHello that drops extended_master_secret is handshake_failure") {
    Connection conn = established(test_client_config(), accepting_client_renegotiation());
    ClientHello ch = renegotiating_hello(*conn.server);
    ch.extensions = HelloExtensions{};
    ch.extensions.add(ExtensionType::renegotiation_info,
                      encode_renegotiation_info(engine_internals_for_tests(*conn.server).binding.client_verify_data));
    conn.server->receive(sealed_by(*conn.client, ContentType::handshake, ch.encode()));
    check_failed_with(*conn.server, AlertDescription::handshake_failure, "dropped extended_master_secret");
}

TEST_CASE("the well-formed renegotiating ClientHello of these tampering tests is accepted") {
    // The control for the three tests above: only the tampered part makes them fail.
    Connection conn = established(test_client_config(), accepting_client_renegotiation());
    conn.server->receive(sealed_by(*conn.client, ContentType::handshake, renegotiating_hello(*conn.server).encode()));
    CHECK_FALSE(conn.server->failure());
    CHECK(conn.server->state() == State::server_wait_client_key_exchange);
}

TEST_CASE("RFC 5746 §3.5: a ServerHello whose renegotiated_connection is not client_verify_data || server_verify_data is handshake_failure") {
    Connection conn = established();
    engine_internals_for_tests(*conn.client).binding.server_verify_data.at(11) ^= 0x80;
    conn.server->renegotiate();
    conn.pump();
    check_failed_with(*conn.client, AlertDescription::handshake_failure, "RFC 5746 §3.5");
}

TEST_CASE("RFC 5746 §3.5: a ServerHello of a renegotiation without renegotiation_info is handshake_failure") {
    const RenegotiationBinding b{Bytes(12, 1), Bytes(12, 2), true};
    ServerHello sh;
    sh.extensions.add(ExtensionType::extended_master_secret, {});
    CHECK_THROWS_WITH_AS(check_renegotiating_server_hello(b, as_parsed(sh)),
                         doctest::Contains("lacks renegotiation_info (RFC 5746 §3.5)"), record::TlsError);
    sh.extensions.add(ExtensionType::renegotiation_info, encode_renegotiation_info(server_renegotiated_connection(b)));
    CHECK_NOTHROW(check_renegotiating_server_hello(b, as_parsed(sh)));
}

TEST_CASE("RFC 7627 §5.3 applied to renegotiation: a ServerHello that drops extended_master_secret is handshake_failure") {
    const RenegotiationBinding b{Bytes(12, 1), Bytes(12, 2), true};
    ServerHello sh;
    sh.extensions.add(ExtensionType::renegotiation_info, encode_renegotiation_info(server_renegotiated_connection(b)));
    CHECK_THROWS_WITH_AS(check_renegotiating_server_hello(b, as_parsed(sh)), doctest::Contains("extended_master_secret"),
                         record::TlsError);
    const RenegotiationBinding without_ems{Bytes(12, 1), Bytes(12, 2), false};
    CHECK_NOTHROW(check_renegotiating_server_hello(without_ems, as_parsed(sh)));
}

TEST_CASE("RFC 7366 §3.1: a renegotiating ClientHello that drops encrypt_then_mac for a CBC suite is handshake_failure") {
    Connection conn = established(test_client_config(), cbc_server(accepting_client_renegotiation()));
    REQUIRE(conn.server->session().encrypt_then_mac);  // the first handshake's CBC records are encrypt-then-MAC
    ClientHello ch = renegotiating_hello(*conn.server);
    HelloExtensions without_etm;
    for (const Extension& e : ch.extensions.list) {
        if (e.type != static_cast<std::uint16_t>(ExtensionType::encrypt_then_mac)) without_etm.add(static_cast<ExtensionType>(e.type), e.data);
    }
    ch.extensions = without_etm;
    conn.server->receive(sealed_by(*conn.client, ContentType::handshake, ch.encode()));
    check_failed_with(*conn.server, AlertDescription::handshake_failure, "back to MAC-then-encrypt (RFC 7366 §3.1)");
}

TEST_CASE("RFC 7366 §3.1: a renegotiation ServerHello that drops encrypt_then_mac for a CBC suite is handshake_failure") {
    Connection conn = established(test_client_config(), cbc_server());
    REQUIRE(conn.client->session().encrypt_then_mac);
    // A server that does not keep the rule: it stops answering encrypt_then_mac and forgets that
    // its connection used it (otherwise its own check refuses first).
    engine_internals_for_tests(*conn.server).common.encrypt_then_mac = false;
    engine_internals_for_tests(*conn.server).binding.encrypt_then_mac = false;
    conn.server->renegotiate();
    conn.pump();
    check_failed_with(*conn.client, AlertDescription::handshake_failure, "back to MAC-then-encrypt (RFC 7366 §3.1)");
}

TEST_CASE("RFC 7366 §3.1: a renegotiation may take MAC-then-encrypt records to encrypt-then-MAC, or to an AEAD suite") {
    SUBCASE("MAC-then-encrypt to encrypt-then-MAC: no oracle comes back; the new records start at ChangeCipherSpec") {
        ClientConfig c = test_client_config();
        c.encrypt_then_mac = false;
        Connection conn = established(std::move(c), cbc_server());
        REQUIRE_FALSE(conn.server->session().encrypt_then_mac);
        engine_internals_for_tests(*conn.client).common.encrypt_then_mac = true;
        conn.server->renegotiate();
        conn.pump();
        REQUIRE(conn.client->session().renegotiations == 1);
        CHECK(conn.client->session().encrypt_then_mac);
        CHECK(conn.server->session().encrypt_then_mac);
        check_data_flows(conn, "after the upgrade");
    }
    SUBCASE("encrypt-then-MAC (CBC) to AES-GCM, where the extension does not apply") {
        ServerConfig s = test_server_config();
        s.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA, CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
        Connection conn = established(test_client_config(), s);
        REQUIRE(conn.server->session().encrypt_then_mac);
        engine_internals_for_tests(*conn.server).common.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
        conn.server->renegotiate();
        conn.pump();
        REQUIRE(conn.client->session().renegotiations == 1);
        CHECK(conn.client->session().cipher_suite->suite == CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
        CHECK_FALSE(conn.client->session().encrypt_then_mac);
        check_data_flows(conn, "with GCM");
    }
}

TEST_CASE("RFC 5246 §7.4.1.1: a HelloRequest during the renegotiation handshake is ignored") {
    Connection conn = established();
    conn.server->renegotiate();
    conn.client->receive(conn.server->take_output());  // HelloRequest: the client sends its ClientHello
    CHECK(conn.client->state() == State::client_wait_server_hello);
    conn.client->receive(sealed_by(*conn.server, ContentType::handshake, HelloRequest{}.encode()));
    CHECK(conn.client->state() == State::client_wait_server_hello);
    conn.pump();
    CHECK(conn.client->is_established());
    CHECK(conn.client->session().renegotiations == 1);
}

TEST_CASE("RFC 5246 §6.2.1: application data interleaved with the renegotiation handshake is delivered") {
    Connection conn = established();
    conn.server->renegotiate();
    conn.server->send(to_bytes("right after the HelloRequest"));
    conn.client->receive(conn.server->take_output());
    CHECK(conn.client->state() == State::client_wait_server_hello);
    CHECK(Connection::data_of(conn.client->take_events()) == to_bytes("right after the HelloRequest"));
    // The server, waiting for the ClientHello, still takes data from the client's old keys.
    conn.server->receive(conn.client->take_output());  // ClientHello: the server answers
    conn.server->receive(sealed_by(*conn.client, ContentType::application_data, to_bytes("mid-handshake")));
    CHECK(Connection::data_of(conn.server->take_events()) == to_bytes("mid-handshake"));
    conn.pump();
    CHECK(conn.client->is_established());
    CHECK(conn.server->is_established());
}

TEST_CASE("RFC 5246 §6.2.1, §7.1: during a renegotiation each side may send data under the current keys until its own ChangeCipherSpec") {
    Connection conn = established();
    conn.server->renegotiate();
    CHECK(conn.server->can_send());  // a HelloRequest changes no keys
    conn.client->receive(conn.server->take_output());
    REQUIRE(conn.client->state() == State::client_wait_server_hello);
    REQUIRE(conn.client->can_send());
    conn.client->send(to_bytes("client, after its ClientHello"));
    conn.server->receive(conn.client->take_output());
    REQUIRE(conn.server->state() == State::server_wait_client_key_exchange);
    CHECK(Connection::data_of(conn.server->take_events()) == to_bytes("client, after its ClientHello"));
    REQUIRE(conn.server->can_send());
    conn.server->send(to_bytes("server, after its ServerHelloDone"));
    conn.client->receive(conn.server->take_output());  // the client answers: ClientKeyExchange, ChangeCipherSpec, Finished
    CHECK(Connection::data_of(conn.client->take_events()) == to_bytes("server, after its ServerHelloDone"));
    // After its ChangeCipherSpec the next record of the client must be its Finished, and the new
    // keys are confirmed only by the server's: no data until the handshake is complete.
    CHECK_FALSE(conn.client->can_send());
    CHECK_THROWS_WITH_AS(conn.client->send(to_bytes("too early")), doctest::Contains("before our ChangeCipherSpec"), Error);
    conn.pump();
    REQUIRE(conn.client->session().renegotiations == 1);
    CHECK(conn.client->can_send());
    CHECK(conn.server->can_send());
    check_data_flows(conn, "after the renegotiation");
}

TEST_CASE("RFC 5246 §7.4.9: during a renegotiation, application data between the peer's ChangeCipherSpec and its Finished is unexpected_message") {
    Connection conn = established(test_client_config(), accepting_client_renegotiation());
    conn.client->renegotiate();
    conn.server->receive(conn.client->take_output());
    conn.client->receive(conn.server->take_output());  // ServerHello ... ServerHelloDone
    Engine::Impl& server = engine_internals_for_tests(*conn.server);
    const Bytes data = to_bytes("data");
    const Incoming in{ContentType::application_data, nullptr, data};
    CHECK(server.state == State::server_wait_client_key_exchange);
    CHECK(server.takes_interleaved_data(in));  // before the ChangeCipherSpec: delivered
    server.state = State::server_wait_finished;  // as after the client's ChangeCipherSpec
    CHECK_FALSE(server.takes_interleaved_data(in));
    CHECK_THROWS_WITH_AS(server.dispatch(in), doctest::Contains("application data in state server_wait_finished"),
                         record::TlsError);
}

TEST_CASE("RFC 5246 §7.4.1.2: a renegotiation may change the cipher suite; the new keys take over at ChangeCipherSpec") {
    ServerConfig s = test_server_config();
    s.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA};
    Connection conn = established(test_client_config(), s);
    CHECK(conn.server->session().cipher_suite->suite == CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    engine_internals_for_tests(*conn.server).common.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA};
    conn.server->renegotiate();
    conn.pump();
    REQUIRE(conn.client->session().renegotiations == 1);
    CHECK(conn.client->session().cipher_suite->suite == CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA);
    check_data_flows(conn, "with the new suite");
}

TEST_CASE("RFC 5246 §7.4.4: the server asks for a client certificate in the renegotiation (s_server's \"R\")") {
    ClientConfig c = test_client_config();
    c.credentials = test_client_credentials();
    ServerConfig s = test_server_config();
    s.client_trust_anchors = {test_pki().ca_cert};
    Connection conn = established(c, s);
    CHECK(conn.server->session().peer_certificates.empty());
    conn.server->renegotiate(true);
    conn.pump();
    REQUIRE(conn.server->session().renegotiations == 1);
    CHECK(conn.server->session().peer_certificates.size() == 1);
    CHECK(conn.server->session().peer_verified);
    CHECK(conn.client->session().client_certificate_sent);
    check_data_flows(conn, "authenticated");
}

TEST_CASE("asking for a client certificate needs the CAs that may issue it") {
    Connection conn = established();
    CHECK_THROWS_AS(conn.server->renegotiate(true), Error);
}

TEST_CASE("RFC 5246 §7.3: the session after the renegotiation is the one a later connection resumes") {
    auto cache = std::make_shared<SessionCache>();
    ServerConfig s = test_server_config();
    s.session_cache = cache;
    ClientConfig c = test_client_config();
    c.session_tickets = false;
    Connection conn = established(c, s);
    const Bytes first_id = conn.client->session().session_id;
    conn.server->renegotiate();
    conn.pump();
    REQUIRE(conn.client->session().renegotiations == 1);
    const std::optional<SessionState> saved = conn.client->resumable_session();
    REQUIRE(saved);
    CHECK(saved->session_id != first_id);
    CHECK(saved->master_secret.reveal() == conn.client->session().reveal_master_secret_for_keylog());
    c.resume = std::make_shared<SessionState>(saved->clone());
    Connection again = established(c, s);
    CHECK(again.client->session().resumed);
    CHECK(again.client->session().session_id == saved->session_id);
}

TEST_CASE("docs/robustness.md: at most max_renegotiations per connection; then requests are refused with no_renegotiation") {
    Connection conn = established(test_client_config(), accepting_client_renegotiation());
    for (std::size_t i = 0; i < max_renegotiations; ++i) {
        REQUIRE(conn.client->can_renegotiate());
        conn.client->renegotiate();
        conn.pump();
    }
    CHECK(conn.client->session().renegotiations == max_renegotiations);
    CHECK_FALSE(conn.client->can_renegotiate());
    CHECK_FALSE(conn.server->can_renegotiate());
    // A client that tries anyway (as one renegotiating in a loop would) is refused.
    conn.server->receive(sealed_by(*conn.client, ContentType::handshake, renegotiating_hello(*conn.server).encode()));
    CHECK(conn.server->is_established());
    CHECK(conn.server->session().renegotiations == max_renegotiations);
    check_data_flows(conn, "still");
}
