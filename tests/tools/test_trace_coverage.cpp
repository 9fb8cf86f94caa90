// tools/trace_coverage.cpp: the "every byte explained" property, on made-up trees and on every
// message of a real handshake (both sides, as the engines trace them).
#include <doctest/doctest.h>

#include <set>

#include "tests/tools/engine_pair.h"
#include "tools/trace_coverage.h"

using namespace lucid;
using namespace lucid::tools;
using handshake::Field;
using handshake::MessageTrace;

namespace {

Field leaf(std::string name, std::size_t offset, std::size_t length) {
    Field f;
    f.name = std::move(name);
    f.offset = offset;
    f.length = length;
    return f;
}

MessageTrace message(std::size_t size) {
    MessageTrace m;
    m.raw = Bytes(size, 0xAB);
    m.root.length = size;
    return m;
}

struct Collect final : handshake::TraceSink {
    std::vector<MessageTrace> messages;
    std::vector<handshake::RecordTrace> records;
    void on_message(const MessageTrace& m) override { messages.push_back(m); }
    void on_record(const handshake::RecordTrace& r) override { records.push_back(r); }
};

}  // namespace

TEST_CASE("trace coverage: leaves that tile the message explain every byte") {
    MessageTrace m = message(6);
    m.root.children = {leaf("msg_type", 0, 1), leaf("length", 1, 3)};
    Field group = leaf("body", 4, 2);
    group.children = {leaf("a", 4, 1), leaf("b", 5, 1)};
    m.root.children.push_back(group);
    const Coverage c = check_coverage(m);
    CHECK(c.complete());
}

TEST_CASE("trace coverage: a gap is reported as a range of offsets") {
    MessageTrace m = message(10);
    m.root.children = {leaf("msg_type", 0, 1), leaf("tail", 8, 2)};
    const Coverage c = check_coverage(m);
    REQUIRE(c.unexplained.size() == 1);
    CHECK(c.unexplained[0].begin == 1);
    CHECK(c.unexplained[0].end == 8);
    CHECK(range_text(c.unexplained[0]) == "+0001..+0007");
    CHECK_FALSE(c.complete());
}

TEST_CASE("trace coverage: a group's own span does not explain bytes its children skip") {
    MessageTrace m = message(4);
    Field group = leaf("group", 0, 4);
    group.children = {leaf("first", 0, 1)};
    m.root.children = {group};
    const Coverage c = check_coverage(m);
    REQUIRE(c.unexplained.size() == 1);
    CHECK(range_text(c.unexplained[0]) == "+0001..+0003");
}

TEST_CASE("trace coverage: a field beyond its parent or the message is a problem") {
    MessageTrace m = message(4);
    m.root.children = {leaf("all", 0, 4), leaf("past the end", 3, 5)};
    const Coverage c = check_coverage(m);
    REQUIRE(c.problems.size() == 1);
    CHECK(c.problems[0].find("past the end") != std::string::npos);
}

TEST_CASE("every byte explained: each message of a full handshake is covered by leaf fields") {
    Collect client_side, server_side;
    testing::PairOptions options;
    options.client_trace = &client_side;
    options.server_trace = &server_side;
    testing::EnginePair pair(options);
    REQUIRE(pair.handshake());
    pair.client->send(as_bytes("GET / HTTP/1.0\r\n\r\n"));
    pair.client->close();
    REQUIRE(pair.shuttle());

    std::set<std::string> names;
    for (const Collect* side : {&client_side, &server_side}) {
        REQUIRE_FALSE(side->messages.empty());
        for (const MessageTrace& m : side->messages) {
            CAPTURE(m.name);
            CHECK_FALSE(m.raw.empty());
            const Coverage c = check_coverage(m);
            for (const ByteRange& gap : c.unexplained) CHECK_MESSAGE(false, "unexplained bytes " << range_text(gap));
            for (const std::string& p : c.problems) CHECK_MESSAGE(false, p);
            names.insert(m.name);
        }
    }
    for (const char* expected : {"ClientHello", "ServerHello", "Certificate", "ServerHelloDone",
                                 "ClientKeyExchange", "ChangeCipherSpec", "Finished"}) {
        CHECK_MESSAGE(names.count(expected) == 1, "no " << expected << " was traced");
    }
}

TEST_CASE("every byte explained: the traced records are exactly the bytes on the wire") {
    Collect client_side;
    testing::PairOptions options;
    options.client_trace = &client_side;
    testing::EnginePair pair(options);
    REQUIRE(pair.handshake());
    Bytes sent, received;
    for (const handshake::RecordTrace& r : client_side.records) {
        REQUIRE(r.wire.size() >= 5);
        CHECK(r.wire.size() == 5 + ((std::size_t{r.wire[3]} << 8) | r.wire[4]));  // RFC 5246 §6.2.1 length
        append(r.direction == handshake::Direction::sent ? sent : received, r.wire);
    }
    CHECK(sent == pair.client_to_server);
    CHECK(received == pair.server_to_client);
}
