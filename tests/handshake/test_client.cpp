// Tests of handshake/client.cpp (and certificate_check.cpp): the client's checks, each failure
// with its alert (RFC 5246 §7.2.2), seen on both sides of the connection; and the client's side of
// the variants: client certificates, DHE_RSA, resumption.
#include <doctest/doctest.h>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "handshake/engine.h"
#include "handshake/messages/certificate.h"
#include "handshake/messages/certificate_request.h"
#include "handshake/messages/server_hello.h"
#include "handshake/messages/server_hello_done.h"
#include "record/record.h"
#include "tests/handshake/engine_harness.h"

using namespace lucid;
using namespace lucid::handshake;
using namespace lucid::handshake::testing;
using lucid::record::AlertDescription;

namespace {

// The client failed with `alert`, and the server received that alert from it.
void check_client_rejected(Connection& conn, AlertDescription alert) {
    REQUIRE(conn.client->failure());
    CHECK(conn.client->failure()->origin == FailureOrigin::local);
    CHECK(conn.client->failure()->alert == alert);
    CHECK(conn.client->state() == State::failed);
    REQUIRE(conn.server->failure());
    CHECK(conn.server->failure()->origin == FailureOrigin::peer);
    CHECK(conn.server->failure()->alert == alert);
}

// Starts a client and returns it after its ClientHello, for tests that answer by hand.
struct LoneClient {
    std::unique_ptr<crypto::RandomSource> random = make_deterministic_random(as_bytes("lone client seed"), Role::client);
    Client client;
    explicit LoneClient(ClientConfig c = test_client_config()) : client(std::move(c), *random) { client.start(); }
};

Bytes server_hello_record(const ServerHello& sh) {
    return record::encode_record(record::ContentType::handshake, record::tls12, sh.encode());
}

}  // namespace

TEST_CASE("RFC 6125: a certificate for another host name is rejected with certificate_unknown") {
    ClientConfig c = test_client_config();
    c.server_name = "example.org";
    Connection conn(c, test_server_config());
    conn.handshake();
    check_client_rejected(conn, AlertDescription::certificate_unknown);
    CHECK(conn.client->failure()->sentence.find("example.org") != std::string::npos);
}

TEST_CASE("RFC 5280 §6.1: a chain to a CA the client does not trust is rejected with unknown_ca") {
    ClientConfig c = test_client_config();
    c.trust_anchors = {test_pki().other_ca_cert};
    Connection conn(c, test_server_config());
    conn.handshake();
    check_client_rejected(conn, AlertDescription::unknown_ca);
}

TEST_CASE("RFC 5280 §6.1.3 (a)(2): an expired server certificate is rejected with certificate_expired") {
    ServerConfig s = test_server_config();
    s.credentials = ServerCredentials::from_key({test_pki().expired_server_cert}, test_pki().server_key);
    Connection conn(test_client_config(), s);
    conn.handshake();
    check_client_rejected(conn, AlertDescription::certificate_expired);
}

TEST_CASE("--insecure: with verification off, the wrong host and an unknown CA are accepted (and not verified)") {
    ClientConfig c = test_client_config();
    c.verify_peer = false;
    c.server_name = "example.org";
    c.trust_anchors = {};
    Connection conn(c, test_server_config());
    conn.handshake();
    REQUIRE(conn.client->is_established());
    CHECK_FALSE(conn.client->session().peer_verified);
}

TEST_CASE("a client that verifies needs a server name") {
    ClientConfig c = test_client_config();
    c.server_name.clear();
    auto random = make_deterministic_random(as_bytes("seed"), Role::client);
    CHECK_THROWS_AS(Client(c, *random), Error);
}

TEST_CASE("RFC 5246 §6.2.3.2: a tampered server Finished record gives bad_record_mac at the client") {
    Connection conn(test_client_config(), test_server_config());
    conn.client->start();
    conn.server->receive(conn.client->take_output());
    conn.client->receive(conn.server->take_output());  // ServerHello .. ServerHelloDone
    conn.server->receive(conn.client->take_output());  // ClientKeyExchange, CCS, Finished
    Bytes flight = conn.server->take_output();         // CCS (6 bytes) then the encrypted Finished
    REQUIRE(flight.size() > 6 + 5 + 16);
    flight.back() ^= 0x01;  // the last byte of the encrypted Finished record
    conn.client->receive(flight);
    REQUIRE(conn.client->failure());
    CHECK(conn.client->failure()->alert == AlertDescription::bad_record_mac);
    CHECK(conn.client->state() == State::failed);
}

TEST_CASE("RFC 5246 §6.2.3.2: a tampered application data record gives bad_record_mac, and the state is sticky") {
    Connection conn(test_client_config(), test_server_config());
    conn.handshake();
    REQUIRE(conn.client->is_established());
    conn.server->send(to_bytes("hello client"));
    Bytes record = conn.server->take_output();
    record[10] ^= 0x80;  // inside the explicit IV: the whole plaintext block changes
    conn.client->receive(record);
    REQUIRE(conn.client->failure());
    CHECK(conn.client->failure()->alert == AlertDescription::bad_record_mac);
    CHECK_FALSE(Connection::has(conn.client->take_events(), Event::Kind::application_data));
    // Sticky: nothing more is accepted or sent.
    conn.client->take_output();
    conn.client->receive(to_bytes("anything"));
    CHECK(conn.client->take_output().empty());
    CHECK(conn.client->state() == State::failed);
    CHECK_THROWS_AS(conn.client->send(to_bytes("x")), Error);
}

TEST_CASE("RFC 5246 §7.4.1.3: a ServerHello with a suite the client did not offer is illegal_parameter") {
    ClientConfig c = test_client_config();
    c.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA};
    LoneClient lone(c);
    ServerHello sh;
    sh.cipher_suite = 0x003D;
    lone.client.receive(server_hello_record(sh));
    REQUIRE(lone.client.failure());
    CHECK(lone.client.failure()->alert == AlertDescription::illegal_parameter);
}

TEST_CASE("RFC 5246 §7.2.2: a ServerHello for TLS 1.1 is protocol_version") {
    LoneClient lone;
    ServerHello sh;
    sh.server_version = 0x0302;
    sh.cipher_suite = 0x002F;
    lone.client.receive(server_hello_record(sh));
    REQUIRE(lone.client.failure());
    CHECK(lone.client.failure()->alert == AlertDescription::protocol_version);
}

TEST_CASE("RFC 5246 §7.4.1.4: an extension in ServerHello the client did not offer is unsupported_extension") {
    LoneClient lone;
    ServerHello sh;
    sh.cipher_suite = 0x002F;
    sh.extensions.add(ExtensionType::signed_certificate_timestamp, {});  // RFC 6962, never offered by lucidtls
    lone.client.receive(server_hello_record(sh));
    REQUIRE(lone.client.failure());
    CHECK(lone.client.failure()->alert == AlertDescription::unsupported_extension);
}

TEST_CASE("RFC 5746 §3.4: a non-empty renegotiation_info in ServerHello is handshake_failure") {
    LoneClient lone;
    ServerHello sh;
    sh.cipher_suite = 0x002F;
    sh.extensions.add(ExtensionType::renegotiation_info, encode_renegotiation_info(Bytes(24, 1)));
    lone.client.receive(server_hello_record(sh));
    REQUIRE(lone.client.failure());
    CHECK(lone.client.failure()->alert == AlertDescription::handshake_failure);
}

TEST_CASE("RFC 5246 §7.3: a message out of order (ServerHelloDone first) is unexpected_message") {
    LoneClient lone;
    lone.client.receive(from_hex("1603030004" "0e000000"));
    REQUIRE(lone.client.failure());
    CHECK(lone.client.failure()->alert == AlertDescription::unexpected_message);
    CHECK(lone.client.failure()->sentence.find("ServerHelloDone") != std::string::npos);
}

TEST_CASE("RFC 5246 §7.4.1.1: a HelloRequest during the handshake is ignored") {
    LoneClient lone;
    lone.client.receive(from_hex("1603030004" "00000000"));
    CHECK_FALSE(lone.client.failure());
    CHECK(lone.client.state() == State::client_wait_server_hello);
}

TEST_CASE("a peer that closes mid-handshake: the client fails with a sentence, origin transport") {
    LoneClient lone;
    lone.client.receive(from_hex("16030300"));  // part of a record header, then EOF
    lone.client.transport_closed();
    REQUIRE(lone.client.failure());
    CHECK(lone.client.failure()->origin == FailureOrigin::transport);
    CHECK(lone.client.failure()->sentence.find("during the handshake") != std::string::npos);
    CHECK(Connection::has(lone.client.take_events(), Event::Kind::failed));
}

TEST_CASE("RFC 5246 §7.2.2: a fatal alert from the server ends the handshake, origin peer") {
    LoneClient lone;
    lone.client.take_output();
    lone.client.receive(from_hex("1503030002" "0228"));
    REQUIRE(lone.client.failure());
    CHECK(lone.client.failure()->origin == FailureOrigin::peer);
    CHECK(lone.client.failure()->alert == AlertDescription::handshake_failure);
    CHECK(lone.client.take_output().empty());  // no alert is sent back
}

TEST_CASE("RFC 5246 §7.2.2: garbage from the server gets a fatal alert, never a silent close") {
    LoneClient lone;
    lone.client.take_output();
    lone.client.receive(to_bytes("HTTP/1.1 400 Bad Request\r\n\r\n"));
    REQUIRE(lone.client.failure());
    const Bytes out = lone.client.take_output();
    REQUIRE(out.size() == 7);
    CHECK(out[0] == 21);  // alert record
    CHECK(out[5] == 2);   // fatal
    CHECK(out[6] == static_cast<std::uint8_t>(lone.client.failure()->alert));
}

TEST_CASE("a peer that closes without close_notify after the handshake: failed, data may be truncated") {
    Connection conn(test_client_config(), test_server_config());
    conn.handshake();
    REQUIRE(conn.client->is_established());
    conn.client->transport_closed();
    REQUIRE(conn.client->failure());
    CHECK(conn.client->failure()->origin == FailureOrigin::transport);
    CHECK(conn.client->failure()->sentence.find("truncated") != std::string::npos);
}

TEST_CASE("RFC 5246 §7.2.2: close() during the handshake sends user_canceled then close_notify") {
    LoneClient lone;
    lone.client.take_output();
    lone.client.close();
    CHECK(to_hex(lone.client.take_output()) == "1503030002015a" "15030300020100");
    CHECK(lone.client.state() == State::closed);
}

TEST_CASE("RFC 5246 §7.4.6: a CertificateRequest is answered with an empty Certificate before ClientKeyExchange") {
    LoneClient lone;
    lone.client.take_output();
    ServerHello sh;
    sh.cipher_suite = 0x002F;
    sh.extensions.add(ExtensionType::renegotiation_info, encode_renegotiation_info({}));
    CertificateMessage cert;
    cert.certificate_list = {test_pki().server_cert, test_pki().ca_cert};
    CertificateRequest request;
    request.certificate_types = {1};
    request.supported_signature_algorithms = {0x0401};
    Bytes flight = sh.encode();
    append(flight, cert.encode());
    append(flight, request.encode());
    append(flight, ServerHelloDone{}.encode());
    lone.client.receive(record::encode_record(record::ContentType::handshake, record::tls12, flight));
    REQUIRE_FALSE(lone.client.failure());
    CHECK(lone.client.state() == State::client_wait_change_cipher_spec);
    const Bytes out = lone.client.take_output();
    // The first record holds the empty Certificate: 0b 000003 000000.
    REQUIRE(out.size() > 12);
    CHECK(to_hex(ByteView(out).first(12)) == "1603030007" "0b000003000000");
    CHECK(out[12] == 22);  // then the ClientKeyExchange record
}

TEST_CASE("RFC 5246 §7.3: a second CertificateRequest is unexpected_message") {
    LoneClient lone;
    ServerHello sh;
    sh.cipher_suite = 0x002F;
    CertificateMessage cert;
    cert.certificate_list = {test_pki().server_cert};
    CertificateRequest request;
    request.certificate_types = {1};
    request.supported_signature_algorithms = {0x0401};
    Bytes flight = sh.encode();
    append(flight, cert.encode());
    append(flight, request.encode());
    append(flight, request.encode());
    lone.client.receive(record::encode_record(record::ContentType::handshake, record::tls12, flight));
    REQUIRE(lone.client.failure());
    CHECK(lone.client.failure()->alert == AlertDescription::unexpected_message);
}

// ---------------------------------------------------------------------------------------------
// The variants on the client's side: client certificates (RFC 5246 §7.4.6), DHE_RSA (§7.4.3),
// resumption (§7.3, Figure 2)

namespace {

// ServerHello, Certificate, CertificateRequest(types, algorithms), ServerHelloDone as one record.
Bytes flight_with_request(Bytes types, std::vector<std::uint16_t> algorithms) {
    ServerHello sh;
    sh.cipher_suite = 0x002F;
    sh.extensions.add(ExtensionType::renegotiation_info, encode_renegotiation_info({}));
    CertificateMessage cert;
    cert.certificate_list = {test_pki().server_cert, test_pki().ca_cert};
    CertificateRequest request;
    request.certificate_types = std::move(types);
    request.supported_signature_algorithms = std::move(algorithms);
    Bytes flight = sh.encode();
    append(flight, cert.encode());
    append(flight, request.encode());
    append(flight, ServerHelloDone{}.encode());
    return record::encode_record(record::ContentType::handshake, record::tls12, flight);
}

// The handshake message types in the clear records of a flight, in order.
std::vector<std::uint8_t> clear_message_types(ByteView out) {
    std::vector<std::uint8_t> types;
    for (std::size_t at = 0; at + 5 < out.size();) {
        const std::size_t length = static_cast<std::size_t>(out[at + 3] << 8 | out[at + 4]);
        if (out[at] == 20) break;  // ChangeCipherSpec: the rest is encrypted
        if (out[at] == 22) types.push_back(out[at + 5]);
        at += 5 + length;
    }
    return types;
}

}  // namespace

TEST_CASE("RFC 5246 §7.4.6, §7.4.8: with a certificate the client sends Certificate, ClientKeyExchange, CertificateVerify") {
    ClientConfig c = test_client_config();
    c.credentials = test_client_credentials();
    LoneClient lone(c);
    lone.client.take_output();
    lone.client.receive(flight_with_request({1}, {0x0401}));
    REQUIRE_FALSE(lone.client.failure());
    CHECK(clear_message_types(lone.client.take_output()) == std::vector<std::uint8_t>{11, 16, 15});
}

TEST_CASE("RFC 5246 §7.4.6: a request the certificate does not suit is answered with an empty Certificate") {
    for (const auto& [types, algorithms] :
         {std::pair{Bytes{64}, std::vector<std::uint16_t>{0x0401}},     // ecdsa_sign only
          std::pair{Bytes{1}, std::vector<std::uint16_t>{0x0403}}}) {  // no RSA signature algorithm
        ClientConfig c = test_client_config();
        c.credentials = test_client_credentials();
        LoneClient lone(c);
        lone.client.take_output();
        lone.client.receive(flight_with_request(types, algorithms));
        REQUIRE_FALSE(lone.client.failure());
        const Bytes out = lone.client.take_output();
        CHECK(clear_message_types(out) == std::vector<std::uint8_t>{11, 16});  // no CertificateVerify
        CHECK(to_hex(ByteView(out).first(12)) == "1603030007" "0b000003000000");
    }
}

TEST_CASE("Logjam: a server's 1024-bit DH group is refused with handshake_failure, accepted when the minimum is lowered") {
    ClientConfig c = test_client_config();
    ServerConfig s = test_server_config();
    c.cipher_suites = {CipherSuite::TLS_DHE_RSA_WITH_AES_128_CBC_SHA};
    c.ffdhe_groups = std::vector<std::uint16_t>{};  // lists no RFC 7919 group: the server sends its own (§4)
    s.dh_group = oakley_group_2();
    Connection refused(c, s);
    refused.handshake();
    check_client_rejected(refused, AlertDescription::handshake_failure);
    CHECK(refused.client->failure()->sentence.find("1024-bit Diffie-Hellman group") != std::string::npos);

    c.minimum_dh_bits = 1024;
    RecordingTrace trace;
    Connection lab(c, s, as_bytes("client seed 0123456789"), as_bytes("server seed 0123456789"), &trace);
    lab.handshake();
    REQUIRE(lab.client->is_established());
    CHECK(lab.client->session().dh_group == "server-chosen (1024 bits)");  // not a group the client knows by name
    bool warned = false;
    for (const NoteTrace& n : trace.notes) warned = warned || n.text.find("WARNING: accepted a 1024-bit") == 0;
    CHECK(warned);
}

TEST_CASE("RFC 5246 §7.4.3: a DHE server that skips ServerKeyExchange is unexpected_message") {
    LoneClient lone;
    ServerHello sh;
    sh.cipher_suite = 0x0067;
    CertificateMessage cert;
    cert.certificate_list = {test_pki().server_cert, test_pki().ca_cert};
    Bytes flight = sh.encode();
    append(flight, cert.encode());
    append(flight, ServerHelloDone{}.encode());
    lone.client.receive(record::encode_record(record::ContentType::handshake, record::tls12, flight));
    REQUIRE(lone.client.failure());
    CHECK(lone.client.failure()->alert == AlertDescription::unexpected_message);
    CHECK(lone.client.failure()->sentence.find("expected ServerKeyExchange") != std::string::npos);
}

namespace {
// A session the client saved from a verified full handshake with "localhost":
// TLS_RSA_WITH_AES_128_CBC_SHA (0x002F), extended master secret negotiated.
std::shared_ptr<SessionState> saved_session_for_localhost() {
    auto saved = std::make_shared<SessionState>();
    saved->session_id = Bytes(32, 0x11);
    saved->cipher_suite = 0x002F;
    saved->master_secret = SecretBytes(Bytes(48, 0x22));
    saved->extended_master_secret = true;
    saved->server_name = "localhost";
    saved->peer_verified = true;
    return saved;
}
}  // namespace

TEST_CASE("RFC 5246 §7.4.1.3: a server that 'resumes' our session with another cipher suite is illegal_parameter") {
    auto saved = saved_session_for_localhost();
    ClientConfig c = test_client_config();
    c.resume = saved;
    LoneClient lone(c);
    const Bytes hello = lone.client.take_output();
    // The session ID is in the ClientHello: 5 (record) + 4 (header) + 2 (version) + 32 (random), then its length.
    REQUIRE(hello.size() > 5 + 4 + 2 + 32 + 33);
    CHECK(hello[5 + 4 + 2 + 32] == 32);
    CHECK(Bytes(hello.begin() + 44, hello.begin() + 76) == saved->session_id);

    ServerHello sh;
    sh.session_id = saved->session_id;
    sh.cipher_suite = 0x0035;
    sh.extensions.add(ExtensionType::extended_master_secret, {});
    lone.client.receive(server_hello_record(sh));
    REQUIRE(lone.client.failure());
    CHECK(lone.client.failure()->alert == AlertDescription::illegal_parameter);
}

TEST_CASE("RFC 7627 §5.3: a resumption whose extended_master_secret differs from the session's is handshake_failure") {
    auto saved = saved_session_for_localhost();
    ClientConfig c = test_client_config();
    c.resume = saved;
    LoneClient lone(c);
    ServerHello sh;
    sh.session_id = saved->session_id;
    sh.cipher_suite = 0x002F;  // but no extended_master_secret
    lone.client.receive(server_hello_record(sh));
    REQUIRE(lone.client.failure());
    CHECK(lone.client.failure()->alert == AlertDescription::handshake_failure);
}

TEST_CASE("RFC 5246 §7.4.1.2, RFC 6066 §3: a saved session is not offered to another name, without its suite, or unverified") {
    auto saved = saved_session_for_localhost();
    saved->server_name = "other.example";
    ClientConfig c = test_client_config();
    c.resume = saved;
    LoneClient other_name(c);
    CHECK(other_name.client.take_output()[5 + 4 + 2 + 32] == 0);  // empty session_id

    saved->server_name = "localhost";
    c.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_256_CBC_SHA};
    LoneClient other_suite(c);
    CHECK(other_suite.client.take_output()[5 + 4 + 2 + 32] == 0);

    // A session made with --insecure is not offered by a client that verifies.
    c.cipher_suites = {};
    saved->peer_verified = false;
    LoneClient unverified(c);
    CHECK(unverified.client.take_output()[5 + 4 + 2 + 32] == 0);
    saved->peer_verified = true;
    LoneClient verified(c);
    CHECK(verified.client.take_output()[5 + 4 + 2 + 32] == 32);
}
