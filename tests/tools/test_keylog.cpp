// tools/keylog.cpp: the NSS key log line, from a real in-memory handshake.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <regex>

#include "crypto/hex.h"
#include "tests/tools/engine_pair.h"
#include "tools/keylog.h"

using namespace lucid;
using namespace lucid::tools;

TEST_CASE("NSS key log: CLIENT_RANDOM <client_random> <master_secret>, the same on both sides") {
    testing::EnginePair pair({});
    REQUIRE(pair.handshake());
    const std::string line = keylog_line(pair.client->session());
    CHECK(std::regex_match(line, std::regex("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}")));
    CHECK(line.substr(14, 64) == to_hex(pair.client->session().client_random));
    CHECK(line.substr(79) == to_hex(pair.client->session().reveal_master_secret_for_keylog()));
    CHECK(line == keylog_line(pair.server->session()));
}

TEST_CASE("NSS key log: no line before there is a master secret") {
    testing::EnginePair pair({});
    pair.client->start();
    CHECK(keylog_line(pair.client->session()).empty());
}

TEST_CASE("NSS key log: lines are appended, one per connection, in a file only its owner reads") {
    char path[] = "/tmp/lucid_keylog_test.XXXXXX";
    const int fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    ::close(fd);
    std::remove(path);
    testing::EnginePair first({});
    testing::PairOptions other;
    other.client_seed = to_bytes("another client seed");
    testing::EnginePair second(other);
    REQUIRE(first.handshake());
    REQUIRE(second.handshake());
    append_keylog(path, first.client->session());
    append_keylog(path, second.client->session());
    const std::string text = testing::read_file(path);
    CHECK(text == keylog_line(first.client->session()) + "\n" + keylog_line(second.client->session()) + "\n");
    struct stat info {};
    REQUIRE(::stat(path, &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    std::remove(path);
}
