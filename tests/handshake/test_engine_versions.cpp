// Tests of the engines (client.cpp, server.cpp, engine.cpp) speaking TLS 1.0 (RFC 2246), 1.1
// (RFC 4346) and 1.2 (RFC 5246), and negotiating between them (RFC 5246 Appendix E.1).
#include <doctest/doctest.h>

#include <algorithm>

#include "crypto/rsa_pkcs1_encryption.h"
#include "handshake/cipher_suites.h"
#include "handshake/engine.h"
#include "handshake/engine_impl.h"
#include "handshake/key_exchange.h"
#include "handshake/messages/client_key_exchange.h"
#include "handshake/anonymous_lab.h"
#include "handshake/protocol_versions.h"
#include "record/record.h"
#include "tests/handshake/engine_harness.h"

using namespace lucid;
using namespace lucid::handshake;
using namespace lucid::handshake::testing;
using lucid::record::AlertDescription;

namespace {

constexpr VersionRange all_three{tls10_version, tls12_version};

ClientConfig client_allowing(VersionRange v) {
    ClientConfig c = test_client_config();
    c.versions = v;
    return c;
}

ServerConfig server_allowing(VersionRange v) {
    ServerConfig s = test_server_config();
    s.versions = v;
    return s;
}

// The records of one direction: (type, version, fragment length).
struct WireRecord {
    std::uint8_t type;
    std::uint16_t version;
    std::size_t length;
};
std::vector<WireRecord> records_of(ByteView wire) {
    std::vector<WireRecord> out;
    while (wire.size() >= 5) {
        const std::size_t length = std::size_t{wire[3]} << 8 | wire[4];
        out.push_back({wire[0], static_cast<std::uint16_t>(wire[1] << 8 | wire[2]), length});
        wire = wire.subspan(5 + length);
    }
    return out;
}

bool has_note(const RecordingTrace& t, const std::string& part) {
    return std::any_of(t.notes.begin(), t.notes.end(), [&](const NoteTrace& n) { return n.text.find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("RFC 2246, RFC 4346, RFC 5246: a full handshake and data both ways in every version with every suite it allows") {
    int connections = 0;
    for (std::uint16_t version : {tls10_version, tls11_version, tls12_version}) {
        for (const CipherSuiteInfo& suite : all_cipher_suites()) {
            if (!suite_allows_version(suite, version)) continue;
            CAPTURE(version_label(version));
            CAPTURE(suite.iana_name);
            ClientConfig c = client_allowing({version, version});
            ServerConfig s = server_allowing({version, version});
            c.cipher_suites = s.cipher_suites = {suite.suite};
            c.lab_anonymous = s.lab_anonymous = is_anonymous(suite);  // DH_anon: in every version, in the lab
            Connection conn(c, s);
            conn.handshake();
            REQUIRE(conn.client->is_established());
            REQUIRE(conn.server->is_established());
            CHECK(conn.client->session().version == version);
            CHECK(conn.server->session().version == version);
            CHECK(conn.client->session().reveal_master_secret_for_keylog() ==
                  conn.server->session().reveal_master_secret_for_keylog());
            const Bytes request = to_bytes("GET / HTTP/1.0\r\n\r\n");
            const Bytes reply = Bytes(20000, 0x5a);
            conn.client->send(request);
            conn.server->send(reply);
            conn.pump();
            CHECK(Connection::data_of(conn.server_events) == request);
            CHECK(Connection::data_of(conn.client_events) == reply);
            // RFC 5246 §6.2.1, Appendix E.1: after the hellos every record carries the agreed version.
            const std::vector<WireRecord> sent = records_of(conn.server_to_client);
            CHECK(std::all_of(sent.begin(), sent.end(), [&](const WireRecord& r) { return r.version == version; }));
            ++connections;
        }
    }
    CHECK(connections >= 20);
}

TEST_CASE("RFC 2246 §6.2.3.2 vs RFC 4346 §6.2.3.2: TLS 1.0 chains the CBC IV; TLS 1.1 and 1.2 send one per record") {
    for (std::uint16_t version : {tls10_version, tls11_version, tls12_version}) {
        CAPTURE(version_label(version));
        ClientConfig c = client_allowing({version, version});
        ServerConfig s = server_allowing({version, version});
        c.cipher_suites = s.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA};
        c.encrypt_then_mac = s.encrypt_then_mac = false;  // the MAC-then-encrypt layout of these RFCs
        Connection conn(c, s);
        conn.handshake();
        REQUIRE(conn.client->is_established());
        conn.server->send(Bytes(11, 'x'));  // one record: 11 + 20 (MAC) + 1 = 32 bytes = 2 blocks
        const Bytes wire = conn.server->take_output();
        const std::vector<WireRecord> r = records_of(wire);
        REQUIRE(!r.empty());
        const std::size_t explicit_iv = version == tls10_version ? 0 : 16;
        if (version == tls10_version) {
            // The 1/n-1 split: 1 byte (+ MAC + padding = 2 blocks... 32 bytes), then the other 10.
            REQUIRE(r.size() == 2);
            CHECK(r[0].length == 32);
            CHECK(r[1].length == 32);
        } else {
            REQUIRE(r.size() == 1);
            CHECK(r[0].length == explicit_iv + 32);
        }
    }
}

TEST_CASE("RFC 2246 §6.2.3.2 (BEAST): a TLS 1.0 sender splits application data 1/n-1, and the trace says why") {
    RecordingTrace client_trace;
    ClientConfig c = client_allowing({tls10_version, tls10_version});
    ServerConfig s = server_allowing({tls10_version, tls10_version});
    c.cipher_suites = s.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA};
    Connection conn(c, s, as_bytes("client seed 0123456789"), as_bytes("server seed 0123456789"), &client_trace);
    conn.handshake();
    REQUIRE(conn.client->is_established());
    conn.client->send(to_bytes("hello"));
    const std::vector<WireRecord> r = records_of(conn.client->take_output());
    CHECK(r.size() == 2);
    CHECK(has_note(client_trace, "1/n-1 split"));
    CHECK(has_note(client_trace, "BEAST"));
    // A single byte is not split (there is nothing to split).
    conn.client->send(to_bytes("!"));
    CHECK(records_of(conn.client->take_output()).size() == 1);
}

TEST_CASE("RFC 5246 Appendix E.1: client up to TLS 1.1 and server up to 1.2 agree on 1.1 (the walkthrough's example), and the reverse") {
    SUBCASE("client 1.0-1.1, server 1.0-1.2") {
        RecordingTrace server_trace;
        Connection conn(client_allowing({tls10_version, tls11_version}), server_allowing(all_three),
                        as_bytes("client seed 0123456789"), as_bytes("server seed 0123456789"), nullptr, &server_trace);
        conn.handshake();
        REQUIRE(conn.client->is_established());
        CHECK(conn.client->session().version == tls11_version);
        CHECK(has_note(server_trace, "client offers up to TLS 1.1; server allows TLS 1.0\u20131.2; chosen TLS 1.1, "
                                     "the highest both support (RFC 5246 Appendix E.1)"));
        CHECK(conn.server->session().version_decision.find("chosen TLS 1.1") != std::string::npos);
        // RFC 8446 §4.1.3: this server could do 1.2, so its random carries the sentinel; the client
        // (highest 1.1) expects it.
        const Random& sr = conn.client->session().server_random;
        CHECK(std::equal(sr.end() - 8, sr.end(), downgrade_sentinel_tls11.begin()));
    }
    SUBCASE("client 1.0-1.2, server 1.0-1.1") {
        Connection conn(client_allowing(all_three), server_allowing({tls10_version, tls11_version}));
        conn.handshake();
        REQUIRE(conn.client->is_established());
        CHECK(conn.server->session().version == tls11_version);
        const Random& sr = conn.client->session().server_random;
        CHECK_FALSE(std::equal(sr.end() - 8, sr.end(), downgrade_sentinel_tls11.begin()));
    }
    SUBCASE("both 1.0-1.2 choose 1.2") {
        Connection conn(client_allowing(all_three), server_allowing(all_three));
        conn.handshake();
        REQUIRE(conn.client->is_established());
        CHECK(conn.client->session().version == tls12_version);
    }
}

TEST_CASE("RFC 8996: default engines speak TLS 1.2 only; a TLS 1.1 client gets protocol_version naming both ranges") {
    Connection conn(client_allowing({tls11_version, tls11_version}), test_server_config());
    conn.handshake();
    REQUIRE(conn.server->failure());
    CHECK(conn.server->failure()->alert == AlertDescription::protocol_version);
    CHECK(conn.server->failure()->sentence.find("client offers up to TLS 1.1; server allows TLS 1.2") != std::string::npos);
    REQUIRE(conn.client->failure());
    CHECK(conn.client->failure()->alert == AlertDescription::protocol_version);
}

TEST_CASE("RFC 5246 §7.4.1.3: a default client refuses a TLS 1.1-only server's ServerHello, naming the flag") {
    Connection conn(test_client_config(), server_allowing({tls11_version, tls11_version}));
    conn.handshake();
    REQUIRE(conn.client->failure());
    CHECK(conn.client->failure()->origin == FailureOrigin::local);
    CHECK(conn.client->failure()->alert == AlertDescription::protocol_version);
    CHECK(conn.client->failure()->sentence.find("--min-protocol TLSv1.1") != std::string::npos);
}

TEST_CASE("RFC 5246 §7.4.1.4.1: no signature_algorithms extension when the client offers less than TLS 1.2") {
    for (std::uint16_t max : {tls10_version, tls11_version, tls12_version}) {
        ClientConfig c = client_allowing({tls10_version, max});
        Connection conn(c, server_allowing(all_three));
        conn.client->start();
        const Bytes hello = conn.client->take_output();
        // record header (5), handshake header (4), then client_version.
        CHECK((hello[9] << 8 | hello[10]) == max);
        const Bytes sig_algs_type{0x00, 0x0d, 0x00};
        const bool has_sig_algs = std::search(hello.begin(), hello.end(), sig_algs_type.begin(), sig_algs_type.end()) != hello.end();
        CHECK(has_sig_algs == (max == tls12_version));
    }
}

TEST_CASE("RFC 5246 Appendix A.5: AEAD and SHA-256 suites are neither offered nor chosen below TLS 1.2") {
    ClientConfig c = client_allowing({tls10_version, tls11_version});
    ServerConfig s = server_allowing(all_three);
    s.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256,
                       CipherSuite::TLS_DHE_RSA_WITH_AES_256_CBC_SHA};
    Connection conn(c, s);
    conn.handshake();
    REQUIRE(conn.client->is_established());
    CHECK(conn.client->session().cipher_suite->suite == CipherSuite::TLS_DHE_RSA_WITH_AES_256_CBC_SHA);
}

TEST_CASE("RFC 2246 §7.4.3, §7.4.8: signatures over MD5 || SHA-1 with no algorithm field, CertificateVerify included") {
    for (std::uint16_t version : {tls10_version, tls11_version}) {
        CAPTURE(version_label(version));
        ClientConfig c = client_allowing({version, version});
        c.credentials = test_client_credentials();
        c.cipher_suites = {CipherSuite::TLS_DHE_RSA_WITH_AES_128_CBC_SHA};
        ServerConfig s = server_allowing({version, version});
        s.client_auth = ClientAuth::require;
        s.client_trust_anchors = {test_pki().ca_cert};
        RecordingTrace trace;
        Connection conn(c, s, as_bytes("client seed 0123456789"), as_bytes("server seed 0123456789"), &trace);
        conn.handshake();
        REQUIRE(conn.client->is_established());
        CHECK(conn.client->session().client_certificate_sent);
        CHECK(conn.server->session().peer_verified);
        CHECK(has_note(trace, "MD5 || SHA-1"));
        for (const MessageTrace& m : trace.messages) {
            if (m.name != "ServerKeyExchange" && m.name != "CertificateVerify" && m.name != "CertificateRequest") continue;
            CAPTURE(m.name);
            CHECK(m.root.note.find("malformed") == std::string::npos);
        }
    }
}

TEST_CASE("RFC 7507 §3: a client's TLS_FALLBACK_SCSV at TLS 1.1 against a TLS 1.2 server is inappropriate_fallback") {
    ClientConfig c = client_allowing({tls11_version, tls11_version});
    c.fallback_scsv = true;
    Connection conn(c, server_allowing(all_three));
    conn.handshake();
    REQUIRE(conn.server->failure());
    CHECK(conn.server->failure()->alert == AlertDescription::inappropriate_fallback);
    // At the server's highest version the SCSV changes nothing.
    ClientConfig best = client_allowing(all_three);
    best.fallback_scsv = true;
    Connection ok(best, server_allowing(all_three));
    ok.handshake();
    CHECK(ok.client->is_established());
}

TEST_CASE("RFC 8446 §4.1.3: a TLS 1.2 client whose ClientHello was rewritten to TLS 1.1 sees the sentinel and aborts") {
    Connection conn(client_allowing(all_three), server_allowing(all_three));
    conn.client->start();
    Bytes hello = conn.client->take_output();
    hello[10] = 0x02;  // an attacker lowers client_version to TLS 1.1
    conn.server->receive(hello);
    conn.client->receive(conn.server->take_output());
    REQUIRE(conn.client->failure());
    CHECK(conn.client->failure()->alert == AlertDescription::illegal_parameter);
    CHECK(conn.client->failure()->sentence.find("RFC 8446 §4.1.3") != std::string::npos);
}

TEST_CASE("RFC 7568 and Appendix E.1 on the wire: an SSL 3.0 ClientHello is refused; a 0x0304 one is answered with TLS 1.2") {
    SUBCASE("SSL 3.0") {
        Connection conn(client_allowing(all_three), server_allowing(all_three));
        conn.client->start();
        Bytes hello = conn.client->take_output();
        hello[10] = 0x00;
        conn.server->receive(hello);
        REQUIRE(conn.server->failure());
        CHECK(conn.server->failure()->alert == AlertDescription::protocol_version);
        CHECK(conn.server->failure()->sentence.find("RFC 7568") != std::string::npos);
        const Bytes alert = conn.server->take_output();
        REQUIRE(alert.size() == 7);
        CHECK(alert[6] == 70);  // protocol_version
    }
    SUBCASE("0x0304") {
        Connection conn(client_allowing(all_three), test_server_config());
        conn.client->start();
        Bytes hello = conn.client->take_output();
        hello[10] = 0x04;
        conn.server->receive(hello);
        CHECK_FALSE(conn.server->failure());
        const Bytes flight = conn.server->take_output();
        REQUIRE(flight.size() > 11);
        CHECK(flight[0] == 22);
        CHECK((flight[9] << 8 | flight[10]) == tls12_version);  // ServerHello.server_version
    }
}

TEST_CASE("RFC 5246 §7.3, Figure 2: a TLS 1.1 session resumes as TLS 1.1") {
    auto cache = std::make_shared<SessionCache>();
    ServerConfig s = server_allowing(all_three);
    s.session_cache = cache;
    Connection first(client_allowing({tls10_version, tls11_version}), s);
    first.handshake();
    REQUIRE(first.client->is_established());
    std::optional<SessionState> saved = first.client->resumable_session();
    REQUIRE(saved);
    CHECK(saved->version == tls11_version);
    ClientConfig c = client_allowing({tls10_version, tls11_version});
    c.resume = std::make_shared<const SessionState>(std::move(*saved));
    Connection second(c, s, as_bytes("second client seed"), as_bytes("second server seed"));
    second.handshake();
    REQUIRE(second.client->is_established());
    CHECK(second.client->session().resumed);
    CHECK(second.client->session().version == tls11_version);
}

TEST_CASE("RFC 5246 §7.4.7.1: a premaster whose version is the negotiated one, not the offered one, becomes a random premaster (no alert)") {
    // The client offered TLS 1.2 (client_version) and the server chose TLS 1.1: a client that puts
    // 03 02 in the premaster is what a version-rollback attack produces.
    const crypto::RsaPrivateKey& key = test_pki().server_key;
    const Random client_random{}, server_random{};
    auto rng = make_deterministic_random(as_bytes("premaster test"), Role::client);
    for (std::uint8_t minor : {std::uint8_t{2}, std::uint8_t{3}}) {
        std::unique_ptr<ServerKeyExchanger> server = make_server_key_exchanger(
            KeyExchange::rsa, ServerKeyExchangeContext{client_random, server_random, key, std::nullopt, std::nullopt, tls12_version});
        Bytes premaster(48, 0x42);
        premaster[0] = 3;
        premaster[1] = minor;
        ClientKeyExchange cke{crypto::rsaes_pkcs1_v15_encrypt(key.public_key(), premaster, *rng)};
        const Bytes whole = cke.encode();
        const Bytes body(whole.begin() + 4, whole.end());
        KeyExchangeStep step;
        CHECK_NOTHROW(step = server->receive_client_key_exchange(body, *rng));
        REQUIRE(step.pre_master_secret);
        CHECK(step.pre_master_secret->size() == 48);
        CHECK((step.pre_master_secret->reveal() == premaster) == (minor == 3));
    }
}

namespace {

// RFC 5246 Appendix E.2: the SSL 2.0 record (2-byte msg_length with the high bit set) of a
// V2ClientHello offering `version`, TLS_RSA_WITH_AES_128_CBC_SHA and one SSL 2.0 spec, with `challenge`.
Bytes sslv2_client_hello(std::uint16_t version, ByteView challenge, Bytes& message) {
    message = {0x01,                                                          // msg_type CLIENT-HELLO
               static_cast<std::uint8_t>(version >> 8), static_cast<std::uint8_t>(version),
               0x00, 0x06,                                                    // cipher_spec_length
               0x00, 0x00,                                                    // session_id_length
               0x00, static_cast<std::uint8_t>(challenge.size()),             // challenge_length
               0x00, 0x00, 0x2F,                                              // {0x00, TLS_RSA_WITH_AES_128_CBC_SHA}
               0x01, 0x00, 0x80};                                             // SSL_RC4_128_WITH_MD5: ignored
    append(message, challenge);
    Bytes record{static_cast<std::uint8_t>(0x80 | message.size() >> 8), static_cast<std::uint8_t>(message.size())};
    append(record, message);
    return record;
}

}  // namespace

TEST_CASE("RFC 5246 Appendix E.2: an SSL 2.0-compatible CLIENT-HELLO is accepted and hashed into Finished as sent") {
    ClientConfig c = client_allowing({tls10_version, tls11_version});
    c.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA};
    RecordingTrace server_trace;
    Connection conn(c, server_allowing(all_three), as_bytes("client seed 0123456789"), as_bytes("server seed 0123456789"),
                    nullptr, &server_trace);
    conn.client->start();
    conn.client->take_output();  // the TLS ClientHello; an old client sends the SSL 2.0 form instead
    const Random random = conn.client->session().client_random;
    Bytes message;
    const Bytes record = sslv2_client_hello(tls11_version, random, message);
    // The client's own transcript starts with what it "sent": the V2ClientHello from msg_type on.
    engine_internals_for_tests(*conn.client).transcript = message;
    // Any split: here the first 2 bytes, then the rest.
    conn.server->receive(ByteView(record).first(2));
    conn.server->receive(ByteView(record).subspan(2));
    conn.pump();
    REQUIRE(conn.server->is_established());
    REQUIRE(conn.client->is_established());
    CHECK(conn.server->session().version == tls11_version);
    CHECK(conn.server->session().cipher_suite->suite == CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA);
    CHECK(has_note(server_trace, "SSL 2.0-compatible CLIENT-HELLO"));
}

TEST_CASE("RFC 5246 Appendix E.2: a short challenge is left-padded with zeros; a bad CLIENT-HELLO is illegal_parameter") {
    Bytes message;
    const Bytes challenge(16, 0xAB);
    Bytes record = sslv2_client_hello(tls12_version, challenge, message);
    Connection conn(test_client_config(), test_server_config());
    conn.server->receive(record);
    REQUIRE_FALSE(conn.server->failure());
    const Random& r = conn.server->session().client_random;
    CHECK(std::all_of(r.begin(), r.begin() + 16, [](std::uint8_t b) { return b == 0; }));
    CHECK(std::all_of(r.begin() + 16, r.end(), [](std::uint8_t b) { return b == 0xAB; }));

    Bytes bad = sslv2_client_hello(tls12_version, Bytes(8, 1), message);  // challenge of 8 bytes
    Connection refused(test_client_config(), test_server_config());
    refused.server->receive(bad);
    REQUIRE(refused.server->failure());
    CHECK(refused.server->failure()->alert == AlertDescription::illegal_parameter);
}

TEST_CASE("RFC 5246 Appendix E.1: the trace of the {03,01} first record names the version the ClientHello inside offers") {
    auto first_record_note = [](VersionRange client_range) {
        RecordingTrace trace;
        ClientConfig c = client_allowing(client_range);
        Connection conn(c, server_allowing(all_three), as_bytes("client seed 0123456789"), as_bytes("server seed 0123456789"),
                        &trace);
        conn.handshake();
        REQUIRE(!trace.records.empty());
        for (const TraceValue& v : trace.records.front().details) {
            if (v.name == "record version") return v.note;
        }
        return std::string();
    };
    CHECK(first_record_note({tls10_version, tls11_version}).find("while the ClientHello inside offers TLS 1.1") != std::string::npos);
    CHECK(first_record_note(all_three).find("while the ClientHello inside offers TLS 1.2") != std::string::npos);
    CHECK(first_record_note({tls10_version, tls10_version}).empty());  // {03,01} is simply its version
}
