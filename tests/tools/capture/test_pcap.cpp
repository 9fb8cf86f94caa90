// tools/capture/pcap.cpp: reading pcap and pcapng, and writing pcap.
#include <doctest/doctest.h>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "tools/capture/pcap.h"

using namespace lucid;
using namespace lucid::tools::capture;

namespace {

std::vector<Packet> two_packets() {
    Packet a;
    a.time_ns = 1704067200ull * 1000000000ull + 5000;
    a.data = from_hex("00112233445566778899aabb08004500");
    a.original_length = 16;
    Packet b = a;
    b.data = from_hex("ffff");
    b.original_length = 2;
    return {a, b};
}

void le32(Bytes& b, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

// A pcapng file: Section Header, Interface Description (Ethernet), one Enhanced Packet.
Bytes pcapng_file(ByteView packet) {
    Bytes f;
    le32(f, 0x0a0d0d0a); le32(f, 28); le32(f, 0x1a2b3c4d); f.insert(f.end(), {1, 0, 0, 0});
    for (int i = 0; i < 8; ++i) f.push_back(0xff);  // section length: unknown
    le32(f, 28);
    le32(f, 1); le32(f, 20); f.insert(f.end(), {1, 0, 0, 0}); le32(f, 65535); le32(f, 20);
    const std::size_t padded = (packet.size() + 3) / 4 * 4;
    const std::uint32_t length = static_cast<std::uint32_t>(32 + padded);
    le32(f, 6); le32(f, length); le32(f, 0); le32(f, 0); le32(f, 1000);
    le32(f, static_cast<std::uint32_t>(packet.size())); le32(f, static_cast<std::uint32_t>(packet.size()));
    append(f, packet);
    f.resize(f.size() + padded - packet.size(), 0);
    le32(f, length);
    return f;
}

}  // namespace

TEST_CASE("pcap (libpcap file format): what write_pcap writes, read_capture reads back") {
    const Bytes file = write_pcap(two_packets());
    CHECK(to_hex(ByteView(file).first(4)) == "d4c3b2a1");  // a1b2c3d4 little-endian
    const std::vector<Packet> packets = read_capture(file);
    REQUIRE(packets.size() == 2);
    CHECK(packets[0].data == two_packets()[0].data);
    CHECK(packets[0].time_ns == two_packets()[0].time_ns);
    CHECK(packets[0].linktype == linktype_ethernet);
    CHECK(packets[1].number == 2);
}

TEST_CASE("pcap: every truncated prefix of a capture fails with a clear error, never a crash") {
    const Bytes file = write_pcap(two_packets());
    for (std::size_t n = 0; n < file.size(); ++n) {
        CAPTURE(n);
        const ByteView prefix = ByteView(file).first(n);
        // A prefix that ends exactly between two packets is a shorter, valid capture.
        if (n == 24 || n == 24 + 16 + 16) continue;
        CHECK_THROWS_AS(read_capture(prefix), Error);
    }
}

TEST_CASE("pcap: a packet that claims an absurd length is a corrupted capture") {
    Bytes file = write_pcap(two_packets());
    file[24 + 8] = 0xff;  // incl_len of the first packet
    file[24 + 11] = 0x7f;
    CHECK_THROWS_WITH_AS(read_capture(file), doctest::Contains("corrupted capture"), Error);
}

TEST_CASE("pcapng (draft-ietf-opsawg-pcapng): an Enhanced Packet Block on an Ethernet interface") {
    const Bytes packet = from_hex("0102030405");
    const std::vector<Packet> packets = read_capture(pcapng_file(packet));
    REQUIRE(packets.size() == 1);
    CHECK(packets[0].data == packet);
    CHECK(packets[0].linktype == linktype_ethernet);
    CHECK(packets[0].time_ns == 1000000);
}

TEST_CASE("pcapng: a block whose trailing length differs is corrupted; a cut file is truncated") {
    Bytes file = pcapng_file(from_hex("0102030405"));
    Bytes bad = file;
    bad[bad.size() - 1] ^= 1;
    CHECK_THROWS_WITH_AS(read_capture(bad), doctest::Contains("corrupted capture"), Error);
    CHECK_THROWS_WITH_AS(read_capture(ByteView(file).first(file.size() - 3)), doctest::Contains("truncated"), Error);
}

TEST_CASE("a file that is neither pcap nor pcapng is named as such") {
    CHECK_THROWS_WITH_AS(read_capture(to_bytes("GET / HTTP/1.0")), doctest::Contains("not a pcap or pcapng"), Error);
}
