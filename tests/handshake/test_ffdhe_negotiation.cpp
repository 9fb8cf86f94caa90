// Tests of handshake/ffdhe_negotiation.cpp: negotiated finite-field groups, RFC 7919 §3 and §4,
// both as functions and through a client and a server engine in memory.
#include <doctest/doctest.h>

#include "crypto/error.h"
#include "handshake/engine.h"
#include "handshake/extensions.h"
#include "handshake/ffdhe_negotiation.h"
#include "handshake/messages/client_hello.h"
#include "record/record.h"
#include "record/tls_error.h"
#include "tests/handshake/engine_harness.h"

using namespace lucid;
using namespace lucid::handshake;
using namespace lucid::handshake::testing;
using lucid::record::AlertDescription;

namespace {

constexpr std::uint16_t ffdhe2048 = 256, ffdhe3072 = 257, ffdhe4096 = 258, ffdhe8192 = 260;

ClientConfig dhe_client(std::vector<CipherSuite> suites = {CipherSuite::TLS_DHE_RSA_WITH_AES_128_GCM_SHA256}) {
    ClientConfig c = test_client_config();
    c.cipher_suites = std::move(suites);
    return c;
}

// A hand-made ClientHello offering `suites` with `groups` in supported_groups (none: no extension).
Bytes client_hello_record(std::vector<std::uint16_t> suites, std::optional<std::vector<std::uint16_t>> groups) {
    ClientHello h;
    h.random.fill(0x42);
    h.cipher_suites = std::move(suites);
    h.compression_methods = {0};
    if (groups) h.extensions.add(ExtensionType::supported_groups, encode_supported_groups(*groups));
    h.extensions.add(ExtensionType::signature_algorithms, encode_signature_algorithms({0x0401}));
    return record::encode_record(record::ContentType::handshake, record::tls12, h.encode());
}

struct LoneServer {
    std::unique_ptr<crypto::RandomSource> random = make_deterministic_random(as_bytes("ffdhe server"), Role::server);
    Server server;
    explicit LoneServer(ServerConfig s = test_server_config()) : server(std::move(s), *random) {}
};

ClientHello sent_client_hello(const ClientConfig& c) {
    auto random = make_deterministic_random(as_bytes("client"), Role::client);
    Client client(c, *random);
    client.start();
    const Bytes out = client.take_output();
    return ClientHello::parse(ByteView(out).subspan(9));
}

AlertDescription alert_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const record::TlsError& e) {
        return e.alert();
    }
    FAIL("no TlsError thrown");
    return AlertDescription::close_notify;
}

}  // namespace

TEST_CASE("RFC 7919 §2: the FFDHE code points are 256 to 511, including ones lucidtls does not know") {
    CHECK(is_ffdhe_code_point(ffdhe2048));
    CHECK(is_ffdhe_code_point(0x01FC));  // ffdhe_private_use
    CHECK(is_ffdhe_code_point(511));
    CHECK_FALSE(is_ffdhe_code_point(255));
    CHECK_FALSE(is_ffdhe_code_point(512));
    CHECK_FALSE(is_ffdhe_code_point(named_group_x25519));
    CHECK(ffdhe_group_for(ffdhe8192) == crypto::NamedDhGroup::ffdhe8192);
    CHECK_FALSE(ffdhe_group_for(0x01FC).has_value());
    CHECK(default_ffdhe_groups() == std::vector<std::uint16_t>{256, 257, 258, 259, 260});
}

TEST_CASE("--ffdhe-groups: names are parsed in order, an unknown one is an error naming it") {
    CHECK(parse_ffdhe_group_list("ffdhe3072:FFDHE2048,ffdhe3072") == std::vector<std::uint16_t>{ffdhe3072, ffdhe2048});
    CHECK_THROWS_WITH_AS(parse_ffdhe_group_list("ffdhe3072:modp2048"), doctest::Contains("'modp2048'"), Error);
    CHECK_THROWS_AS(parse_ffdhe_group_list(""), Error);
}

TEST_CASE("RFC 7919 §3: a client offering DHE suites lists its FFDHE groups in supported_groups, after x25519 if it offers ECDHE") {
    CHECK(*sent_client_hello(dhe_client()).extensions.supported_groups == default_ffdhe_groups());
    ClientConfig both = dhe_client({CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite::TLS_DHE_RSA_WITH_AES_128_GCM_SHA256});
    both.ffdhe_groups = std::vector<std::uint16_t>{ffdhe4096};
    CHECK(*sent_client_hello(both).extensions.supported_groups == std::vector<std::uint16_t>{named_group_x25519, ffdhe4096});
    ClientConfig rsa = dhe_client({CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256});
    CHECK_FALSE(sent_client_hello(rsa).extensions.has(ExtensionType::supported_groups));
    ClientConfig legacy = dhe_client();
    legacy.ffdhe_groups = std::vector<std::uint16_t>{};  // a client from before RFC 7919
    CHECK_FALSE(sent_client_hello(legacy).extensions.has(ExtensionType::supported_groups));
}

TEST_CASE("RFC 7919 §4: a server that selects an FFDHE cipher suite MUST select one of the client's offered groups") {
    for (std::uint16_t group : {ffdhe3072, ffdhe8192}) {
        CAPTURE(group);
        ClientConfig c = dhe_client();
        c.ffdhe_groups = std::vector<std::uint16_t>{group};
        RecordingTrace server_trace;
        Connection conn(c, test_server_config(), as_bytes("client seed 0123456789"), as_bytes("server seed 0123456789"),
                        nullptr, &server_trace);
        conn.handshake();
        REQUIRE(conn.client->is_established());
        const std::string name = group == ffdhe3072 ? "ffdhe3072 (3072 bits)" : "ffdhe8192 (8192 bits)";
        CHECK(conn.client->session().dh_group == name);
        CHECK(conn.server->session().dh_group == name);
        bool explained = false;
        for (const NoteTrace& n : server_trace.notes) explained = explained || (n.rfc_section == "RFC 7919 §4" && n.text.find("first of the client's FFDHE groups") != std::string::npos);
        CHECK(explained);
    }
}

TEST_CASE("RFC 7919 §4: the server takes the first of the client's groups that it accepts") {
    ServerConfig s = test_server_config();
    s.ffdhe_groups = {ffdhe2048, ffdhe4096};
    LoneServer lone(s);
    lone.server.receive(client_hello_record({0x009E}, std::vector<std::uint16_t>{ffdhe3072, ffdhe4096, ffdhe2048}));
    REQUIRE_FALSE(lone.server.failure());
    CHECK(lone.server.session().dh_group == "ffdhe4096 (4096 bits)");
}

TEST_CASE("RFC 7919 §4: FFDHE groups listed but none acceptable: the server MUST NOT select an FFDHE cipher suite and picks another") {
    ServerConfig s = test_server_config();
    s.ffdhe_groups = {ffdhe2048};
    ClientConfig c = dhe_client({CipherSuite::TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256});
    c.ffdhe_groups = std::vector<std::uint16_t>{ffdhe3072};
    Connection conn(c, s);
    conn.handshake();
    REQUIRE(conn.client->is_established());
    CHECK(conn.client->session().cipher_suite->suite == CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256);

    // A code point the server does not even know (ffdhe_private_use) counts as an FFDHE group listed.
    LoneServer lone;
    lone.server.receive(client_hello_record({0x009E, 0x009C}, std::vector<std::uint16_t>{0x01FC}));
    REQUIRE_FALSE(lone.server.failure());
    CHECK(lone.server.session().cipher_suite->suite == CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256);
}

TEST_CASE("RFC 7919 §4: FFDHE groups listed, none acceptable and no non-FFDHE suite acceptable: insufficient_security") {
    ServerConfig s = test_server_config();
    s.ffdhe_groups = {ffdhe2048};
    ClientConfig c = dhe_client();
    c.ffdhe_groups = std::vector<std::uint16_t>{ffdhe3072};
    Connection conn(c, s);
    conn.handshake();
    REQUIRE(conn.server->failure());
    CHECK(conn.server->failure()->alert == AlertDescription::insufficient_security);
    CHECK(conn.server->failure()->origin == FailureOrigin::local);
    REQUIRE(conn.client->failure());
    CHECK(conn.client->failure()->alert == AlertDescription::insufficient_security);
    CHECK(conn.client->failure()->origin == FailureOrigin::peer);
}

TEST_CASE("RFC 7919 §4: a client listing no FFDHE group (or no supported_groups) gets the server's configured group") {
    ServerConfig s = test_server_config();
    s.dh_group = crypto::named_dh_group(crypto::NamedDhGroup::ffdhe4096);
    for (const auto& groups : {std::optional<std::vector<std::uint16_t>>{}, std::optional<std::vector<std::uint16_t>>{{29}}}) {
        LoneServer lone(s);
        lone.server.receive(client_hello_record({0x009E}, groups));
        REQUIRE_FALSE(lone.server.failure());
        CHECK(lone.server.session().dh_group == "ffdhe4096 (4096 bits)");
    }
    // And with nothing configured: ffdhe2048 (RFC 7919 Appendix A.1).
    LoneServer plain;
    plain.server.receive(client_hello_record({0x009E}, std::nullopt));
    CHECK(plain.server.session().dh_group == "ffdhe2048 (2048 bits)");
}

TEST_CASE("RFC 7919 §4: the client refuses a named group it did not offer with illegal_parameter") {
    const crypto::DhGroup g2048 = crypto::named_dh_group(crypto::NamedDhGroup::ffdhe2048);
    CHECK(alert_of([&] { check_server_ffdhe_group(g2048, {ffdhe3072}); }) == AlertDescription::illegal_parameter);
    CHECK(check_server_ffdhe_group(g2048, {ffdhe3072, ffdhe2048}).find("one of the groups we offered") != std::string::npos);

    // Through the engines: the client lists only ffdhe3072, but the server never sees that list
    // (a server from before RFC 7919 behaves so) and sends its configured ffdhe2048.
    ClientConfig c = dhe_client();
    c.ffdhe_groups = std::vector<std::uint16_t>{ffdhe3072};
    auto client_random = make_deterministic_random(as_bytes("client"), Role::client);
    Client client(c, *client_random);
    client.start();
    ClientHello hello = ClientHello::parse(ByteView(client.take_output()).subspan(9));
    REQUIRE(*hello.extensions.supported_groups == std::vector<std::uint16_t>{ffdhe3072});
    hello.extensions = {};  // the same offer, without the groups
    hello.extensions.add(ExtensionType::signature_algorithms, encode_signature_algorithms({0x0401}));
    LoneServer lone;
    lone.server.receive(record::encode_record(record::ContentType::handshake, record::tls12, hello.encode()));
    client.receive(lone.server.take_output());
    REQUIRE(client.failure());
    CHECK(client.failure()->alert == AlertDescription::illegal_parameter);
    CHECK(client.failure()->sentence.find("ffdhe2048 (256), which the client did not list") != std::string::npos);
}

TEST_CASE("RFC 7919 §3: a custom group is accepted by its size alone; a client that listed no group accepts any named one") {
    const crypto::DhGroup modp = crypto::named_dh_group(crypto::NamedDhGroup::modp2048);
    CHECK(check_server_ffdhe_group(modp, {ffdhe2048}).find("custom group") != std::string::npos);
    const crypto::DhGroup g3072 = crypto::named_dh_group(crypto::NamedDhGroup::ffdhe3072);
    CHECK(check_server_ffdhe_group(g3072, {}).find("we listed no FFDHE group") != std::string::npos);
}
