// tools/deterministic.cpp: --seed gives the same bytes against the same peer behaviour.
#include <doctest/doctest.h>

#include "tests/tools/engine_pair.h"
#include "tools/deterministic.h"

using namespace lucid;
using namespace lucid::tools;

namespace {

struct Run {
    Bytes client_to_server, server_to_client;
};

Run run(const testing::PairOptions& options) {
    testing::EnginePair pair(options);
    REQUIRE(pair.handshake());
    pair.client->send(as_bytes("hello"));
    pair.server->send(as_bytes("hello back"));
    pair.client->close();
    REQUIRE(pair.shuttle());
    return {pair.client_to_server, pair.server_to_client};
}

}  // namespace

TEST_CASE("--seed: the same seeds give identical bytes in both directions") {
    const Run a = run({});
    const Run b = run({});
    CHECK(a.client_to_server == b.client_to_server);
    CHECK(a.server_to_client == b.server_to_client);
}

TEST_CASE("--seed: another client seed changes the client's bytes from the ClientHello on") {
    testing::PairOptions other;
    other.client_seed = to_bytes("a different seed");
    const Run a = run({});
    const Run b = run(other);
    REQUIRE(a.client_to_server.size() > 43);
    REQUIRE(b.client_to_server.size() > 43);
    // RFC 5246 §7.4.1.2: the random_bytes of the ClientHello (record header 5 + handshake header 4
    // + client_version 2 + gmt_unix_time 4 = offset 15).
    CHECK_FALSE(std::equal(a.client_to_server.begin() + 15, a.client_to_server.begin() + 43,
                           b.client_to_server.begin() + 15));
}

TEST_CASE("--seed: HMAC_DRBG with the documented nonce and personalization") {
    const Bytes seed = to_bytes("seed");
    auto mine = make_random(seed, "lucid client");
    crypto::HmacDrbg reference(seed, as_bytes("lucidtls deterministic mode"), as_bytes("lucid client"));
    CHECK(mine->bytes(64) == reference.bytes(64));
    auto server_one = make_random(seed, "lucid server connection 1");
    auto server_two = make_random(seed, "lucid server connection 2");
    CHECK(server_one->bytes(32) != server_two->bytes(32));
}

TEST_CASE("--seed: the clock is fixed at 2024-01-01T00:00:00Z; without a seed it is the real time") {
    CHECK(make_clock(to_bytes("x"))() == 1704067200);
    const std::int64_t now = make_clock(std::nullopt)();
    CHECK(now > 1704067200);
    CHECK(now - unix_time_now() <= 1);
}
