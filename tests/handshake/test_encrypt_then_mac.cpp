// Tests of handshake/encrypt_then_mac.h and its use by the engines: RFC 7366 §2, §3, §3.1.
// The record protection itself is tested in tests/record/test_etm_cipher_state.cpp.
#include <doctest/doctest.h>

#include "handshake/encrypt_then_mac.h"
#include "tests/handshake/lone_engines.h"

using namespace lucid;
using namespace lucid::handshake;
using namespace lucid::handshake::testing;
using lucid::record::AlertDescription;

namespace {

// The cipher state names of the protected records one side traced.
std::vector<std::string> protected_cipher_states(const RecordingTrace& t) {
    std::vector<std::string> out;
    for (const RecordTrace& r : t.records) {
        if (r.protected_record) out.push_back(r.details.front().note);
    }
    return out;
}

struct EtmPair {
    RecordingTrace client_trace, server_trace;
    Connection conn;
    EtmPair(ClientConfig c, ServerConfig s)
        : conn(std::move(c), std::move(s), as_bytes("etm client seed"), as_bytes("etm server seed"), &client_trace,
               &server_trace) {
        conn.handshake();
        REQUIRE(conn.client->is_established());
        conn.client->send(to_bytes("ping"));
        conn.pump();
        conn.server->send(to_bytes("pong"));
        conn.pump();
        CHECK(Connection::data_of(conn.server_events) == to_bytes("ping"));
        CHECK(Connection::data_of(conn.client_events) == to_bytes("pong"));
    }
};

ClientConfig cbc_client() {
    ClientConfig c = test_client_config();
    c.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256};
    return c;
}

}  // namespace

TEST_CASE("RFC 7366 §2, §3: with a CBC suite both sides negotiate encrypt-then-MAC by default and every protected record uses it") {
    EtmPair pair(cbc_client(), test_server_config());
    CHECK(pair.conn.client->session().encrypt_then_mac);
    CHECK(pair.conn.server->session().encrypt_then_mac);
    for (const RecordingTrace* t : {&pair.client_trace, &pair.server_trace}) {
        const std::vector<std::string> states = protected_cipher_states(*t);
        REQUIRE(states.size() >= 4);  // Finished both ways, data both ways
        for (const std::string& s : states) CHECK(s.find("encrypt-then-MAC") != std::string::npos);
    }
}

TEST_CASE("RFC 7366 §2: --no-etm on the client: the extension is not sent, records stay MAC-then-encrypt") {
    ClientConfig c = cbc_client();
    c.encrypt_then_mac = false;
    EtmPair pair(c, test_server_config());
    CHECK_FALSE(first_client_hello(pair.conn.client_to_server).extensions.encrypt_then_mac);
    CHECK_FALSE(pair.conn.server->session().encrypt_then_mac);
    for (const std::string& s : protected_cipher_states(pair.server_trace)) CHECK(s.find("encrypt-then-MAC") == std::string::npos);
}

TEST_CASE("RFC 7366 §2: --no-etm on the server: the client's request is not answered, records stay MAC-then-encrypt") {
    ServerConfig s = test_server_config();
    s.encrypt_then_mac = false;
    EtmPair pair(cbc_client(), s);
    CHECK(first_client_hello(pair.conn.client_to_server).extensions.encrypt_then_mac);
    CHECK_FALSE(first_server_hello(pair.conn.server_to_client)->extensions.encrypt_then_mac);
    CHECK_FALSE(pair.conn.client->session().encrypt_then_mac);
    for (const std::string& st : protected_cipher_states(pair.client_trace)) CHECK(st.find("encrypt-then-MAC") == std::string::npos);
}

TEST_CASE("RFC 7366 §3: \"If a server receives an encrypt-then-MAC request extension from a client and then selects a stream "
          "or AEAD ciphersuite, it MUST NOT send an encrypt-then-MAC response extension back to the client\"") {
    ClientConfig c = test_client_config();
    c.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256};
    EtmPair pair(c, test_server_config());
    CHECK(first_client_hello(pair.conn.client_to_server).extensions.encrypt_then_mac);
    CHECK(pair.conn.server->session().cipher_suite->suite == CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    CHECK_FALSE(first_server_hello(pair.conn.server_to_client)->extensions.encrypt_then_mac);
    CHECK_FALSE(pair.conn.client->session().encrypt_then_mac);
}

TEST_CASE("RFC 7366 §2: a client offering only AEAD suites does not ask for encrypt-then-MAC") {
    ClientConfig c = test_client_config();
    c.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
    LoneClient lone(c);
    CHECK_FALSE(first_client_hello(lone.client.take_output()).extensions.encrypt_then_mac);
}

TEST_CASE("RFC 7366 §3: a ServerHello answering encrypt_then_mac for an AEAD suite is illegal_parameter") {
    ClientConfig c = test_client_config();
    c.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256};
    LoneClient lone(c);
    ServerHello sh;
    sh.session_id = Bytes(32, 0x01);
    sh.cipher_suite = static_cast<std::uint16_t>(CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    sh.extensions.add(ExtensionType::extended_master_secret, {});
    sh.extensions.add(ExtensionType::encrypt_then_mac, {});
    lone.client.receive(handshake_record(sh.encode()));
    REQUIRE(lone.client.failure());
    CHECK(lone.client.failure()->alert == AlertDescription::illegal_parameter);
    CHECK(lone.client.failure()->sentence.find("RFC 7366 §3") != std::string::npos);
}

TEST_CASE("RFC 5246 §7.4.1.4: a ServerHello with encrypt_then_mac the client (--no-etm) did not send is unsupported_extension") {
    ClientConfig c = cbc_client();
    c.encrypt_then_mac = false;
    LoneClient lone(c);
    ServerHello sh;
    sh.session_id = Bytes(32, 0x01);
    sh.cipher_suite = static_cast<std::uint16_t>(CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256);
    sh.extensions.add(ExtensionType::encrypt_then_mac, {});
    lone.client.receive(handshake_record(sh.encode()));
    REQUIRE(lone.client.failure());
    CHECK(lone.client.failure()->alert == AlertDescription::unsupported_extension);
}

TEST_CASE("RFC 7366 §3.1: a session resumed with encrypt-then-MAC keeps it") {
    auto cache = std::make_shared<SessionCache>();
    ServerConfig s = test_server_config();
    s.session_cache = cache;
    ClientConfig c = cbc_client();
    Connection first(c, s, as_bytes("first client"), as_bytes("first server"));
    first.handshake();
    REQUIRE(first.client->is_established());
    const std::optional<SessionState> saved = first.client->resumable_session();
    REQUIRE(saved);
    CHECK(saved->encrypt_then_mac);
    c.resume = std::make_shared<const SessionState>(saved->clone());
    EtmPair second(c, s);
    CHECK(second.conn.client->session().resumed);
    CHECK(second.conn.client->session().encrypt_then_mac);
    CHECK(second.conn.server->session().encrypt_then_mac);
}

TEST_CASE("RFC 7366 §3.1 (server): \"if the mechanism for the current session is X, then the renegotiated session should also "
          "use X\": a session is not resumed with the other mechanism; a full handshake follows") {
    for (bool session_etm : {true, false}) {
        for (bool hello_etm : {true, false}) {
            auto cache = std::make_shared<SessionCache>();
            cache->store(cached_session(true, session_etm), test_now);
            ServerConfig s = test_server_config();
            s.session_cache = cache;
            LoneServer lone(s);
            ClientHello h = hand_made_client_hello();
            h.session_id = cached_session(true, session_etm).session_id;
            h.extensions.add(ExtensionType::server_name, encode_server_name("localhost"));  // the session's name
            h.extensions.add(ExtensionType::extended_master_secret, {});
            if (hello_etm) h.extensions.add(ExtensionType::encrypt_then_mac, {});
            lone.server.receive(handshake_record(h.encode()));
            const std::optional<ServerHello> sh = first_server_hello(lone.server.take_output());
            REQUIRE(sh);
            CHECK_FALSE(lone.server.failure());
            // resumed exactly when the mechanism is the session's; else a full handshake
            CHECK((sh->session_id == h.session_id) == (hello_etm == session_etm));
            CHECK(sh->extensions.has(ExtensionType::encrypt_then_mac) == hello_etm);
        }
    }
}

TEST_CASE("RFC 7366 §3.1 (client): a server that resumes a session with the other mechanism is handshake_failure") {
    for (bool session_etm : {true, false}) {
        ClientConfig c = cbc_client();
        c.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA};
        c.resume = std::make_shared<const SessionState>(cached_session(true, session_etm));
        LoneClient lone(c);
        ServerHello sh;
        sh.session_id = cached_session(true, session_etm).session_id;
        sh.cipher_suite = 0x002F;
        sh.extensions.add(ExtensionType::extended_master_secret, {});
        if (!session_etm) sh.extensions.add(ExtensionType::encrypt_then_mac, {});
        lone.client.receive(handshake_record(sh.encode()));
        REQUIRE(lone.client.failure());
        CHECK(lone.client.failure()->alert == AlertDescription::handshake_failure);
        CHECK(lone.client.failure()->sentence.find("RFC 7366 §3.1") != std::string::npos);
    }
}

TEST_CASE("RFC 7366 §3: encrypt-then-MAC applies to CBC suites only") {
    CHECK(encrypt_then_mac_applies(cipher_suite_info(CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA)));
    CHECK_FALSE(encrypt_then_mac_applies(cipher_suite_info(CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)));
    CHECK_FALSE(encrypt_then_mac_applies(cipher_suite_info(CipherSuite::TLS_RSA_WITH_NULL_SHA256)));
    CHECK(connection_cipher_spec(cipher_suite_info(CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA), true).encrypt_then_mac);
    CHECK_FALSE(connection_cipher_spec(cipher_suite_info(CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), true).encrypt_then_mac);
}
