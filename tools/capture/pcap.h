// Packet captures: the classic pcap format and pcapng, read and (pcap only) written.
//
// A small reader of our own rather than libpcap: we need only to walk a file's blocks (no live
// capture, no filters), the two formats are short public specifications (pcap: the libpcap file
// format, draft-ietf-opsawg-pcap; pcapng: draft-ietf-opsawg-pcapng), and a reader that checks
// every length against what is left gives a clear message for a truncated or corrupted file,
// which is what a teaching tool needs. libpcap would add a C dependency for ~200 lines.
//
//   pcap:   24-byte header (magic a1b2c3d4 in the writer's byte order, or a1b23c4d for
//           nanosecond times; version; snaplen; link type), then per packet ts_sec, ts_usec,
//           incl_len, orig_len and incl_len bytes.
//   pcapng: blocks of (type, total length, body, total length); the Section Header Block gives
//           the byte order, Interface Description Blocks the link type of each interface,
//           Enhanced (and Simple) Packet Blocks the packets. Other blocks are skipped.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crypto/bytes.h"

namespace lucid::tools::capture {

// Link types (the tcpdump.org LINKTYPE_ list) we can take IP out of.
enum : std::uint32_t {
    linktype_null = 0,         // BSD loopback: 4-byte address family in the writer's byte order
    linktype_ethernet = 1,
    linktype_raw = 101,        // an IPv4 or IPv6 packet, nothing before it
    linktype_linux_sll = 113,  // Linux "cooked" capture (tcpdump -i any)
    linktype_ipv4 = 228,
    linktype_ipv6 = 229,
    linktype_linux_sll2 = 276,
};

struct Packet {
    std::uint64_t time_ns = 0;
    std::uint32_t linktype = linktype_ethernet;
    std::size_t number = 0;  // 1-based, as Wireshark numbers them
    Bytes data;              // the captured bytes (may be fewer than on the wire: snaplen)
    std::uint32_t original_length = 0;
};

// Throws lucid::Error with a sentence that names the offset and what was wrong ("truncated: the
// packet record at offset 1234 says 60 bytes, 12 remain").
std::vector<Packet> read_capture(ByteView file);

// A pcap file (microseconds, little-endian, LINKTYPE_ETHERNET) of the given frames.
Bytes write_pcap(const std::vector<Packet>& packets);

}  // namespace lucid::tools::capture
