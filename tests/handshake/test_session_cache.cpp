// Tests of handshake/session_cache.cpp: RFC 5246 §7.3, §7.2.2, Appendix F.1.4.
#include <doctest/doctest.h>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "handshake/session_cache.h"

using namespace lucid;
using namespace lucid::handshake;

namespace {

SessionState session(std::uint8_t id, std::int64_t created) {
    SessionState s;
    s.session_id = Bytes(32, id);
    s.cipher_suite = 0x0033;
    s.master_secret = SecretBytes(Bytes(48, static_cast<std::uint8_t>(id + 1)));
    s.extended_master_secret = true;
    s.server_name = "localhost";
    s.peer_certificates = {from_hex("3003020101")};
    s.created = created;
    return s;
}

}  // namespace

TEST_CASE("RFC 5246 §7.3: a stored session is found by its ID, with every field") {
    SessionCache cache;
    cache.store(session(7, 1000), 1000);
    const std::optional<SessionState> found = cache.find(Bytes(32, 7), 1001);
    REQUIRE(found);
    CHECK(found->session_id == Bytes(32, 7));
    CHECK(found->version == 0x0303);
    CHECK(found->cipher_suite == 0x0033);
    CHECK(found->master_secret.reveal() == Bytes(48, 8));
    CHECK(found->extended_master_secret);
    CHECK(found->server_name == "localhost");
    CHECK(found->peer_certificates == std::vector<Bytes>{from_hex("3003020101")});
    CHECK(found->created == 1000);
    CHECK_FALSE(cache.find(Bytes(32, 8), 1001));
    CHECK_FALSE(cache.find(Bytes{}, 1001));
}

TEST_CASE("RFC 5246 Appendix F.1.4: an expired session is never returned and is evicted") {
    SessionCache cache(SessionCache::Limits{10, 300});
    cache.store(session(1, 1000), 1000);
    CHECK(cache.find(Bytes(32, 1), 1299));
    CHECK_FALSE(cache.find(Bytes(32, 1), 1300));
    CHECK(cache.size() == 0);
    // A clock that went backwards cannot make a session young again.
    cache.store(session(2, 2000), 2000);
    CHECK_FALSE(cache.find(Bytes(32, 2), 1999));
    // Storing sweeps out every expired entry, wherever it is in the list.
    cache.store(session(3, 5000), 5000);
    cache.store(session(4, 4900), 5000);  // created before the one stored before it
    cache.store(session(5, 5100), 5100);
    CHECK(cache.size() == 3);
    cache.store(session(6, 5230), 5230);  // session 4 is 330 s old now, session 3 only 230 s
    CHECK(cache.size() == 3);
    CHECK_FALSE(cache.find(Bytes(32, 4), 5230));
    CHECK(cache.find(Bytes(32, 3), 5230));
}

TEST_CASE("session cache: bounded; when full the oldest stored entry goes first") {
    SessionCache cache(SessionCache::Limits{3, 3600});
    for (std::uint8_t i = 1; i <= 4; ++i) cache.store(session(i, 100 + i), 100 + i);
    CHECK(cache.size() == 3);
    CHECK_FALSE(cache.find(Bytes(32, 1), 200));
    CHECK(cache.find(Bytes(32, 2), 200));
    CHECK(cache.find(Bytes(32, 4), 200));
    // Storing an ID again replaces it (and makes it the newest).
    SessionState again = session(2, 150);
    again.cipher_suite = 0x0039;
    cache.store(again, 150);
    CHECK(cache.size() == 3);
    CHECK(cache.find(Bytes(32, 2), 200)->cipher_suite == 0x0039);
    cache.store(session(5, 160), 160);
    CHECK_FALSE(cache.find(Bytes(32, 3), 200));  // 3 was now the oldest
    CHECK(cache.find(Bytes(32, 2), 200));
}

TEST_CASE("RFC 5246 §7.2.2: a session removed after a fatal alert cannot be resumed") {
    SessionCache cache;
    cache.store(session(9, 10), 10);
    cache.remove(Bytes(32, 9));
    CHECK_FALSE(cache.find(Bytes(32, 9), 11));
    CHECK_NOTHROW(cache.remove(Bytes(32, 9)));  // already gone
}

TEST_CASE("session cache: limits and IDs are checked") {
    CHECK_THROWS_AS(SessionCache(SessionCache::Limits{0, 10}), Error);
    CHECK_THROWS_AS(SessionCache(SessionCache::Limits{10, 0}), Error);
    SessionCache cache;
    SessionState no_id = session(1, 1);
    no_id.session_id.clear();
    CHECK_THROWS_AS(cache.store(no_id, 1), Error);
}
