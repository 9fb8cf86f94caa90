// tools/capture/tcp_reassembly.cpp: TCP streams out of packets (RFC 9293 sequence numbers).
#include <doctest/doctest.h>

#include <algorithm>

#include "crypto/hex.h"
#include "tools/capture/tcp_reassembly.h"

using namespace lucid;
using namespace lucid::tools;
using namespace lucid::tools::capture;

namespace {

std::vector<Chunk> conversation() {
    return {{true, to_bytes("hello server")}, {false, Bytes(3000, 0x55)}, {true, to_bytes("bye")}};
}

std::vector<Packet> packets() {
    return tcp_conversation(conversation(), {10, 0, 0, 1}, 40001, {10, 0, 0, 2}, 443, 0);
}

}  // namespace

TEST_CASE("RFC 9293: a conversation's segments give back its byte streams, in order, client first") {
    const std::vector<TcpConnection> c = reassemble_tcp(packets());
    REQUIRE(c.size() == 1);
    CHECK(c[0].client == "10.0.0.1:40001");
    CHECK(c[0].server == "10.0.0.2:443");
    REQUIRE(c[0].chunks.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(c[0].chunks[i].from_client == conversation()[i].from_client);
        CHECK(c[0].chunks[i].bytes == conversation()[i].bytes);
    }
    CHECK(c[0].notes.empty());
}

TEST_CASE("RFC 9293 §3.10.7.4: a retransmitted segment adds nothing; one that arrives early waits for the hole") {
    std::vector<Packet> p = packets();
    // The server's 3000 bytes are in three segments (1400 + 1400 + 200), packets 5..7 (1-based).
    std::swap(p[4], p[5]);      // out of order
    p.insert(p.begin() + 6, p[5]);  // and a retransmission
    const std::vector<TcpConnection> c = reassemble_tcp(p);
    REQUIRE(c.size() == 1);
    REQUIRE(c[0].chunks.size() == 3);
    CHECK(c[0].chunks[1].bytes == Bytes(3000, 0x55));
}

TEST_CASE("a lost segment is reported as a hole, not papered over") {
    std::vector<Packet> p = packets();
    p.erase(p.begin() + 4);  // the first 1400 bytes of the server
    const std::vector<TcpConnection> c = reassemble_tcp(p);
    REQUIRE(c.size() == 1);
    REQUIRE(c[0].notes.size() == 1);
    CHECK(c[0].notes[0].find("hole") != std::string::npos);
}

TEST_CASE("two connections to the same server are told apart by the client's port") {
    std::vector<Packet> p = packets();
    for (Packet& q : tcp_conversation(conversation(), {10, 0, 0, 1}, 40002, {10, 0, 0, 2}, 443, 0)) p.push_back(q);
    const std::vector<TcpConnection> c = reassemble_tcp(p);
    REQUIRE(c.size() == 2);
    CHECK(c[1].client == "10.0.0.1:40002");
}

TEST_CASE("packets that are not TCP over IP are skipped without a crash, whatever their bytes") {
    std::vector<Packet> p = packets();
    for (std::size_t n = 0; n < p[3].data.size(); ++n) {
        Packet cut = p[3];
        cut.data.resize(n);
        CHECK_NOTHROW(reassemble_tcp({cut}));
    }
}
