// Tests of handshake/server_certificate_choice.cpp: per-name certificates and strict SNI, RFC 6066 §3.
#include <doctest/doctest.h>

#include "crypto/error.h"
#include "handshake/server_certificate_choice.h"
#include "tests/handshake/lone_engines.h"
#include "x509/certificate.h"

using namespace lucid;
using namespace lucid::handshake;
using namespace lucid::handshake::testing;
using lucid::record::AlertDescription;

namespace {

// A second certificate, for "other.example", issued by the test CA (with the server's key, to save
// a key generation).
std::shared_ptr<const ServerCredentials> other_example_credentials() {
    static const std::shared_ptr<const ServerCredentials> credentials = [] {
        crypto::HmacDrbg rng(as_bytes("other.example certificate"), as_bytes("nonce"), {});
        x509::CertificateSpec leaf;
        leaf.serial = {0x42};
        leaf.subject = x509::Name::from_string("CN=other.example");
        leaf.not_before = x509::Time::from_civil(2020, 1, 1, 0, 0, 0);
        leaf.not_after = x509::Time::from_civil(2040, 1, 1, 0, 0, 0);
        x509::KeyUsage usage;
        usage.set(x509::KeyUsageBit::digital_signature);
        usage.set(x509::KeyUsageBit::key_encipherment);
        leaf.key_usage = usage;
        leaf.ext_key_usage = {x509::oids::server_auth};
        leaf.subject_alt_name.dns_names = {"other.example"};
        const x509::Issuer issuer =
            x509::Issuer::from_certificate(x509::Certificate::parse(test_pki().ca_cert), test_pki().ca_key);
        const x509::Certificate cert = x509::issue_certificate(leaf, test_pki().server_key.public_key(), issuer, rng);
        return ServerCredentials::from_key({cert.der(), test_pki().ca_cert}, test_pki().server_key);
    }();
    return credentials;
}

ServerConfig two_name_server(bool strict) {
    ServerConfig s = test_server_config();
    s.named_credentials = {{"other.example", other_example_credentials()}};
    s.strict_server_name = strict;
    return s;
}

// The leaf certificate the server sent, through a full in-memory handshake.
Bytes served_leaf(ClientConfig c, ServerConfig s) {
    Connection conn(std::move(c), std::move(s));
    conn.handshake();
    REQUIRE(conn.client->is_established());
    return conn.client->session().peer_certificates.front();
}

}  // namespace

TEST_CASE("RFC 6066 §3: a server given names serves the certificate of the name the client asks for") {
    ClientConfig c = test_client_config();
    c.server_name = "other.example";
    CHECK(served_leaf(c, two_name_server(false)) == other_example_credentials()->chain().front());
    c.server_name = "OTHER.Example";  // DNS names ignore case
    CHECK(served_leaf(c, two_name_server(false)) == other_example_credentials()->chain().front());
    c.server_name = "localhost";
    CHECK(served_leaf(c, two_name_server(true)) == test_pki().server_cert);  // the default certificate's name
}

TEST_CASE("RFC 6066 §3: without server_name the default certificate is sent, strict or not") {
    LoneServer lone(two_name_server(true));
    lone.server.receive(handshake_record(hand_made_client_hello().encode()));
    CHECK_FALSE(lone.server.failure());
    CHECK(choose_certificate(two_name_server(true), std::nullopt).credentials == two_name_server(true).credentials);
}

TEST_CASE("RFC 6066 §3 (--strict-sni): \"abort the handshake by sending a fatal-level unrecognized_name(112) alert\"") {
    ClientHello h = hand_made_client_hello();
    h.extensions.add(ExtensionType::server_name, encode_server_name("unknown.example"));
    LoneServer strict(two_name_server(true));
    strict.server.receive(handshake_record(h.encode()));
    REQUIRE(strict.server.failure());
    CHECK(strict.server.failure()->alert == AlertDescription::unrecognized_name);
    const Bytes out = strict.server.take_output();
    REQUIRE(out.size() == 7);
    CHECK(out[5] == 2);    // fatal
    CHECK(out[6] == 112);  // unrecognized_name

    LoneServer lenient(two_name_server(false));  // "or continue the handshake"
    lenient.server.receive(handshake_record(h.encode()));
    CHECK_FALSE(lenient.server.failure());
}

TEST_CASE("RFC 6066 §3: a ClientHello with two host_names is illegal_parameter, on the wire") {
    ClientHello h = hand_made_client_hello();
    record::Writer list;
    list.prefixed(2, [](record::Writer& w) {
        for (const char* name : {"localhost", "other.example"}) {
            w.u8(0);
            w.vec(2, as_bytes(name));
        }
    });
    h.extensions.add(ExtensionType::server_name, list.take());
    LoneServer lone(two_name_server(false));
    lone.server.receive(handshake_record(h.encode()));
    REQUIRE(lone.server.failure());
    CHECK(lone.server.failure()->alert == AlertDescription::illegal_parameter);
}

TEST_CASE("RFC 6066 §3: \"the server ... MUST NOT accept the request to resume the session if the server_name extension "
          "contains a different name\", also with per-name certificates") {
    auto cache = std::make_shared<SessionCache>();
    ServerConfig s = two_name_server(false);
    s.session_cache = cache;
    ClientConfig c = test_client_config();
    c.server_name = "other.example";
    c.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256};
    Connection first(c, s, as_bytes("sni first client"), as_bytes("sni first server"));
    first.handshake();
    REQUIRE(first.client->is_established());
    std::optional<SessionState> saved = first.client->resumable_session();
    REQUIRE(saved);
    // The same session offered under the default name: the server must not resume it.
    ClientHello h = hand_made_client_hello();
    h.session_id = saved->session_id;
    h.extensions.add(ExtensionType::extended_master_secret, {});
    h.extensions.add(ExtensionType::encrypt_then_mac, {});
    h.extensions.add(ExtensionType::server_name, encode_server_name("localhost"));
    LoneServer lone(s);
    lone.server.receive(handshake_record(h.encode()));
    const std::optional<ServerHello> sh = first_server_hello(lone.server.take_output());
    REQUIRE(sh);
    CHECK(sh->session_id != saved->session_id);
    // and under its own name it is resumed
    h.extensions = {};
    h.extensions.add(ExtensionType::renegotiation_info, encode_renegotiation_info({}));
    h.extensions.add(ExtensionType::extended_master_secret, {});
    h.extensions.add(ExtensionType::encrypt_then_mac, {});
    h.extensions.add(ExtensionType::server_name, encode_server_name("other.example"));
    LoneServer again(s);
    again.server.receive(handshake_record(h.encode()));
    const std::optional<ServerHello> resumed = first_server_hello(again.server.take_output());
    REQUIRE(resumed);
    CHECK(resumed->session_id == saved->session_id);
}

TEST_CASE("RFC 6066 §3: configured names must be valid HostNames, each once") {
    ServerConfig s = test_server_config();
    s.named_credentials = {{"bad.name.", other_example_credentials()}};
    CHECK_THROWS_AS(check_named_credentials(s), Error);
    s.named_credentials = {{"a.example", other_example_credentials()}, {"A.example", other_example_credentials()}};
    CHECK_THROWS_AS(check_named_credentials(s), Error);
}

TEST_CASE("RFC 6066 §3 (client): the HostName is sent \"without a trailing dot\", and an IP literal is not sent") {
    ClientConfig c = test_client_config();
    c.verify_peer = false;  // only the ClientHello matters here
    c.server_name = "localhost.";
    LoneClient dotted(c);
    REQUIRE(first_client_hello(dotted.client.take_output()).extensions.server_name);
    CHECK(*first_client_hello(LoneClient(c).client.take_output()).extensions.server_name == "localhost");
    c.server_name = "127.0.0.1";
    LoneClient ip(c);
    CHECK_FALSE(first_client_hello(ip.client.take_output()).extensions.server_name);
    c.server_name = "bad name";
    LoneClient invalid(c);
    CHECK_FALSE(first_client_hello(invalid.client.take_output()).extensions.server_name);
}
