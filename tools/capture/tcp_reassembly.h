// From packets to TCP byte streams (RFC 9293), enough to read a capture of TLS connections:
// IPv4 and IPv6 over Ethernet, Linux cooked captures, BSD loopback or raw IP; each TCP connection
// (a 4-tuple) becomes its two byte streams, in order, without retransmitted or overlapping
// bytes, and interleaved the way they crossed the network (a Chunk per run of new bytes).
//
// The client is the side that sent the SYN (without ACK); with no SYN in the capture, the side
// that sent the first data. A hole (a segment the capture lost) ends that direction's stream: the
// connection says how many bytes are missing, since TLS records after it cannot be framed.
#pragma once

#include <string>
#include <vector>

#include "tools/capture/pcap.h"
#include "tools/capture/tls_decoder.h"

namespace lucid::tools::capture {

struct TcpConnection {
    std::string client;    // "10.0.0.1:40000" or "[::1]:40000"
    std::string server;
    std::size_t first_packet = 0;  // capture numbering
    std::vector<Chunk> chunks;     // new bytes in the order they were captured
    std::vector<std::string> notes;  // lost segments, fragments skipped ...
};

// Packets that are not TCP over IP are skipped; a malformed IP or TCP header is skipped with a
// note on the connection if it can be told which, else ignored. Never throws for bad packets.
std::vector<TcpConnection> reassemble_tcp(const std::vector<Packet>& packets);

// The other way, for tests and for `lucid illustrate --pcap`: Ethernet + IPv4 + TCP frames of a
// conversation (handshake, the chunks as segments of at most 1400 bytes, FIN both ways), with
// the given addresses (IPv4, 4 bytes each) and ports. start_ns: the time of the first packet.
std::vector<Packet> tcp_conversation(const std::vector<Chunk>& chunks, const Bytes& client_ip, std::uint16_t client_port,
                                     const Bytes& server_ip, std::uint16_t server_port, std::uint64_t start_ns);

}  // namespace lucid::tools::capture
