// Tests of handshake/key_exchange_ecdhe.cpp: ECDHE_RSA on X25519, RFC 8422 §5.4, §5.7, §5.10,
// §5.11 and RFC 7748 §6.1; the exchangers alone, then whole connections in memory.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>

#include "crypto/hex.h"
#include "crypto/random.h"
#include "handshake/extensions.h"
#include "handshake/handshake_signatures.h"
#include "handshake/key_exchange.h"
#include "handshake/messages/client_hello.h"
#include "handshake/messages/client_key_exchange_ecdhe.h"
#include "handshake/messages/server_key_exchange_ecdhe.h"
#include "record/record.h"
#include "record/tls_error.h"
#include "tests/handshake/engine_harness.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;
using namespace lucid::handshake::testing;
using lucid::record::AlertDescription;
using lucid::record::TlsError;

namespace {

// Public values of small order on Curve25519 (and their non-canonical encodings p, p + 1): with
// any of them X25519 gives all zeros whatever the private key (RFC 7748 §6.1; the list is the
// one of https://cr.yp.to/ecdh.html#validate).
const char* const low_order_points[] = {
    "0000000000000000000000000000000000000000000000000000000000000000",  // u = 0
    "0100000000000000000000000000000000000000000000000000000000000000",  // u = 1
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",  // order 8
    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",  // order 8
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // u = p - 1 (order 2)
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // u = p = 0 mod p
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // u = p + 1 = 1 mod p
};

ByteView body_of(const Bytes& whole_message) { return ByteView(whole_message).subspan(4); }

bool same(ByteView a, ByteView b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

struct Fixture {
    const crypto::RsaPrivateKey& server_key = test_pki().server_key;
    crypto::HmacDrbg server_rng{as_bytes("ecdhe server"), {}, {}};
    crypto::HmacDrbg client_rng{as_bytes("ecdhe client"), {}, {}};
    Bytes client_random = Bytes(32, 0xc1);
    Bytes server_random = Bytes(32, 0x5e);

    std::unique_ptr<ServerKeyExchanger> server() {
        return make_ecdhe_rsa_server(
            ServerKeyExchangeContext{client_random, server_random, server_key, std::uint16_t{0x0401}, std::nullopt, 0x0303});
    }
    std::unique_ptr<ClientKeyExchanger> client() {
        return make_ecdhe_rsa_client(
            ClientKeyExchangeContext{client_random, server_random, server_key.public_key(), 0x0303, default_signature_algorithms(),
                                     crypto::dh_minimum_server_group_bits, 0x0303, {}});
    }
    // A ServerKeyExchange the server's key really signed, with whatever curve and point.
    Bytes signed_server_key_exchange(std::uint16_t curve, Bytes point) {
        ServerKeyExchangeEcdhe m;
        m.params.named_curve = curve;
        m.params.point = std::move(point);
        m.signed_params = sign_handshake(server_key, 0x0401, m.signed_content(client_random, server_random), server_rng);
        return m.encode();
    }
};

AlertDescription alert_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const TlsError& e) {
        return e.alert();
    }
    FAIL("no TlsError thrown");
    return AlertDescription::close_notify;
}

}  // namespace

TEST_CASE("RFC 8422 §5.10: client and server derive the same 32-byte premaster over x25519") {
    Fixture f;
    auto server = f.server();
    auto client = f.client();
    KeyExchangeStep ske = server->server_key_exchange(f.server_rng);
    REQUIRE(ske.message);
    CHECK(ske.group == "x25519");
    // RFC 8422 §5.4: curve_type named_curve(3), x25519 = 0x001d, a 32-byte point.
    const ServerKeyExchangeEcdhe parsed = ServerKeyExchangeEcdhe::parse(body_of(*ske.message));
    CHECK(body_of(*ske.message)[0] == 3);
    CHECK(parsed.params.named_curve == 29);
    CHECK(parsed.params.point.size() == 32);
    CHECK(parsed.signed_params.algorithm == 0x0401);

    client->receive_server_key_exchange(body_of(*ske.message));
    KeyExchangeStep cke = client->client_key_exchange(f.client_rng);
    REQUIRE(cke.message);
    REQUIRE(cke.pre_master_secret);
    CHECK(cke.pre_master_secret->size() == 32);
    KeyExchangeStep done = server->receive_client_key_exchange(body_of(*cke.message), f.server_rng);
    REQUIRE(done.pre_master_secret);
    CHECK(done.pre_master_secret->view().size() == 32);
    CHECK(same(done.pre_master_secret->view(), cke.pre_master_secret->view()));
    // The derivations mark the private keys and the premaster secret.
    for (const KeyExchangeStep* step : {&ske, &cke, &done}) {
        for (const DerivationTrace& d : step->derivations) {
            for (const TraceValue& v : d.inputs) {
                if (v.name == "d" || v.name == "dc") CHECK(v.secret);
            }
            for (const TraceValue& v : d.outputs) {
                if (v.name == "pre_master_secret") CHECK(v.secret);
            }
        }
    }
}

TEST_CASE("RFC 7748 §6.1, RFC 8422 §5.11: a low-order point from the client gives an all-zero secret: illegal_parameter") {
    for (const char* hex : low_order_points) {
        CAPTURE(hex);
        Fixture f;
        auto server = f.server();
        server->server_key_exchange(f.server_rng);
        const Bytes cke = ClientKeyExchangeEcdhe{from_hex(hex)}.encode();
        CHECK(alert_of([&] { server->receive_client_key_exchange(body_of(cke), f.server_rng); }) ==
              AlertDescription::illegal_parameter);
    }
}

TEST_CASE("RFC 7748 §6.1, RFC 8422 §5.11: a low-order point from the server, even signed, is illegal_parameter") {
    for (const char* hex : low_order_points) {
        CAPTURE(hex);
        Fixture f;
        auto client = f.client();
        const Bytes ske = f.signed_server_key_exchange(29, from_hex(hex));
        client->receive_server_key_exchange(body_of(ske));  // signed and 32 bytes: accepted so far
        CHECK(alert_of([&] { client->client_key_exchange(f.client_rng); }) == AlertDescription::illegal_parameter);
    }
}

TEST_CASE("RFC 8422 §5.11: an X25519 point that is not 32 bytes is illegal_parameter, on both sides") {
    for (std::size_t size : {1, 31, 33, 65}) {
        CAPTURE(size);
        Fixture f;
        auto client = f.client();
        const Bytes ske = f.signed_server_key_exchange(29, Bytes(size, 9));
        CHECK(alert_of([&] { client->receive_server_key_exchange(body_of(ske)); }) == AlertDescription::illegal_parameter);

        auto server = f.server();
        server->server_key_exchange(f.server_rng);
        const Bytes cke = ClientKeyExchangeEcdhe{Bytes(size, 9)}.encode();
        CHECK(alert_of([&] { server->receive_client_key_exchange(body_of(cke), f.server_rng); }) ==
              AlertDescription::illegal_parameter);
    }
}

TEST_CASE("RFC 8422 §5.1.1: a curve the client did not offer (secp256r1) is illegal_parameter") {
    Fixture f;
    auto client = f.client();
    Bytes p256_point(65, 4);
    const Bytes ske = f.signed_server_key_exchange(23, p256_point);
    CHECK(alert_of([&] { client->receive_server_key_exchange(body_of(ske)); }) == AlertDescription::illegal_parameter);
}

TEST_CASE("RFC 8422 §5.4: a ServerKeyExchange whose point or signature was changed is decrypt_error") {
    Fixture f;
    Bytes point(32, 0);
    point[0] = 9;
    Bytes ske = f.signed_server_key_exchange(29, point);
    for (std::size_t at : {std::size_t{4 + 4}, ske.size() - 1}) {  // a byte of the point; the signature's last
        CAPTURE(at);
        Bytes changed = ske;
        changed[at] ^= 0x01;
        auto client = f.client();
        CHECK(alert_of([&] { client->receive_server_key_exchange(body_of(changed)); }) == AlertDescription::decrypt_error);
    }
}

TEST_CASE("RFC 8422 §5.4: an explicit curve (curve_type 1) is illegal_parameter") {
    const Bytes body = from_hex("01" "0020" "0000");
    CHECK(alert_of([&] { ServerKeyExchangeEcdhe::parse(body); }) == AlertDescription::illegal_parameter);
}

// ---------------------------------------------------------------------------------------------
// Whole connections

TEST_CASE("default configurations negotiate ECDHE_RSA with AES-128-GCM, and trace every byte of the ECDHE messages") {
    RecordingTrace client_trace;
    RecordingTrace server_trace;
    client_trace.secrets = true;
    Connection conn(test_client_config(), test_server_config(), as_bytes("client seed 0123456789"),
                    as_bytes("server seed 0123456789"), &client_trace, &server_trace);
    conn.handshake();
    REQUIRE(conn.client->is_established());
    CHECK(conn.client->session().cipher_suite->suite == CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    CHECK(conn.server->session().dh_group == "x25519");
    CHECK(conn.client->session().dh_group == "x25519");

    std::vector<std::string> names;
    for (const MessageTrace& m : server_trace.messages) {
        names.push_back(m.name);
        if (m.content_type == 22) {
            CAPTURE(m.name);
            check_every_byte_explained(m.root, m.raw.size());
        }
    }
    CHECK(names == std::vector<std::string>{"ClientHello", "ServerHello", "Certificate", "ServerKeyExchange",
                                            "ServerHelloDone", "ClientKeyExchange", "ChangeCipherSpec", "Finished",
                                            "ChangeCipherSpec", "Finished"});
    CHECK(find_field(server_trace.messages[0].root, "named_group_list") != nullptr);
    CHECK(find_field(server_trace.messages[1].root, "ec_point_format_list") != nullptr);
    for (const char* name : {"curve_type", "namedcurve", "public", "signed_params"}) {
        CAPTURE(name);
        CHECK(find_field(server_trace.messages[3].root, name) != nullptr);
    }
    CHECK(find_field(server_trace.messages[5].root, "ecdh_Yc") != nullptr);

    // RFC 5246 §6.3 with AES-128-GCM: a 40-byte key block, no MAC keys, 4-byte salts.
    const DerivationTrace* key_block = nullptr;
    for (const DerivationTrace& d : client_trace.derivations) {
        if (d.name == "key block") key_block = &d;
    }
    REQUIRE(key_block != nullptr);
    for (const TraceValue& v : key_block->outputs) {
        CAPTURE(v.name);
        CHECK(v.name.find("MAC_key") == std::string::npos);
        if (v.name == "key_block") CHECK(v.size == 40);
        if (v.name == "client_write_IV") {
            CHECK(v.size == 4);
            CHECK(v.note.find("RFC 5288 §3") != std::string::npos);
        }
    }

    // The AEAD records carry nonce, additional data and tag; the nonce only with secrets.
    conn.client->send(to_bytes("GET /"));
    conn.pump();
    const RecordTrace& sent = client_trace.records.back();
    REQUIRE(sent.protected_record);
    auto detail = [](const RecordTrace& r, const std::string& name) -> const TraceValue* {
        for (const TraceValue& v : r.details) {
            if (v.name == name) return &v;
        }
        return nullptr;
    };
    REQUIRE(detail(sent, "nonce") != nullptr);
    CHECK(detail(sent, "nonce")->value.size() == 12);
    CHECK(detail(sent, "nonce")->note.find("RFC 5288 §3") != std::string::npos);  // GCM: salt + explicit part
    CHECK(detail(sent, "additional_data")->value.size() == 13);
    CHECK(detail(sent, "tag")->value.size() == 16);
    // 8-byte explicit nonce = the sequence number; the tag is the fragment's last 16 bytes.
    CHECK(same(ByteView(sent.wire).last(16), detail(sent, "tag")->value));
    CHECK(same(ByteView(sent.wire).subspan(5, 8), ByteView(detail(sent, "nonce")->value).last(8)));
    const RecordTrace& received = server_trace.records.back();
    REQUIRE(detail(received, "nonce") != nullptr);
    CHECK(detail(received, "nonce")->value.empty());  // the server's sink wants no secrets
    CHECK(detail(received, "nonce")->size == 12);
}

TEST_CASE("RFC 8422 §5.1.1: the server picks ECDHE only if the client offers x25519; otherwise the next suite") {
    ClientConfig c = test_client_config();
    c.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256};
    Connection with(c, test_server_config());
    with.handshake();
    REQUIRE(with.client->is_established());
    CHECK(with.client->session().cipher_suite->suite == CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);

    // A client that does offer ECDHE suites but only a curve lucidtls lacks (secp256r1): skipped.
    ServerConfig s = test_server_config();
    auto random = make_deterministic_random(as_bytes("server"), Role::server);
    Server server(s, *random);
    ClientHello h;
    h.random.fill(0x42);
    h.cipher_suites = {0xC02F, 0x009C};
    h.compression_methods = {0};
    h.extensions.add(ExtensionType::supported_groups, encode_supported_groups({23}));
    h.extensions.add(ExtensionType::ec_point_formats, encode_ec_point_formats({0}));
    h.extensions.add(ExtensionType::signature_algorithms, encode_signature_algorithms({0x0401}));
    server.receive(record::encode_record(record::ContentType::handshake, record::tls12, h.encode()));
    REQUIRE_FALSE(server.failure());
    CHECK(server.session().cipher_suite->suite == CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256);

    // Without the extension at all: skipped too.
    ClientHello no_groups = h;
    no_groups.extensions = {};
    no_groups.extensions.add(ExtensionType::signature_algorithms, encode_signature_algorithms({0x0401}));
    auto random2 = make_deterministic_random(as_bytes("server 2"), Role::server);
    Server server2(test_server_config(), *random2);
    server2.receive(record::encode_record(record::ContentType::handshake, record::tls12, no_groups.encode()));
    REQUIRE_FALSE(server2.failure());
    CHECK(server2.session().cipher_suite->suite == CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256);
}

TEST_CASE("RFC 8422 §5.1.2: ec_point_formats without uncompressed is illegal_parameter") {
    ClientHello h;
    h.random.fill(0x42);
    h.cipher_suites = {0xC02F};
    h.compression_methods = {0};
    h.extensions.add(ExtensionType::supported_groups, encode_supported_groups({29}));
    h.extensions.add(ExtensionType::ec_point_formats, encode_ec_point_formats({1}));
    auto random = make_deterministic_random(as_bytes("server"), Role::server);
    Server server(test_server_config(), *random);
    server.receive(record::encode_record(record::ContentType::handshake, record::tls12, h.encode()));
    REQUIRE(server.failure());
    CHECK(server.failure()->alert == AlertDescription::illegal_parameter);
}

TEST_CASE("RFC 8422 §5.1.2: the point-format rule binds only a client that lists a curve, not one listing FFDHE groups alone") {
    ClientHello h;
    h.random.fill(0x42);
    h.cipher_suites = {0x009E, 0x002F};  // DHE_RSA and RSA with AES-128, no ECDHE
    h.compression_methods = {0};
    h.extensions.add(ExtensionType::supported_groups, encode_supported_groups({0x0100}));  // ffdhe2048 (RFC 7919)
    h.extensions.add(ExtensionType::ec_point_formats, encode_ec_point_formats({1}));
    h.extensions.add(ExtensionType::signature_algorithms, encode_signature_algorithms({0x0401}));
    auto random = make_deterministic_random(as_bytes("server"), Role::server);
    Server server(test_server_config(), *random);
    server.receive(record::encode_record(record::ContentType::handshake, record::tls12, h.encode()));
    CHECK_FALSE(server.failure());
    CHECK_FALSE(server.take_output().empty());  // ServerHello and the rest of its flight
}

TEST_CASE("RFC 8422 §4: the client sends supported_groups and ec_point_formats only when it offers ECDHE") {
    for (bool ecdhe : {true, false}) {
        CAPTURE(ecdhe);
        ClientConfig c = test_client_config();
        c.cipher_suites = {ecdhe ? CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 : CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256};
        auto random = make_deterministic_random(as_bytes("client"), Role::client);
        Client client(c, *random);
        client.start();
        const Bytes out = client.take_output();
        const ClientHello h = ClientHello::parse(ByteView(out).subspan(9));
        CHECK(h.extensions.has(ExtensionType::supported_groups) == ecdhe);
        CHECK(h.extensions.has(ExtensionType::ec_point_formats) == ecdhe);
        if (ecdhe) {
            CHECK(*h.extensions.supported_groups == std::vector<std::uint16_t>{29});
            CHECK(*h.extensions.ec_point_formats == std::vector<std::uint8_t>{0});
        }
    }
}

TEST_CASE("RFC 5246 §6.2.3.3: a flipped tag bit in an AEAD record gives bad_record_mac, for GCM and ChaCha20-Poly1305") {
    for (CipherSuite suite : {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                              CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256}) {
        CAPTURE(cipher_suite_info(suite).iana_name);
        ClientConfig c = test_client_config();
        c.cipher_suites = {suite};
        Connection conn(c, test_server_config());
        conn.handshake();
        REQUIRE(conn.client->is_established());
        conn.server->send(to_bytes("hello client"));
        Bytes record = conn.server->take_output();
        REQUIRE(record.size() == 5 + cipher_suite_info(suite).record_iv_length + 12 + 16);
        record.back() ^= 0x01;  // the last bit of the tag
        conn.client->receive(record);
        REQUIRE(conn.client->failure());
        CHECK(conn.client->failure()->alert == AlertDescription::bad_record_mac);
        CHECK_FALSE(Connection::has(conn.client->take_events(), Event::Kind::application_data));
    }
}

TEST_CASE("RFC 5246 §6.2.3.3: a replayed AEAD record is not accepted twice (its sequence number is in the nonce and the additional data)") {
    for (CipherSuite suite : {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                              CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256}) {
        CAPTURE(cipher_suite_info(suite).iana_name);
        ClientConfig c = test_client_config();
        c.cipher_suites = {suite};
        Connection conn(c, test_server_config());
        conn.handshake();
        REQUIRE(conn.server->is_established());
        conn.server->take_events();
        conn.client->send(to_bytes("pay 100 to bob"));
        const Bytes record = conn.client->take_output();
        conn.server->receive(record);
        CHECK(Connection::data_of(conn.server->take_events()) == to_bytes("pay 100 to bob"));
        conn.server->receive(record);  // the same bytes again
        REQUIRE(conn.server->failure());
        CHECK(conn.server->failure()->alert == AlertDescription::bad_record_mac);
        CHECK(Connection::data_of(conn.server->take_events()).empty());
    }
}
