#include "tools/capture/pcap.h"

#include "crypto/error.h"

namespace lucid::tools::capture {

namespace {

// Reads integers in the file's byte order, checking every length against what is left.
class Cursor {
public:
    Cursor(ByteView data, bool big_endian) : data_(data), big_(big_endian) {}
    std::size_t offset() const { return at_; }
    std::size_t remaining() const { return data_.size() - at_; }
    void need(std::size_t n, const std::string& what) const {
        if (n > remaining()) {
            throw Error("truncated capture: " + what + " at offset " + std::to_string(at_) + " needs " + std::to_string(n) +
                        " bytes, " + std::to_string(remaining()) + " remain");
        }
    }
    std::uint32_t u32(const std::string& what) {
        need(4, what);
        const ByteView b = data_.subspan(at_, 4);
        at_ += 4;
        return big_ ? (std::uint32_t{b[0]} << 24 | std::uint32_t{b[1]} << 16 | std::uint32_t{b[2]} << 8 | b[3])
                    : (std::uint32_t{b[3]} << 24 | std::uint32_t{b[2]} << 16 | std::uint32_t{b[1]} << 8 | b[0]);
    }
    std::uint16_t u16(const std::string& what) {
        need(2, what);
        const ByteView b = data_.subspan(at_, 2);
        at_ += 2;
        return static_cast<std::uint16_t>(big_ ? (b[0] << 8 | b[1]) : (b[1] << 8 | b[0]));
    }
    ByteView bytes(std::size_t n, const std::string& what) {
        need(n, what);
        const ByteView b = data_.subspan(at_, n);
        at_ += n;
        return b;
    }
    void skip(std::size_t n, const std::string& what) { bytes(n, what); }
    void set_big_endian(bool big) { big_ = big; }

private:
    ByteView data_;
    bool big_;
    std::size_t at_ = 0;
};

std::uint32_t magic_of(ByteView file, bool big) {
    return big ? (std::uint32_t{file[0]} << 24 | std::uint32_t{file[1]} << 16 | std::uint32_t{file[2]} << 8 | file[3])
               : (std::uint32_t{file[3]} << 24 | std::uint32_t{file[2]} << 16 | std::uint32_t{file[1]} << 8 | file[0]);
}

constexpr std::uint32_t pcap_magic_us = 0xa1b2c3d4, pcap_magic_ns = 0xa1b23c4d;
constexpr std::uint32_t pcapng_shb = 0x0a0d0d0a, pcapng_byte_order = 0x1a2b3c4d;
constexpr std::size_t max_packet = 256 * 1024;  // larger than any snaplen tools use

std::vector<Packet> read_pcap(ByteView file) {
    const bool big = magic_of(file, true) == pcap_magic_us || magic_of(file, true) == pcap_magic_ns;
    const bool nanoseconds = magic_of(file, big) == pcap_magic_ns;
    Cursor c(file, big);
    c.skip(4, "magic");
    const std::uint16_t major = c.u16("version");
    c.u16("version");
    if (major != 2) throw Error("pcap version " + std::to_string(major) + " (only 2 exists)");
    c.skip(8, "thiszone and sigfigs");
    c.u32("snaplen");
    const std::uint32_t linktype = c.u32("link type") & 0x0fffffff;
    std::vector<Packet> out;
    while (c.remaining() > 0) {
        const std::size_t at = c.offset();
        Packet p;
        p.number = out.size() + 1;
        p.linktype = linktype;
        const std::uint64_t seconds = c.u32("packet record header");
        const std::uint64_t fraction = c.u32("packet record header");
        const std::uint32_t captured = c.u32("packet record header");
        p.original_length = c.u32("packet record header");
        p.time_ns = seconds * 1000000000u + (nanoseconds ? fraction : fraction * 1000u);
        if (captured > max_packet) {
            throw Error("corrupted capture: packet " + std::to_string(p.number) + " at offset " + std::to_string(at) +
                        " claims " + std::to_string(captured) + " bytes");
        }
        const ByteView data = c.bytes(captured, "packet " + std::to_string(p.number));
        p.data.assign(data.begin(), data.end());
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<Packet> read_pcapng(ByteView file) {
    Cursor c(file, false);
    std::vector<std::uint32_t> interfaces;
    std::vector<Packet> out;
    bool big = false;
    while (c.remaining() > 0) {
        const std::size_t at = c.offset();
        c.need(12, "block header");
        std::uint32_t type = c.u32("block type");
        if (type == pcapng_shb) {
            // The byte order is in the block itself, after its length.
            const ByteView bom = file.subspan(at + 8, 4);
            big = magic_of(bom, true) == pcapng_byte_order;
            if (!big && magic_of(bom, false) != pcapng_byte_order) {
                throw Error("corrupted capture: section header at offset " + std::to_string(at) + " has no byte-order magic");
            }
            c.set_big_endian(big);
            interfaces.clear();
        }
        const std::uint32_t length = c.u32("block length");
        if (length < 12 || length % 4 != 0) {
            throw Error("corrupted capture: block at offset " + std::to_string(at) + " has length " + std::to_string(length));
        }
        const ByteView body = c.bytes(length - 12, "block body");
        if (c.u32("block trailer") != length) {
            throw Error("corrupted capture: block at offset " + std::to_string(at) + " ends with a different length");
        }
        Cursor b(body, big);
        if (type == 1) {  // Interface Description Block
            interfaces.push_back(b.u16("link type"));
        } else if (type == 6 || type == 3) {  // Enhanced / Simple Packet Block
            Packet p;
            p.number = out.size() + 1;
            std::size_t captured = 0;
            std::uint32_t interface = 0;
            if (type == 6) {
                interface = b.u32("interface id");
                const std::uint64_t high = b.u32("timestamp");
                const std::uint64_t low = b.u32("timestamp");
                p.time_ns = (high << 32 | low) * 1000u;  // the default resolution: microseconds
                captured = b.u32("captured length");
                p.original_length = b.u32("original length");
            } else {
                p.original_length = b.u32("original length");
                captured = std::min<std::size_t>(p.original_length, b.remaining());
            }
            if (interface >= interfaces.size()) {
                throw Error("corrupted capture: packet " + std::to_string(p.number) + " names interface " +
                            std::to_string(interface) + ", which no Interface Description Block defined");
            }
            p.linktype = interfaces[interface];
            const ByteView data = b.bytes(captured, "packet " + std::to_string(p.number));
            p.data.assign(data.begin(), data.end());
            out.push_back(std::move(p));
        }
    }
    return out;
}

void put32(Bytes& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

}  // namespace

std::vector<Packet> read_capture(ByteView file) {
    if (file.size() < 4) throw Error("not a capture: " + std::to_string(file.size()) + " bytes");
    const std::uint32_t le = magic_of(file, false), be = magic_of(file, true);
    if (le == pcapng_shb) return read_pcapng(file);
    if (le == pcap_magic_us || be == pcap_magic_us || le == pcap_magic_ns || be == pcap_magic_ns) {
        if (file.size() < 24) throw Error("truncated capture: the pcap header needs 24 bytes, the file has " + std::to_string(file.size()));
        return read_pcap(file);
    }
    throw Error("not a pcap or pcapng file (it starts with neither magic number)");
}

Bytes write_pcap(const std::vector<Packet>& packets) {
    Bytes out;
    put32(out, pcap_magic_us);
    out.insert(out.end(), {2, 0, 4, 0});  // version 2.4
    put32(out, 0);
    put32(out, 0);
    put32(out, 65535);
    put32(out, linktype_ethernet);
    for (const Packet& p : packets) {
        put32(out, static_cast<std::uint32_t>(p.time_ns / 1000000000u));
        put32(out, static_cast<std::uint32_t>(p.time_ns / 1000u % 1000000u));
        put32(out, static_cast<std::uint32_t>(p.data.size()));
        put32(out, static_cast<std::uint32_t>(p.data.size()));
        append(out, p.data);
    }
    return out;
}

}  // namespace lucid::tools::capture
