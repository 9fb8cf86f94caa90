// Tests of handshake/server.cpp: the server's answers to ClientHellos built by hand, each failure
// with its alert (RFC 5246 §7.2.2), a fuzz-style loop of random and mutated input, and the
// variants: client certificates (§7.4.4, §7.4.6, §7.4.8) and DHE_RSA (§7.4.3).
#include <doctest/doctest.h>

#include <optional>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "handshake/engine.h"
#include "handshake/messages/certificate_request.h"
#include "handshake/messages/client_hello.h"
#include "handshake/messages/client_key_exchange_dh.h"
#include "handshake/messages/server_hello.h"
#include "record/record.h"
#include "tests/handshake/engine_harness.h"
#include "tests/handshake/handshake_test_support.h"
#include "x509/certificate.h"

using namespace lucid;
using namespace lucid::handshake;
using namespace lucid::handshake::testing;
using lucid::record::AlertDescription;

namespace {

struct LoneServer {
    std::unique_ptr<crypto::RandomSource> random = make_deterministic_random(as_bytes("lone server seed"), Role::server);
    Server server;
    explicit LoneServer(ServerConfig s = test_server_config()) : server(std::move(s), *random) {}
};

ClientHello basic_hello() {
    ClientHello h;
    h.random.fill(0x42);
    h.cipher_suites = {0x002F, 0x003C};
    h.extensions.add(ExtensionType::renegotiation_info, encode_renegotiation_info({}));
    return h;
}

Bytes as_record(const Bytes& handshake_message, record::ProtocolVersion version = record::tls10) {
    return record::encode_record(record::ContentType::handshake, version, handshake_message);
}

// The ServerHello at the start of the server's first flight (records in the clear).
std::optional<ServerHello> first_server_hello(ByteView output) {
    if (output.size() < 9 || output[0] != 22 || output[5] != 2) return std::nullopt;
    const std::size_t record_length = static_cast<std::size_t>(output[3] << 8 | output[4]);
    const ByteView fragment = output.subspan(5, record_length);
    const std::size_t length = static_cast<std::size_t>(fragment[1] << 16 | fragment[2] << 8 | fragment[3]);
    return ServerHello::parse(fragment.subspan(4, length));
}

void check_server_rejects(const Bytes& input, AlertDescription alert) {
    LoneServer lone;
    lone.server.receive(input);
    REQUIRE(lone.server.failure());
    CHECK(lone.server.failure()->alert == alert);
    CHECK(lone.server.failure()->origin == FailureOrigin::local);
    const Bytes out = lone.server.take_output();
    // The fatal alert is on the wire, in the clear (no keys yet): 15 03 03 00 02 02 <alert>.
    REQUIRE(out.size() == 7);
    CHECK(out[0] == 21);
    CHECK(out[5] == 2);
    CHECK(out[6] == static_cast<std::uint8_t>(alert));
}

}  // namespace

TEST_CASE("RFC 5246 §7.4.1.4.1: the server accepts a ClientHello without signature_algorithms") {
    LoneServer lone;
    const ClientHello h = basic_hello();
    REQUIRE_FALSE(h.extensions.signature_algorithms);
    lone.server.receive(as_record(h.encode()));
    CHECK_FALSE(lone.server.failure());
    CHECK(lone.server.state() == State::server_wait_client_key_exchange);
    const std::optional<ServerHello> sh = first_server_hello(lone.server.take_output());
    REQUIRE(sh);
    CHECK(sh->cipher_suite == 0x003C);  // the server's preference: SHA-256 suites first
}

TEST_CASE("RFC 5746 §3.6: TLS_EMPTY_RENEGOTIATION_INFO_SCSV counts as an empty renegotiation_info; the server answers with the extension") {
    LoneServer lone;
    ClientHello h = basic_hello();
    h.extensions = {};
    h.cipher_suites.push_back(TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
    lone.server.receive(as_record(h.encode()));
    const std::optional<ServerHello> sh = first_server_hello(lone.server.take_output());
    REQUIRE(sh);
    REQUIRE(sh->extensions.renegotiation_info);
    CHECK(sh->extensions.renegotiation_info->empty());
    CHECK(lone.server.session().secure_renegotiation);
}

TEST_CASE("RFC 5746 §3.6: without SCSV or the extension, the server sends no renegotiation_info") {
    LoneServer lone;
    ClientHello h = basic_hello();
    h.extensions = {};
    lone.server.receive(as_record(h.encode()));
    const std::optional<ServerHello> sh = first_server_hello(lone.server.take_output());
    REQUIRE(sh);
    CHECK_FALSE(sh->extensions.renegotiation_info);
    CHECK_FALSE(lone.server.session().secure_renegotiation);
}

TEST_CASE("RFC 5746 §3.6: a non-empty renegotiation_info on an initial handshake is handshake_failure") {
    ClientHello h = basic_hello();
    h.extensions.list.front().data = encode_renegotiation_info(Bytes(12, 7));
    check_server_rejects(as_record(h.encode()), AlertDescription::handshake_failure);
}

TEST_CASE("RFC 5246 §7.4.1.3: no cipher suite in common is handshake_failure, with both lists in the sentence") {
    ClientHello h = basic_hello();
    h.cipher_suites = {0xC02B, 0x1301};  // ECDHE-ECDSA-AES128-GCM-SHA256, TLS 1.3's TLS_AES_128_GCM_SHA256
    check_server_rejects(as_record(h.encode()), AlertDescription::handshake_failure);
    LoneServer lone;
    lone.server.receive(as_record(h.encode()));
    const std::string sentence = lone.server.failure()->sentence;
    CHECK(sentence.find("no cipher suite in common") != std::string::npos);
    CHECK(sentence.find("0xc02b") != std::string::npos);
    CHECK(sentence.find("TLS_RSA_WITH_AES_128_CBC_SHA256") != std::string::npos);
}

TEST_CASE("issue 6: a ClientHello that cannot do TLS 1.2 gets protocol_version") {
    ClientHello h = basic_hello();
    h.client_version = 0x0302;
    check_server_rejects(as_record(h.encode()), AlertDescription::protocol_version);
}

TEST_CASE("RFC 5246 Appendix E.1: a ClientHello offering a higher version is answered with TLS 1.2") {
    LoneServer lone;
    ClientHello h = basic_hello();
    h.client_version = 0x0304;
    lone.server.receive(as_record(h.encode()));
    const std::optional<ServerHello> sh = first_server_hello(lone.server.take_output());
    REQUIRE(sh);
    CHECK(sh->server_version == 0x0303);
}

TEST_CASE("RFC 5246 §7.4.1.2: compression_methods without null is illegal_parameter") {
    ClientHello h = basic_hello();
    h.compression_methods = {1};
    check_server_rejects(as_record(h.encode()), AlertDescription::illegal_parameter);
}

TEST_CASE("RFC 5246 §7.2.2: a malformed ClientHello is decode_error") {
    Bytes message = basic_hello().encode();
    message.push_back(0xAA);  // a trailing byte, and the header's length grown to cover it
    message[3] = static_cast<std::uint8_t>(message[3] + 1);
    check_server_rejects(as_record(message), AlertDescription::decode_error);
}

TEST_CASE("RFC 5246 §7.3: a Finished before any ClientHello is unexpected_message") {
    check_server_rejects(as_record(from_hex("1400000c" "000000000000000000000000")), AlertDescription::unexpected_message);
}

TEST_CASE("RFC 5246 §7.3: application data before the handshake is unexpected_message") {
    check_server_rejects(record::encode_record(record::ContentType::application_data, record::tls12, to_bytes("GET /")),
                         AlertDescription::unexpected_message);
}

TEST_CASE("RFC 5246 §6.2.1: a record longer than 2^14 + 2048 is record_overflow") {
    check_server_rejects(from_hex("16030348010000"), AlertDescription::record_overflow);
}

TEST_CASE("RFC 5246 §7.4.7.1: a tampered ClientKeyExchange gives no alert of its own: the keys differ, bad_record_mac follows") {
    Connection conn(test_client_config(), test_server_config());
    conn.client->start();
    conn.server->receive(conn.client->take_output());
    conn.client->receive(conn.server->take_output());
    Bytes flight = conn.client->take_output();  // ClientKeyExchange record first
    flight[5 + 4 + 2 + 10] ^= 0x01;             // a byte of the RSA ciphertext
    conn.server->receive(flight);
    REQUIRE(conn.server->failure());
    // Not decrypt_error, not a padding complaint: the server went on with a random premaster and
    // the first protected record (the client's Finished) failed its MAC.
    CHECK(conn.server->failure()->alert == AlertDescription::bad_record_mac);
}

TEST_CASE("a peer that closes mid-handshake: the server fails with a sentence, origin transport") {
    LoneServer lone;
    const Bytes hello = as_record(basic_hello().encode());
    lone.server.receive(ByteView(hello).first(20));
    lone.server.transport_closed();
    REQUIRE(lone.server.failure());
    CHECK(lone.server.failure()->origin == FailureOrigin::transport);
}

TEST_CASE("fuzz: random bytes into a server never crash it and end in a clean failure with a fatal alert") {
    crypto::HmacDrbg rng(as_bytes("fuzz random input seed"), {}, {});
    for (int i = 0; i < 2000; ++i) {
        CAPTURE(i);
        Bytes input = rng.bytes(1 + rng.bytes(1)[0] % 64);
        if (i % 2 == 0) {
            // Half the time, a plausible record header so that the parsers behind it are reached.
            const Bytes header = {22, 3, static_cast<std::uint8_t>(i % 4), 0, static_cast<std::uint8_t>(input.size())};
            input.insert(input.begin(), header.begin(), header.end());
        }
        LoneServer lone;
        lone.server.receive(input);
        const State s = lone.server.state();
        CHECK((s == State::failed || s == State::server_wait_client_hello));
        if (s == State::failed) {
            const Bytes out = lone.server.take_output();
            REQUIRE(out.size() == 7);
            CHECK(out[5] == 2);
            CHECK_FALSE(lone.server.failure()->sentence.empty());
        }
    }
}

TEST_CASE("fuzz: mutated client flights never crash the server; each ends established or in a clean failure") {
    // A real client's two flights, recorded once.
    Connection conn(test_client_config(), test_server_config());
    conn.client->start();
    const Bytes first = conn.client->take_output();
    conn.server->receive(first);
    conn.client->receive(conn.server->take_output());
    const Bytes second = conn.client->take_output();

    crypto::HmacDrbg rng(as_bytes("fuzz mutation seed"), {}, {});
    int established = 0;
    for (int i = 0; i < 400; ++i) {
        CAPTURE(i);
        Bytes a = first;
        Bytes b = second;
        Bytes& target = (i % 3 == 0) ? b : a;
        const Bytes r = rng.bytes(4);
        const std::size_t at = (static_cast<std::size_t>(r[0]) << 8 | r[1]) % target.size();
        switch (r[2] % 4) {
            case 0: target[at] ^= static_cast<std::uint8_t>(1u << (r[3] % 8)); break;  // flip a bit
            case 1: target[at] = r[3]; break;                                          // set a byte
            case 2: target.resize(at); break;                                          // truncate
            case 3: target.insert(target.begin() + static_cast<std::ptrdiff_t>(at), r[3]); break;  // insert
        }
        LoneServer lone;
        lone.server.receive(a);
        Bytes out = lone.server.take_output();
        lone.server.receive(b);
        append(out, lone.server.take_output());
        const State s = lone.server.state();
        CHECK((s == State::established || s == State::failed || s == State::server_wait_client_hello ||
               s == State::server_wait_client_key_exchange || s == State::server_wait_change_cipher_spec ||
               s == State::server_wait_finished));
        if (s == State::established) ++established;
        if (s == State::failed) {
            REQUIRE(lone.server.failure());
            CHECK(lone.server.failure()->origin == FailureOrigin::local);
            CHECK_FALSE(lone.server.failure()->sentence.empty());
            // The last record sent is the fatal alert, in the clear (the server never got to its
            // ChangeCipherSpec): 15 03 03 00 02 02 <description>.
            REQUIRE(out.size() >= 7);
            const Bytes tail(out.end() - 7, out.end());
            CHECK(to_hex(ByteView(tail).first(6)) == "150303000202");
            CHECK(tail[6] == static_cast<std::uint8_t>(lone.server.failure()->alert));
        }
    }
    // Mutations of the ClientHello random or of unused bytes can still complete; most cannot.
    CHECK(established < 400);
}

TEST_CASE("RFC 5246 §6: garbage (an HTTP request sent to a TLS port) gets a fatal unexpected_message, never a silent close") {
    // 'G' (0x47) is no content type of RFC 5246 §6.2.1.
    check_server_rejects(to_bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), AlertDescription::unexpected_message);
}

// ---------------------------------------------------------------------------------------------
// Client certificates, RFC 5246 §7.4.4, §7.4.6, §7.4.8

namespace {

ServerConfig asking_server(ClientAuth mode) {
    ServerConfig s = test_server_config();
    s.client_auth = mode;
    s.client_trust_anchors = {test_pki().ca_cert};
    return s;
}

ClientConfig client_with(Bytes certificate) {
    ClientConfig c = test_client_config();
    c.credentials = ServerCredentials::from_key({std::move(certificate)}, test_pki().server_key);
    return c;
}

// The server failed with `alert` it sent, and the client received it.
void check_server_refused(Connection& conn, AlertDescription alert) {
    REQUIRE(conn.server->failure());
    CHECK(conn.server->failure()->origin == FailureOrigin::local);
    CHECK(conn.server->failure()->alert == alert);
    REQUIRE(conn.client->failure());
    CHECK(conn.client->failure()->origin == FailureOrigin::peer);
    CHECK(conn.client->failure()->alert == alert);
}

}  // namespace

TEST_CASE("RFC 5246 §7.4.4, §7.4.8: --require-client-cert: the client's Certificate and CertificateVerify authenticate it") {
    RecordingTrace server_trace;
    ClientConfig c = test_client_config();
    c.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256};  // the walkthrough's flow, no ServerKeyExchange
    c.credentials = test_client_credentials();
    Connection conn(c, asking_server(ClientAuth::require), as_bytes("client seed 0123456789"),
                    as_bytes("server seed 0123456789"), nullptr, &server_trace);
    conn.handshake();
    REQUIRE(conn.server->is_established());
    REQUIRE(conn.client->is_established());
    const SessionInfo& ss = conn.server->session();
    CHECK(ss.peer_verified);
    CHECK(ss.peer_certificates == std::vector<Bytes>{test_pki().client_cert});
    CHECK(conn.client->session().client_certificate_requested);
    std::vector<std::string> names;
    for (const MessageTrace& m : server_trace.messages) {
        names.push_back(m.name);
        if (m.content_type == 22) check_every_byte_explained(m.root, m.raw.size());
    }
    CHECK(names == std::vector<std::string>{"ClientHello", "ServerHello", "Certificate", "CertificateRequest",
                                            "ServerHelloDone", "Certificate", "ClientKeyExchange", "CertificateVerify",
                                            "ChangeCipherSpec", "Finished", "ChangeCipherSpec", "Finished"});
    // §7.4.4: the CertificateRequest names the CA (its subject, DER) and asks for rsa_sign.
    const MessageTrace& request = server_trace.messages[3];
    const CertificateRequest parsed = CertificateRequest::parse(ByteView(request.raw).subspan(4));
    CHECK(parsed.certificate_types == Bytes{1});
    REQUIRE(parsed.certificate_authorities.size() == 1);
    CHECK(parsed.certificate_authorities[0] == x509::Certificate::parse(test_pki().ca_cert).subject().der());
    // Data flows after it.
    conn.client->send(to_bytes("hello"));
    conn.pump();
    CHECK(Connection::data_of(conn.server_events) == to_bytes("hello"));
}

TEST_CASE("RFC 5246 §7.4.6: --require-client-cert: a client without a certificate gets handshake_failure") {
    Connection conn(test_client_config(), asking_server(ClientAuth::require));
    conn.handshake();
    check_server_refused(conn, AlertDescription::handshake_failure);
    CHECK(conn.server->failure()->sentence.find("sent no certificate") != std::string::npos);
    // The client hears only handshake_failure; its sentence says what the handshake showed.
    REQUIRE(conn.client->failure());
    CHECK(conn.client->failure()->sentence.find("had asked for a client certificate") != std::string::npos);
}

TEST_CASE("RFC 5246 §7.4.6: --verify-client: a client without a certificate goes on, unauthenticated") {
    Connection conn(test_client_config(), asking_server(ClientAuth::request));
    conn.handshake();
    REQUIRE(conn.server->is_established());
    CHECK_FALSE(conn.server->session().peer_verified);
    CHECK(conn.server->session().peer_certificates.empty());
    CHECK(conn.client->session().client_certificate_requested);
}

TEST_CASE("RFC 5246 §7.4.6: --verify-client: a client that does send a certificate has it checked") {
    Connection good(client_with(test_pki().client_cert), asking_server(ClientAuth::request));
    good.handshake();
    REQUIRE(good.server->is_established());
    CHECK(good.server->session().peer_verified);
    Connection bad(client_with(test_pki().stranger_cert), asking_server(ClientAuth::request));
    bad.handshake();
    check_server_refused(bad, AlertDescription::unknown_ca);
}

TEST_CASE("RFC 5280 §6.1: a client certificate from a CA the server does not trust is unknown_ca") {
    Connection conn(client_with(test_pki().stranger_cert), asking_server(ClientAuth::require));
    conn.handshake();
    check_server_refused(conn, AlertDescription::unknown_ca);
    CHECK(conn.server->failure()->sentence.find("client certificate rejected") != std::string::npos);
}

TEST_CASE("RFC 5280 §4.2.1.12: a client certificate whose extKeyUsage lacks clientAuth is unsupported_certificate") {
    Connection conn(client_with(test_pki().server_only_client_cert), asking_server(ClientAuth::require));
    conn.handshake();
    check_server_refused(conn, AlertDescription::unsupported_certificate);
}

TEST_CASE("RFC 5246 §7.4.8: a CertificateVerify that does not verify is decrypt_error") {
    ClientConfig c = test_client_config();
    c.credentials = test_client_credentials();
    Connection conn(c, asking_server(ClientAuth::require));
    conn.client->start();
    conn.server->receive(conn.client->take_output());
    conn.client->receive(conn.server->take_output());
    Bytes flight = conn.client->take_output();
    // The records in the clear: Certificate, ClientKeyExchange, CertificateVerify (type 15).
    bool tampered = false;
    for (std::size_t at = 0; at + 5 < flight.size();) {
        const std::size_t length = static_cast<std::size_t>(flight[at + 3] << 8 | flight[at + 4]);
        if (flight[at] == 22 && flight[at + 5] == 15) {
            flight[at + 5 + length - 1] ^= 0x01;  // the last byte of the signature
            tampered = true;
            break;
        }
        at += 5 + length;
    }
    REQUIRE(tampered);
    conn.server->receive(flight);
    REQUIRE(conn.server->failure());
    CHECK(conn.server->failure()->alert == AlertDescription::decrypt_error);
    CHECK(conn.server->failure()->sentence.find("CertificateVerify") != std::string::npos);
}

TEST_CASE("RFC 5246 §7.4.6: a client that skips its Certificate after a CertificateRequest is unexpected_message") {
    // A client that does not know about client certificates at all: ClientKeyExchange directly.
    ClientConfig c = test_client_config();
    Connection conn(c, asking_server(ClientAuth::request));
    conn.client->start();
    conn.server->receive(conn.client->take_output());
    Bytes server_flight = conn.server->take_output();
    // Drop the CertificateRequest record from the server's flight before the client sees it.
    Bytes without;
    for (std::size_t at = 0; at + 5 <= server_flight.size();) {
        const std::size_t length = static_cast<std::size_t>(server_flight[at + 3] << 8 | server_flight[at + 4]);
        if (!(server_flight[at] == 22 && server_flight[at + 5] == 13)) {
            append(without, ByteView(server_flight).subspan(at, 5 + length));
        }
        at += 5 + length;
    }
    REQUIRE(without.size() < server_flight.size());
    conn.client->receive(without);
    conn.server->receive(conn.client->take_output());
    REQUIRE(conn.server->failure());
    CHECK(conn.server->failure()->alert == AlertDescription::unexpected_message);
}

// ---------------------------------------------------------------------------------------------
// DHE_RSA, RFC 5246 §7.4.3

TEST_CASE("RFC 5246 §7.4.1.4.1: a DHE_RSA suite is chosen only if a signature algorithm is in common") {
    ClientHello h = basic_hello();
    h.cipher_suites = {0x0067, 0x002F};  // DHE-RSA-AES128-SHA256 first, AES128-SHA
    h.extensions.add(ExtensionType::signature_algorithms, encode_signature_algorithms({0x0403}));  // ecdsa only
    LoneServer lone;
    lone.server.receive(as_record(h.encode()));
    const std::optional<ServerHello> sh = first_server_hello(lone.server.take_output());
    REQUIRE(sh);
    CHECK(sh->cipher_suite == 0x002F);  // DHE skipped: nothing to sign its ServerKeyExchange with

    ClientHello only_dhe = h;
    only_dhe.cipher_suites = {0x0067};
    check_server_rejects(as_record(only_dhe.encode()), AlertDescription::handshake_failure);
}

TEST_CASE("RFC 5246 §8.1.2: a ClientKeyExchange with dh_Yc = 1 is illegal_parameter") {
    ClientHello h = basic_hello();
    h.cipher_suites = {0x0067};
    LoneServer lone;
    lone.server.receive(as_record(h.encode()));
    REQUIRE(lone.server.state() == State::server_wait_client_key_exchange);
    lone.server.take_output();
    lone.server.receive(as_record(ClientKeyExchangeDh{Bytes{1}}.encode(), record::tls12));
    REQUIRE(lone.server.failure());
    CHECK(lone.server.failure()->alert == AlertDescription::illegal_parameter);
}
