// Tests of handshake/peer_limits.h and of the other abuse limits it lists (docs/robustness.md):
// a peer that sends records carrying nothing, forever; ChangeCipherSpec where it does not belong;
// a handshake message or a certificate chain too long. Each ends in the alert the table names.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/engine.h"
#include "handshake/engine_impl.h"
#include "handshake/messages/server_hello_done.h"  // HelloRequest
#include "handshake/peer_limits.h"
#include "record/record.h"
#include "tests/handshake/engine_harness.h"

using namespace lucid;
using namespace lucid::handshake;
using namespace lucid::handshake::testing;
using lucid::record::AlertDescription;
using lucid::record::AlertLevel;
using lucid::record::ContentType;

namespace {

// A record `sender` protects under its current keys, as its peer will read it. The engines never
// send these (an empty record, a warning alert on demand ...): the tests play the hostile peer.
Bytes sealed_by(Engine& sender, ContentType type, const Bytes& payload) {
    return engine_internals_for_tests(sender).records.seal(type, payload);
}

Bytes plain_record(ContentType type, const Bytes& fragment) {
    return record::encode_record(type, record::tls12, fragment);
}

// The alert records in `wire`, decrypted by `reader` (the peer of the engine that wrote them).
std::vector<std::pair<AlertLevel, AlertDescription>> alerts_in(Engine& reader, const Bytes& wire) {
    record::RecordLayer& records = engine_internals_for_tests(reader).records;
    records.feed(wire);
    std::vector<std::pair<AlertLevel, AlertDescription>> out;
    while (std::optional<record::Record> r = records.next_record()) {
        if (r->type == ContentType::alert && r->fragment.size() == 2) {
            out.emplace_back(static_cast<AlertLevel>(r->fragment[0]), static_cast<AlertDescription>(r->fragment[1]));
        }
    }
    return out;
}

// The client refuses renegotiation (--no-renegotiation), so that HelloRequests count as refused.
Connection established() {
    ClientConfig c = test_client_config();
    c.renegotiation = false;
    Connection conn(c, test_server_config());
    conn.handshake();
    REQUIRE(conn.server->is_established());
    REQUIRE(conn.client->is_established());
    return conn;
}

void check_failed_with(Engine& e, AlertDescription alert, const std::string& words = "") {
    REQUIRE(e.failure());
    CHECK(e.failure()->origin == FailureOrigin::local);
    CHECK(e.failure()->alert == alert);
    if (!words.empty()) CHECK(e.failure()->sentence.find(words) != std::string::npos);
}

// The client's second flight (RSA): ClientKeyExchange, ChangeCipherSpec, Finished, one record each,
// and the server after reading the first flight, waiting for it.
struct SecondFlight {
    Connection conn{test_client_config(), test_server_config()};
    std::vector<Bytes> records;

    SecondFlight() {
        conn.client->start();
        conn.server->receive(conn.client->take_output());
        conn.client->receive(conn.server->take_output());
        const Bytes flight = conn.client->take_output();
        for (std::size_t at = 0; at + 5 <= flight.size();) {
            const std::size_t length = static_cast<std::size_t>(flight[at + 3] << 8 | flight[at + 4]);
            records.emplace_back(flight.begin() + static_cast<std::ptrdiff_t>(at),
                                 flight.begin() + static_cast<std::ptrdiff_t>(at + 5 + length));
            at += 5 + length;
        }
        REQUIRE(records.size() == 3);
        REQUIRE(records[1][0] == 20);  // ChangeCipherSpec
    }
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Records that carry nothing

TEST_CASE("RFC 5246 §6.2.1: 32 empty application_data records in a row are accepted, the 33rd is unexpected_message") {
    Connection conn = established();
    for (std::size_t i = 0; i < max_empty_records; ++i) {
        conn.server->receive(sealed_by(*conn.client, ContentType::application_data, {}));
    }
    CHECK(conn.server->is_established());
    CHECK(conn.server->take_output().empty());
    conn.server->receive(sealed_by(*conn.client, ContentType::application_data, {}));
    check_failed_with(*conn.server, AlertDescription::unexpected_message, "33 empty application_data records");
    const auto alerts = alerts_in(*conn.client, conn.server->take_output());
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0] == std::pair{AlertLevel::fatal, AlertDescription::unexpected_message});
}

TEST_CASE("RFC 5246 §6.2.1: an empty record before each data record (the CBC countermeasure) never adds up") {
    Connection conn = established();
    for (int i = 0; i < 4 * static_cast<int>(max_empty_records); ++i) {
        conn.server->receive(sealed_by(*conn.client, ContentType::application_data, {}));
        conn.server->receive(sealed_by(*conn.client, ContentType::application_data, to_bytes("x")));
    }
    CHECK(conn.server->is_established());
    conn.collect();
    CHECK(Connection::data_of(conn.server_events).size() == 4 * max_empty_records);
}

TEST_CASE("RFC 5246 §6.2.1: an empty handshake, alert or ChangeCipherSpec record is decode_error at once, not counted") {
    for (ContentType type : {ContentType::handshake, ContentType::alert, ContentType::change_cipher_spec}) {
        Connection conn(test_client_config(), test_server_config());
        conn.server->receive(plain_record(type, {}));
        check_failed_with(*conn.server, AlertDescription::decode_error, "empty");
    }
}

TEST_CASE("RFC 5246 §7.2: five warning alerts in a row are accepted, the sixth is unexpected_message") {
    Connection conn = established();
    const Bytes warning = {1, static_cast<std::uint8_t>(AlertDescription::user_canceled)};
    for (std::size_t i = 0; i < max_warning_alerts; ++i) conn.server->receive(sealed_by(*conn.client, ContentType::alert, warning));
    CHECK(conn.server->is_established());
    conn.server->receive(sealed_by(*conn.client, ContentType::alert, warning));
    check_failed_with(*conn.server, AlertDescription::unexpected_message, "6 warning alerts");
}

TEST_CASE("RFC 5246 §7.2: warning alerts between data records never add up") {
    Connection conn = established();
    const Bytes warning = {1, static_cast<std::uint8_t>(AlertDescription::user_canceled)};
    for (int i = 0; i < 20; ++i) {
        conn.client->receive(sealed_by(*conn.server, ContentType::alert, warning));
        conn.client->receive(sealed_by(*conn.server, ContentType::application_data, to_bytes("data")));
    }
    CHECK(conn.client->is_established());
}

TEST_CASE("empty records and warning alerts mixed: each kind keeps its own count until data arrives") {
    Connection conn = established();
    const Bytes warning = {1, static_cast<std::uint8_t>(AlertDescription::user_canceled)};
    for (std::size_t i = 0; i < max_warning_alerts; ++i) {
        conn.server->receive(sealed_by(*conn.client, ContentType::alert, warning));
        conn.server->receive(sealed_by(*conn.client, ContentType::application_data, {}));
    }
    CHECK(conn.server->is_established());
    conn.server->receive(sealed_by(*conn.client, ContentType::alert, warning));
    check_failed_with(*conn.server, AlertDescription::unexpected_message, "warning alerts");
}

// ---------------------------------------------------------------------------------------------
// Renegotiation requests in a loop, refused (renegotiations accepted in a loop: test_renegotiation.cpp)

TEST_CASE("RFC 5746 §4.2: three HelloRequests are refused with no_renegotiation warnings, the fourth is unexpected_message") {
    Connection conn = established();
    const Bytes hello_request = HelloRequest{}.encode();
    for (std::size_t i = 0; i < max_renegotiation_requests; ++i) {
        conn.client->receive(sealed_by(*conn.server, ContentType::handshake, hello_request));
    }
    CHECK(conn.client->is_established());
    conn.client->receive(sealed_by(*conn.server, ContentType::handshake, hello_request));
    check_failed_with(*conn.client, AlertDescription::unexpected_message, "renegotiation requests");
    const auto alerts = alerts_in(*conn.server, conn.client->take_output());
    REQUIRE(alerts.size() == max_renegotiation_requests + 1);
    for (std::size_t i = 0; i < max_renegotiation_requests; ++i) {
        CHECK(alerts[i] == std::pair{AlertLevel::warning, AlertDescription::no_renegotiation});
    }
    CHECK(alerts.back() == std::pair{AlertLevel::fatal, AlertDescription::unexpected_message});
}

TEST_CASE("RFC 5746 §4.2: HelloRequests coalesced in one record count one by one") {
    Connection conn = established();
    Bytes many;
    for (int i = 0; i < 50; ++i) append(many, HelloRequest{}.encode());
    conn.client->receive(sealed_by(*conn.server, ContentType::handshake, many));
    check_failed_with(*conn.client, AlertDescription::unexpected_message, "renegotiation requests");
}

TEST_CASE("RFC 5746 §4.4: a client that sends ClientHello after ClientHello gets three refusals, then unexpected_message") {
    Connection conn = established();
    // Any ClientHello will do: it is refused before it is parsed.
    const Bytes client_hello = from_hex("01000002" "0303");
    for (std::size_t i = 0; i < max_renegotiation_requests; ++i) {
        conn.server->receive(sealed_by(*conn.client, ContentType::handshake, client_hello));
    }
    CHECK(conn.server->is_established());
    conn.server->receive(sealed_by(*conn.client, ContentType::handshake, client_hello));
    check_failed_with(*conn.server, AlertDescription::unexpected_message, "renegotiation requests");
}

TEST_CASE("RFC 5746 §4.2: data between HelloRequests starts the count again") {
    Connection conn = established();
    for (int i = 0; i < 10; ++i) {
        conn.client->receive(sealed_by(*conn.server, ContentType::handshake, HelloRequest{}.encode()));
        conn.client->receive(sealed_by(*conn.server, ContentType::application_data, to_bytes("more")));
    }
    CHECK(conn.client->is_established());
}

TEST_CASE("RFC 5246 §7.4.1.1: HelloRequests during the handshake are ignored, but not endlessly") {
    auto random = make_deterministic_random(as_bytes("lone client seed"), Role::client);
    Client client(test_client_config(), *random);
    client.start();
    client.take_output();
    for (std::size_t i = 0; i < max_renegotiation_requests; ++i) client.receive(from_hex("1603030004" "00000000"));
    CHECK_FALSE(client.failure());
    CHECK(client.take_output().empty());  // ignored: no answer during the handshake
    client.receive(from_hex("1603030004" "00000000"));
    check_failed_with(client, AlertDescription::unexpected_message, "renegotiation requests");
}

// ---------------------------------------------------------------------------------------------
// ChangeCipherSpec that breaks the rules, RFC 5246 §7.1

TEST_CASE("RFC 5246 §7.1: a ChangeCipherSpec whose body is not the single byte 1: decode_error (length), illegal_parameter (value)") {
    const std::vector<std::pair<Bytes, AlertDescription>> cases = {
        {Bytes{1, 1}, AlertDescription::decode_error},
        {Bytes{1, 0, 0, 0}, AlertDescription::decode_error},
        {Bytes{2}, AlertDescription::illegal_parameter},
        {Bytes{0}, AlertDescription::illegal_parameter},
    };
    for (const auto& [body, alert] : cases) {
        SecondFlight f;
        f.conn.server->receive(f.records[0]);  // ClientKeyExchange: now a CCS is expected
        f.conn.server->receive(plain_record(ContentType::change_cipher_spec, body));
        check_failed_with(*f.conn.server, alert, "ChangeCipherSpec");
    }
}

TEST_CASE("CVE-2014-0224: a ChangeCipherSpec before ClientKeyExchange is unexpected_message (no keys to switch to)") {
    SecondFlight f;
    f.conn.server->receive(f.records[1]);
    check_failed_with(*f.conn.server, AlertDescription::unexpected_message, "ChangeCipherSpec");
}

TEST_CASE("RFC 5246 §7.1: a ChangeCipherSpec before any ClientHello, and one after the handshake, are unexpected_message") {
    Connection before(test_client_config(), test_server_config());
    before.server->receive(plain_record(ContentType::change_cipher_spec, {1}));
    check_failed_with(*before.server, AlertDescription::unexpected_message, "ChangeCipherSpec");

    Connection after = established();
    after.server->receive(sealed_by(*after.client, ContentType::change_cipher_spec, {1}));
    check_failed_with(*after.server, AlertDescription::unexpected_message, "ChangeCipherSpec");
    Connection client_side = established();
    client_side.client->receive(sealed_by(*client_side.server, ContentType::change_cipher_spec, {1}));
    check_failed_with(*client_side.client, AlertDescription::unexpected_message, "ChangeCipherSpec");
}

TEST_CASE("RFC 5246 §7.1: a handshake message begun before ChangeCipherSpec and continued after it is unexpected_message") {
    SecondFlight f;
    f.conn.server->receive(f.records[0]);
    // The first 4 bytes of a Finished (header: type 20, length 12) in the clear, then the CCS.
    f.conn.server->receive(plain_record(ContentType::handshake, from_hex("1400000c" "01020304")));
    f.conn.server->receive(f.records[1]);
    check_failed_with(*f.conn.server, AlertDescription::unexpected_message, "middle of a handshake message");
}

TEST_CASE("RFC 5246 §7.1: a second ChangeCipherSpec in the clear where the Finished belongs is refused under the new keys") {
    SecondFlight f;
    f.conn.server->receive(f.records[0]);
    f.conn.server->receive(f.records[1]);
    REQUIRE_FALSE(f.conn.server->failure());
    // After the first CCS every record must be protected with the client's keys: the same bytes
    // again cannot be authenticated.
    f.conn.server->receive(f.records[1]);
    REQUIRE(f.conn.server->failure());
    CHECK(f.conn.server->failure()->alert == AlertDescription::bad_record_mac);
}

// ---------------------------------------------------------------------------------------------
// Sizes: one handshake message, one certificate chain

TEST_CASE("RFC 5246 §7.4: a handshake message announcing more than 2^18 bytes is decode_error as soon as its header arrives") {
    Connection conn(test_client_config(), test_server_config());
    // ClientHello header announcing 2^18 + 1 bytes; not one byte of the body follows.
    conn.server->receive(plain_record(ContentType::handshake, from_hex("01040001")));
    check_failed_with(*conn.server, AlertDescription::decode_error, "more than the 262144 accepted");
}

TEST_CASE("RFC 5246 §7.4: a handshake message of exactly 2^18 bytes is waited for, and what is buffered stays bounded") {
    Connection conn(test_client_config(), test_server_config());
    conn.server->receive(plain_record(ContentType::handshake, from_hex("01040000")));
    const Bytes chunk(1u << 14, 0x41);
    for (int i = 0; i < 15; ++i) conn.server->receive(plain_record(ContentType::handshake, chunk));
    CHECK_FALSE(conn.server->failure());
    CHECK(engine_internals_for_tests(*conn.server).assembler.buffered() == 4 + 15 * chunk.size());
    CHECK(engine_internals_for_tests(*conn.server).records.buffered() == 0);
}

TEST_CASE("RFC 5246 §7.4.2: a server chain of 10 certificates is accepted, one of 11 is bad_certificate before parsing") {
    auto chain_of = [](std::size_t n) {
        std::vector<Bytes> certificates = {test_pki().server_cert};
        while (certificates.size() < n) certificates.push_back(test_pki().ca_cert);
        ServerConfig s = test_server_config();
        s.credentials = ServerCredentials::from_key(certificates, test_pki().server_key);
        return s;
    };
    Connection ten(test_client_config(), chain_of(max_certificates));
    ten.handshake();
    CHECK(ten.client->is_established());

    Connection eleven(test_client_config(), chain_of(max_certificates + 1));
    eleven.handshake();
    check_failed_with(*eleven.client, AlertDescription::bad_certificate, "11 certificates");

    // --insecure checks nothing in the chain, but still refuses to hold one this long.
    ClientConfig insecure = test_client_config();
    insecure.verify_peer = false;
    Connection unchecked(insecure, chain_of(max_certificates + 1));
    unchecked.handshake();
    check_failed_with(*unchecked.client, AlertDescription::bad_certificate, "11 certificates");
}

TEST_CASE("RFC 5246 §7.4.6: a client chain of 11 certificates is bad_certificate at the server") {
    ServerConfig s = test_server_config();
    s.client_auth = ClientAuth::require;
    s.client_trust_anchors = {test_pki().ca_cert};
    ClientConfig c = test_client_config();
    std::vector<Bytes> certificates = {test_pki().client_cert};
    while (certificates.size() < max_certificates + 1) certificates.push_back(test_pki().ca_cert);
    c.credentials = ServerCredentials::from_key(certificates, test_pki().server_key);
    Connection conn(c, s);
    conn.handshake();
    check_failed_with(*conn.server, AlertDescription::bad_certificate, "11 certificates");
}
