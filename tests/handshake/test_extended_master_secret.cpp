// Tests of handshake/extended_master_secret.h: the rules of RFC 7627 §5.2-§5.4 on both sides,
// each case named by the RFC sentence it checks. The derivation (§4) is tested in test_key_schedule.cpp.
#include <doctest/doctest.h>

#include "handshake/extended_master_secret.h"
#include "tests/handshake/lone_engines.h"

using namespace lucid;
using namespace lucid::handshake;
using namespace lucid::handshake::testing;
using lucid::record::AlertDescription;

namespace {

// A server whose cache holds one session, and a ClientHello offering to resume it.
struct ResumptionOffer {
    std::shared_ptr<SessionCache> cache = std::make_shared<SessionCache>();
    LoneServer lone;
    explicit ResumptionOffer(bool session_ems) : lone(server_with(cache)) {
        cache->store(cached_session(session_ems, false), test_now);
    }
    static ServerConfig server_with(std::shared_ptr<SessionCache> cache) {
        ServerConfig s = test_server_config();
        s.session_cache = std::move(cache);
        s.encrypt_then_mac = false;  // this file is about EMS only
        return s;
    }
    std::optional<ServerHello> offer(bool hello_ems) {
        ClientHello h = hand_made_client_hello();
        h.session_id = cached_session(true, false).session_id;
        h.extensions.add(ExtensionType::server_name, encode_server_name("localhost"));  // the session's name
        if (hello_ems) h.extensions.add(ExtensionType::extended_master_secret, {});
        lone.server.receive(handshake_record(h.encode()));
        return first_server_hello(lone.server.take_output());
    }
};

}  // namespace

TEST_CASE("RFC 7627 §5.3 (server): \"If the original session did not use the extended_master_secret extension but the new "
          "ClientHello contains the extension, then the server MUST NOT perform the abbreviated handshake\"") {
    ResumptionOffer r(false);
    const std::optional<ServerHello> sh = r.offer(true);
    REQUIRE(sh);
    CHECK_FALSE(r.lone.server.failure());
    CHECK(sh->session_id != cached_session(false, false).session_id);  // a new session: full handshake
    CHECK(sh->extensions.has(ExtensionType::extended_master_secret));
    CHECK(r.lone.server.state() == State::server_wait_client_key_exchange);
}

TEST_CASE("RFC 7627 §5.3 (server): \"If the original session used the extended_master_secret extension but the new "
          "ClientHello does not contain it, the server MUST abort the abbreviated handshake\"") {
    ResumptionOffer r(true);
    CHECK_FALSE(r.offer(false));
    REQUIRE(r.lone.server.failure());
    CHECK(r.lone.server.failure()->alert == AlertDescription::handshake_failure);
    CHECK(r.lone.server.failure()->sentence.find("RFC 7627 §5.3") != std::string::npos);
    // The session stays in the cache: the fatal alert ended this connection, not that session.
    CHECK(r.cache->find(cached_session(true, false).session_id, test_now));
}

TEST_CASE("RFC 7627 §5.3 (server): \"If neither the original session nor the new ClientHello uses the extension, the server "
          "SHOULD abort the handshake\": lucidtls makes a full handshake, never the legacy insecure resumption of §5.4") {
    ResumptionOffer r(false);
    const std::optional<ServerHello> sh = r.offer(false);
    REQUIRE(sh);
    CHECK_FALSE(r.lone.server.failure());
    CHECK(sh->session_id != cached_session(false, false).session_id);
    CHECK_FALSE(sh->extensions.has(ExtensionType::extended_master_secret));
}

TEST_CASE("RFC 7627 §5.3 (server): \"If the new ClientHello contains the extension and the server chooses to continue the "
          "handshake, then the server MUST include the extended_master_secret extension in its ServerHello\"") {
    ResumptionOffer r(true);
    const std::optional<ServerHello> sh = r.offer(true);
    REQUIRE(sh);
    CHECK(sh->session_id == cached_session(true, false).session_id);  // resumed
    CHECK(sh->extensions.has(ExtensionType::extended_master_secret));
    CHECK(r.lone.server.state() == State::server_resume_wait_change_cipher_spec);
}

TEST_CASE("RFC 7627 §5.3 (client): \"The client SHOULD NOT offer an abbreviated handshake to resume a session that does not "
          "use an extended master secret\"") {
    ClientConfig c = test_client_config();
    c.resume = std::make_shared<const SessionState>(cached_session(false, false));
    LoneClient without(c);
    CHECK(first_client_hello(without.client.take_output()).session_id.empty());
    c.resume = std::make_shared<const SessionState>(cached_session(true, false));
    LoneClient with(c);
    const ClientHello offered = first_client_hello(with.client.take_output());
    CHECK(offered.session_id == cached_session(true, false).session_id);
    // "When offering an abbreviated handshake, the client MUST send the extended_master_secret extension"
    CHECK(offered.extensions.extended_master_secret);
}

TEST_CASE("RFC 7627 §5.3 (client): \"If the original session used the extension but the new ServerHello does not contain "
          "the extension, the client MUST abort the handshake\"") {
    ClientConfig c = test_client_config();
    c.encrypt_then_mac = false;
    c.resume = std::make_shared<const SessionState>(cached_session(true, false));
    LoneClient lone(c);
    ServerHello sh;
    sh.session_id = cached_session(true, false).session_id;
    sh.cipher_suite = 0x002F;
    lone.client.receive(handshake_record(sh.encode()));
    REQUIRE(lone.client.failure());
    CHECK(lone.client.failure()->alert == AlertDescription::handshake_failure);
    CHECK(lone.client.failure()->sentence.find("RFC 7627 §5.3") != std::string::npos);
}

TEST_CASE("RFC 7627 §5.2 (server, --require-ems): \"If the server receives a ClientHello without the extension, it SHOULD "
          "abort the handshake if it does not wish to interoperate with legacy clients\"") {
    ServerConfig s = test_server_config();
    s.require_extended_master_secret = true;
    LoneServer lone(s);
    lone.server.receive(handshake_record(hand_made_client_hello().encode()));
    REQUIRE(lone.server.failure());
    CHECK(lone.server.failure()->alert == AlertDescription::handshake_failure);
    CHECK(lone.server.failure()->sentence.find("--require-ems") != std::string::npos);

    LoneServer by_default;  // without the flag, a legacy client gets a full handshake
    by_default.server.receive(handshake_record(hand_made_client_hello().encode()));
    CHECK_FALSE(by_default.server.failure());
}

TEST_CASE("RFC 7627 §5.2 (client, --require-ems): \"If a client implementing this document receives a ServerHello without "
          "the extension, it SHOULD abort the handshake if it does not wish to interoperate with legacy servers\"") {
    for (bool required : {true, false}) {
        ClientConfig c = test_client_config();
        c.require_extended_master_secret = required;
        c.encrypt_then_mac = false;
        LoneClient lone(c);
        ServerHello sh;
        sh.session_id = Bytes(32, 0x01);
        sh.cipher_suite = 0x002F;
        lone.client.receive(handshake_record(sh.encode()));
        CHECK(lone.client.failure().has_value() == required);
        if (required) CHECK(lone.client.failure()->alert == AlertDescription::handshake_failure);
    }
}

TEST_CASE("RFC 7627 §5.2: --require-ems on both lucidtls sides: the handshake completes with the extended master secret") {
    ClientConfig c = test_client_config();
    ServerConfig s = test_server_config();
    c.require_extended_master_secret = s.require_extended_master_secret = true;
    Connection conn(c, s);
    conn.handshake();
    REQUIRE(conn.client->is_established());
    CHECK(conn.client->session().extended_master_secret);
    CHECK(conn.server->session().extended_master_secret);
}

TEST_CASE("RFC 7627 §5.3: the server's four cases, as the table of extended_master_secret.h") {
    std::string why;
    CHECK(server_ems_resumption(true, true, why) == EmsResumption::resume);
    CHECK(why.empty());
    CHECK(server_ems_resumption(true, false, why) == EmsResumption::abort);
    CHECK(server_ems_resumption(false, true, why) == EmsResumption::full_handshake);
    CHECK(server_ems_resumption(false, false, why) == EmsResumption::full_handshake);
}
