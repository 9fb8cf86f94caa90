#include "tools/capture/tcp_reassembly.h"

#include <map>
#include <optional>
#include <tuple>

namespace lucid::tools::capture {

namespace {

struct Segment {
    Bytes src_ip, dst_ip;
    std::uint16_t src_port = 0, dst_port = 0;
    std::uint32_t seq = 0;
    bool syn = false, ack = false, fin = false, rst = false;
    ByteView payload;
};

std::uint16_t be16(ByteView b, std::size_t at) { return static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]); }
std::uint32_t be32(ByteView b, std::size_t at) {
    return std::uint32_t{b[at]} << 24 | std::uint32_t{b[at + 1]} << 16 | std::uint32_t{b[at + 2]} << 8 | b[at + 3];
}

// The IP packet inside a frame, by link type; empty if none.
ByteView ip_of(const Packet& p) {
    const ByteView d = p.data;
    std::size_t at = 0;
    std::uint16_t ethertype = 0;
    switch (p.linktype) {
        case linktype_ethernet:
            if (d.size() < 14) return {};
            ethertype = be16(d, 12);
            at = 14;
            while ((ethertype == 0x8100 || ethertype == 0x88a8) && d.size() >= at + 4) {  // 802.1Q tags
                ethertype = be16(d, at + 2);
                at += 4;
            }
            if (ethertype != 0x0800 && ethertype != 0x86dd) return {};
            break;
        case linktype_linux_sll:
            if (d.size() < 16) return {};
            ethertype = be16(d, 14);
            at = 16;
            if (ethertype != 0x0800 && ethertype != 0x86dd) return {};
            break;
        case linktype_linux_sll2:
            if (d.size() < 20) return {};
            ethertype = be16(d, 0);
            at = 20;
            if (ethertype != 0x0800 && ethertype != 0x86dd) return {};
            break;
        case linktype_null: at = 4; break;  // the family tells IPv4 or 6; so does the IP version
        case linktype_raw: case linktype_ipv4: case linktype_ipv6: at = 0; break;
        default: return {};
    }
    return at <= d.size() ? d.subspan(at) : ByteView{};
}

std::optional<Segment> tcp_of(ByteView ip) {
    if (ip.empty()) return std::nullopt;
    Segment s;
    ByteView tcp;
    const int version = ip[0] >> 4;
    if (version == 4) {
        if (ip.size() < 20) return std::nullopt;
        const std::size_t header = static_cast<std::size_t>(ip[0] & 0x0f) * 4;
        const std::size_t total = be16(ip, 2);
        if (header < 20 || total < header || total > ip.size() || ip[9] != 6) return std::nullopt;
        if ((be16(ip, 6) & 0x3fff) != 0) return std::nullopt;  // a fragment: not reassembled here
        s.src_ip.assign(ip.begin() + 12, ip.begin() + 16);
        s.dst_ip.assign(ip.begin() + 16, ip.begin() + 20);
        tcp = ip.subspan(header, total - header);
    } else if (version == 6) {
        if (ip.size() < 40 || ip[6] != 6) return std::nullopt;  // TCP right after the fixed header only
        const std::size_t payload = be16(ip, 4);
        if (40 + payload > ip.size()) return std::nullopt;
        s.src_ip.assign(ip.begin() + 8, ip.begin() + 24);
        s.dst_ip.assign(ip.begin() + 24, ip.begin() + 40);
        tcp = ip.subspan(40, payload);
    } else {
        return std::nullopt;
    }
    if (tcp.size() < 20) return std::nullopt;
    const std::size_t offset = static_cast<std::size_t>(tcp[12] >> 4) * 4;
    if (offset < 20 || offset > tcp.size()) return std::nullopt;
    s.src_port = be16(tcp, 0);
    s.dst_port = be16(tcp, 2);
    s.seq = be32(tcp, 4);
    const std::uint8_t flags = tcp[13];
    s.fin = flags & 0x01;
    s.syn = flags & 0x02;
    s.rst = flags & 0x04;
    s.ack = flags & 0x10;
    s.payload = tcp.subspan(offset);
    return s;
}

std::string endpoint(const Bytes& ip, std::uint16_t port) {
    std::string text;
    if (ip.size() == 4) {
        for (std::size_t i = 0; i < 4; ++i) text += (i ? "." : "") + std::to_string(ip[i]);
        return text + ":" + std::to_string(port);
    }
    static const char* digits = "0123456789abcdef";
    for (std::size_t i = 0; i < ip.size(); i += 2) {
        if (i) text += ':';
        const unsigned v = static_cast<unsigned>(ip[i] << 8 | ip[i + 1]);
        bool started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            const unsigned nibble = (v >> shift) & 0xf;
            if (nibble || started || shift == 0) {
                text += digits[nibble];
                started = true;
            }
        }
    }
    return "[" + text + "]:" + std::to_string(port);
}

// One direction of a connection.
struct Stream {
    bool started = false;
    std::uint32_t next = 0;                   // the next sequence number we expect
    std::map<std::uint32_t, Bytes> waiting;   // segments that arrived ahead of a hole, by offset from next
    bool lost = false;
};

using Key = std::tuple<Bytes, std::uint16_t, Bytes, std::uint16_t>;

struct Flow {
    TcpConnection connection;
    Key client_key;  // src ip, src port, dst ip, dst port of the client's packets
    Stream from_client, from_server;
};

void add_chunk(TcpConnection& c, bool from_client, ByteView bytes) {
    if (bytes.empty()) return;
    if (!c.chunks.empty() && c.chunks.back().from_client == from_client) {
        append(c.chunks.back().bytes, bytes);
    } else {
        c.chunks.push_back({from_client, Bytes(bytes.begin(), bytes.end())});
    }
}

void deliver(Flow& f, Stream& s, bool from_client, const Segment& seg) {
    if (seg.syn) {
        s.started = true;
        s.next = seg.seq + 1;
    }
    if (seg.payload.empty()) return;
    if (!s.started) {  // no SYN seen: start with the first data
        s.started = true;
        s.next = seg.seq;
    }
    const std::int32_t ahead = static_cast<std::int32_t>(seg.seq - s.next);
    ByteView data = seg.payload;
    if (ahead < 0) {  // retransmitted or overlapping: keep only the new part
        const std::size_t old = static_cast<std::size_t>(-static_cast<std::int64_t>(ahead));
        if (old >= data.size()) return;
        data = data.subspan(old);
    } else if (ahead > 0) {
        s.waiting.emplace(seg.seq, Bytes(data.begin(), data.end()));
        return;
    }
    add_chunk(f.connection, from_client, data);
    s.next += static_cast<std::uint32_t>(data.size());
    // Segments that waited for this one.
    for (bool progress = true; progress;) {
        progress = false;
        for (auto it = s.waiting.begin(); it != s.waiting.end(); ++it) {
            const std::int32_t d = static_cast<std::int32_t>(it->first - s.next);
            if (d > 0) continue;
            const std::size_t old = static_cast<std::size_t>(-static_cast<std::int64_t>(d));
            if (old < it->second.size()) {
                add_chunk(f.connection, from_client, ByteView(it->second).subspan(old));
                s.next += static_cast<std::uint32_t>(it->second.size() - old);
            }
            s.waiting.erase(it);
            progress = true;
            break;
        }
    }
}

void put16(Bytes& b, std::uint16_t v) { b.push_back(static_cast<std::uint8_t>(v >> 8)); b.push_back(static_cast<std::uint8_t>(v)); }
void put32(Bytes& b, std::uint32_t v) { put16(b, static_cast<std::uint16_t>(v >> 16)); put16(b, static_cast<std::uint16_t>(v)); }

std::uint16_t checksum(ByteView data, std::uint32_t sum = 0) {
    for (std::size_t i = 0; i + 1 < data.size(); i += 2) sum += static_cast<std::uint32_t>(data[i] << 8 | data[i + 1]);
    if (data.size() % 2) sum += static_cast<std::uint32_t>(data.back() << 8);
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum);
}

Packet frame(const Bytes& src_ip, std::uint16_t src_port, const Bytes& dst_ip, std::uint16_t dst_port, std::uint32_t seq,
             std::uint32_t ack, std::uint8_t flags, ByteView payload, std::uint64_t time_ns) {
    Bytes tcp;
    put16(tcp, src_port);
    put16(tcp, dst_port);
    put32(tcp, seq);
    put32(tcp, ack);
    tcp.push_back(5 << 4);
    tcp.push_back(flags);
    put16(tcp, 65535);
    put16(tcp, 0);  // checksum, below
    put16(tcp, 0);
    append(tcp, payload);
    Bytes pseudo = src_ip;
    append(pseudo, dst_ip);
    pseudo.push_back(0);
    pseudo.push_back(6);
    put16(pseudo, static_cast<std::uint16_t>(tcp.size()));
    append(pseudo, tcp);
    const std::uint16_t tcp_sum = checksum(pseudo);
    tcp[16] = static_cast<std::uint8_t>(tcp_sum >> 8);
    tcp[17] = static_cast<std::uint8_t>(tcp_sum);

    Bytes ip = {0x45, 0};
    put16(ip, static_cast<std::uint16_t>(20 + tcp.size()));
    put16(ip, 0);
    put16(ip, 0x4000);  // don't fragment
    ip.push_back(64);
    ip.push_back(6);
    put16(ip, 0);
    append(ip, src_ip);
    append(ip, dst_ip);
    const std::uint16_t ip_sum = checksum(ip);
    ip[10] = static_cast<std::uint8_t>(ip_sum >> 8);
    ip[11] = static_cast<std::uint8_t>(ip_sum);

    Packet p;
    p.time_ns = time_ns;
    p.linktype = linktype_ethernet;
    p.data = {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00};  // locally administered MACs, IPv4
    append(p.data, ip);
    append(p.data, tcp);
    p.original_length = static_cast<std::uint32_t>(p.data.size());
    return p;
}

}  // namespace

std::vector<TcpConnection> reassemble_tcp(const std::vector<Packet>& packets) {
    std::vector<Flow> flows;
    std::map<Key, std::size_t> index;  // either direction's key -> flow
    for (const Packet& p : packets) {
        const std::optional<Segment> seg = tcp_of(ip_of(p));
        if (!seg) continue;
        const Key key{seg->src_ip, seg->src_port, seg->dst_ip, seg->dst_port};
        const Key reverse{seg->dst_ip, seg->dst_port, seg->src_ip, seg->src_port};
        auto it = index.find(key);
        if (it == index.end()) {
            // A new connection: its client is the SYN's sender, or the first sender of data.
            if (seg->payload.empty() && !seg->syn) continue;
            const bool client_sends = !(seg->syn && seg->ack);
            Flow f;
            f.client_key = client_sends ? key : reverse;
            const auto& [cip, cport, sip, sport] = f.client_key;
            f.connection.client = endpoint(cip, cport);
            f.connection.server = endpoint(sip, sport);
            f.connection.first_packet = p.number;
            flows.push_back(std::move(f));
            index[key] = index[reverse] = flows.size() - 1;
            it = index.find(key);
        }
        Flow& f = flows[it->second];
        const bool from_client = key == f.client_key;
        deliver(f, from_client ? f.from_client : f.from_server, from_client, *seg);
    }
    std::vector<TcpConnection> out;
    for (Flow& f : flows) {
        for (auto [stream, who] : {std::pair{&f.from_client, "client"}, std::pair{&f.from_server, "server"}}) {
            if (!stream->waiting.empty()) {
                std::size_t bytes = 0;
                for (const auto& [seq, data] : stream->waiting) bytes += data.size();
                f.connection.notes.push_back(std::string("the ") + who + "'s stream has a hole (a segment the capture lost): " +
                                             std::to_string(bytes) + " bytes after it are left out");
            }
        }
        out.push_back(std::move(f.connection));
    }
    return out;
}

std::vector<Packet> tcp_conversation(const std::vector<Chunk>& chunks, const Bytes& client_ip, std::uint16_t client_port,
                                     const Bytes& server_ip, std::uint16_t server_port, std::uint64_t start_ns) {
    constexpr std::uint8_t fin = 0x01, syn = 0x02, psh = 0x08, ack = 0x10;
    constexpr std::size_t mss = 1400;
    std::vector<Packet> out;
    std::uint64_t t = start_ns;
    std::uint32_t cseq = 1000, sseq = 5000;
    auto send = [&](bool from_client, std::uint8_t flags, ByteView payload) {
        t += 1000000;  // 1 ms apart
        if (from_client) {
            out.push_back(frame(client_ip, client_port, server_ip, server_port, cseq, sseq, flags, payload, t));
            cseq += static_cast<std::uint32_t>(payload.size()) + ((flags & (syn | fin)) ? 1 : 0);
        } else {
            out.push_back(frame(server_ip, server_port, client_ip, client_port, sseq, cseq, flags, payload, t));
            sseq += static_cast<std::uint32_t>(payload.size()) + ((flags & (syn | fin)) ? 1 : 0);
        }
    };
    send(true, syn, {});
    send(false, syn | ack, {});
    send(true, ack, {});
    for (const Chunk& c : chunks) {
        for (std::size_t at = 0; at < c.bytes.size(); at += mss) {
            send(c.from_client, psh | ack, ByteView(c.bytes).subspan(at, std::min(mss, c.bytes.size() - at)));
        }
    }
    send(true, fin | ack, {});
    send(false, fin | ack, {});
    send(true, ack, {});
    for (Packet& p : out) p.number = 0;
    return out;
}

}  // namespace lucid::tools::capture
