// Tests of handshake/key_exchange_dh_anon.cpp and anonymous_lab.cpp: the anonymous
// Diffie-Hellman lab (TLS_DH_anon_*, RFC 5246 §7.4.2, §7.4.3, §7.4.4), only behind lab_anonymous.
#include <doctest/doctest.h>

#include "crypto/dh.h"
#include "crypto/error.h"
#include "handshake/engine.h"
#include "handshake/engine_impl.h"
#include "handshake/messages/certificate.h"
#include "handshake/messages/certificate_request.h"
#include "handshake/messages/client_hello.h"
#include "handshake/messages/server_hello.h"
#include "handshake/messages/server_key_exchange_dh_anon.h"
#include "record/record.h"
#include "tests/handshake/engine_harness.h"

using namespace lucid;
using namespace lucid::handshake;
using namespace lucid::handshake::testing;
using lucid::record::AlertDescription;

namespace {

constexpr CipherSuite anon_suites[] = {CipherSuite::TLS_DH_anon_WITH_AES_128_CBC_SHA, CipherSuite::TLS_DH_anon_WITH_AES_256_CBC_SHA,
                                       CipherSuite::TLS_DH_anon_WITH_AES_128_CBC_SHA256};

ClientConfig lab_client(CipherSuite suite) {
    ClientConfig c = test_client_config();
    c.cipher_suites = {suite};
    c.lab_anonymous = true;
    return c;
}

ServerConfig lab_server(CipherSuite suite) {
    ServerConfig s = test_server_config();
    s.cipher_suites = {suite};
    s.lab_anonymous = true;
    return s;
}

bool has_note(const RecordingTrace& t, const std::string& rfc) {
    for (const NoteTrace& n : t.notes) {
        if (n.rfc_section == rfc) return true;
    }
    return false;
}

// A client with the lab flag after its ClientHello, for flights answered by hand.
struct LoneLabClient {
    std::unique_ptr<crypto::RandomSource> random = make_deterministic_random(as_bytes("anon client"), Role::client);
    Client client{lab_client(CipherSuite::TLS_DH_anon_WITH_AES_128_CBC_SHA), *random};
    LoneLabClient() { client.start(); client.take_output(); }
    void receive_flight(const Bytes& flight) {
        client.receive(record::encode_record(record::ContentType::handshake, record::tls12, flight));
    }
};

Bytes anon_server_hello() {
    ServerHello sh;
    sh.cipher_suite = 0x0034;
    return sh.encode();
}

Bytes anon_server_key_exchange() {
    const crypto::DhGroup group = crypto::named_dh_group(crypto::NamedDhGroup::ffdhe2048);
    const crypto::DhPrivateKey key(group, crypto::BigInt(12345));
    ServerKeyExchangeDhAnon ske;
    ske.params = {crypto::to_bytes_minimal(group.p), crypto::to_bytes_minimal(group.g), key.public_value_bytes()};
    return ske.encode();
}

}  // namespace

TEST_CASE("RFC 5246 §7.4.2, §7.4.3: DH_anon in memory: no Certificate, an unsigned ServerKeyExchange, data both ways") {
    for (CipherSuite suite : anon_suites) {
        CAPTURE(cipher_suite_info(suite).iana_name);
        RecordingTrace client_trace, server_trace;
        Connection conn(lab_client(suite), lab_server(suite), as_bytes("client seed 0123456789"),
                        as_bytes("server seed 0123456789"), &client_trace, &server_trace);
        conn.handshake();
        REQUIRE(conn.client->is_established());
        REQUIRE(conn.server->is_established());
        CHECK(conn.client->session().cipher_suite->suite == suite);
        CHECK(conn.client->session().peer_certificates.empty());
        CHECK(conn.client->session().dh_group == "ffdhe2048 (2048 bits)");
        std::vector<std::string> received;
        for (const MessageTrace& m : client_trace.messages) {
            if (m.direction == Direction::received && m.content_type == 22 && m.step > 0 && m.step < 5) received.push_back(m.name);
        }
        CHECK(received == std::vector<std::string>{"ServerHello", "ServerKeyExchange", "ServerHelloDone"});
        // The trace says why anyone in the middle can read this connection, on both sides.
        CHECK(has_note(client_trace, "RFC 5246 Appendix F.1.1.1"));
        CHECK(has_note(server_trace, "RFC 5246 Appendix F.1.1.1"));

        conn.client->send(as_bytes("to the server"));
        conn.server->send(as_bytes("to the client"));
        conn.pump();
        CHECK(Connection::data_of(conn.server_events) == to_bytes("to the server"));
        CHECK(Connection::data_of(conn.client_events) == to_bytes("to the client"));
    }
}

TEST_CASE("secure defaults: a DH_anon suite without lab_anonymous is refused when the engine is made, on either side") {
    ClientConfig c = lab_client(CipherSuite::TLS_DH_anon_WITH_AES_128_CBC_SHA);
    c.lab_anonymous = false;
    auto random = make_deterministic_random(as_bytes("x"), Role::client);
    CHECK_THROWS_WITH_AS(Client(c, *random), doctest::Contains("--lab-anonymous"), Error);
    ServerConfig s = lab_server(CipherSuite::TLS_DH_anon_WITH_AES_128_CBC_SHA);
    s.lab_anonymous = false;
    CHECK_THROWS_WITH_AS(Server(s, *random), doctest::Contains("--lab-anonymous"), Error);
    for (CipherSuite d : default_cipher_suites()) CHECK_FALSE(is_anonymous(cipher_suite_info(d)));
}

TEST_CASE("RFC 5246 §7.4.1.3: a client that never offered DH_anon rejects a ServerHello choosing one with illegal_parameter") {
    auto random = make_deterministic_random(as_bytes("plain client"), Role::client);
    Client client(test_client_config(), *random);
    client.start();
    client.take_output();
    client.receive(record::encode_record(record::ContentType::handshake, record::tls12, anon_server_hello()));
    REQUIRE(client.failure());
    CHECK(client.failure()->alert == AlertDescription::illegal_parameter);
}

TEST_CASE("secure defaults: a server without lab_anonymous never picks a DH_anon suite, even one the client offers first") {
    ClientHello h;
    h.random.fill(0x42);
    h.cipher_suites = {0x0034, 0x002F};
    h.compression_methods = {0};
    for (bool only_anon : {false, true}) {
        if (only_anon) h.cipher_suites = {0x0034, 0x003A, 0x006C};
        ServerConfig s = test_server_config();
        s.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA};
        auto random = make_deterministic_random(as_bytes("server"), Role::server);
        Server server(s, *random);
        server.receive(record::encode_record(record::ContentType::handshake, record::tls12, h.encode()));
        if (only_anon) {
            REQUIRE(server.failure());
            CHECK(server.failure()->alert == AlertDescription::handshake_failure);
        } else {
            REQUIRE_FALSE(server.failure());
            CHECK(server.session().cipher_suite->suite == CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA);
        }
    }
}

TEST_CASE("RFC 5246 §7.4.4: an anonymous server does not request a client certificate, even when configured to") {
    ServerConfig s = lab_server(CipherSuite::TLS_DH_anon_WITH_AES_128_CBC_SHA);
    s.client_auth = ClientAuth::request;
    s.client_trust_anchors = {test_pki().ca_cert};
    ClientConfig c = lab_client(CipherSuite::TLS_DH_anon_WITH_AES_128_CBC_SHA);
    c.credentials = test_client_credentials();
    Connection conn(c, s);
    conn.handshake();
    REQUIRE(conn.client->is_established());
    CHECK_FALSE(conn.client->session().client_certificate_requested);
    CHECK_FALSE(conn.server->session().client_certificate_requested);
}

TEST_CASE("RFC 5246 §7.4.4: \"It is a fatal handshake_failure alert for an anonymous server to request client authentication\"") {
    LoneLabClient lone;
    Bytes flight = anon_server_hello();
    append(flight, anon_server_key_exchange());
    CertificateRequest req;
    req.certificate_types = {1};
    req.supported_signature_algorithms = {0x0401};
    append(flight, req.encode());
    lone.receive_flight(flight);
    REQUIRE(lone.client.failure());
    CHECK(lone.client.failure()->alert == AlertDescription::handshake_failure);
}

TEST_CASE("RFC 5246 §7.4.2: after a DH_anon ServerHello a Certificate is unexpected_message (the flow expects ServerKeyExchange)") {
    LoneLabClient lone;
    Bytes flight = anon_server_hello();
    CertificateMessage cert;
    cert.certificate_list = {test_pki().server_cert};
    append(flight, cert.encode());
    lone.receive_flight(flight);
    REQUIRE(lone.client.failure());
    CHECK(lone.client.failure()->alert == AlertDescription::unexpected_message);
    CHECK(lone.client.failure()->sentence.find("expected ServerKeyExchange") != std::string::npos);
    CHECK(client_flow_ladder().find("client_wait_server_hello -> client_wait_certificate | client_resume_wait_change_cipher_spec | "
                                    "client_resume_wait_new_session_ticket | client_wait_server_key_exchange") != std::string::npos);
}

TEST_CASE("RFC 7919 §5.1: a DH_anon ServerKeyExchange with Ys = 1 is illegal_parameter (no signature, same checks on the numbers)") {
    LoneLabClient lone;
    const crypto::DhGroup group = crypto::named_dh_group(crypto::NamedDhGroup::ffdhe2048);
    ServerKeyExchangeDhAnon ske;
    ske.params = {crypto::to_bytes_minimal(group.p), crypto::to_bytes_minimal(group.g), Bytes{1}};
    Bytes flight = anon_server_hello();
    append(flight, ske.encode());
    lone.receive_flight(flight);
    REQUIRE(lone.client.failure());
    CHECK(lone.client.failure()->alert == AlertDescription::illegal_parameter);
}
