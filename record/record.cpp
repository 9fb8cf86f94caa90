#include "record/record.h"

#include <cstdio>

#include "crypto/error.h"
#include "record/codec.h"

namespace lucid::record {

std::string content_type_name(ContentType type) {
    switch (type) {
        case ContentType::change_cipher_spec: return "change_cipher_spec";
        case ContentType::alert: return "alert";
        case ContentType::handshake: return "handshake";
        case ContentType::application_data: return "application_data";
    }
    char buf[24];
    std::snprintf(buf, sizeof buf, "unknown(0x%02x)", static_cast<unsigned>(type));
    return buf;
}

bool is_known_content_type(ContentType type) {
    return type == ContentType::change_cipher_spec || type == ContentType::alert ||
           type == ContentType::handshake || type == ContentType::application_data;
}

std::string version_name(ProtocolVersion version) {
    if (version == ssl30) return "SSL 3.0";
    if (version == tls10) return "TLS 1.0";
    if (version == tls11) return "TLS 1.1";
    if (version == tls12) return "TLS 1.2";
    char buf[24];
    std::snprintf(buf, sizeof buf, "unknown(0x%02x%02x)", static_cast<unsigned>(version.major),
                  static_cast<unsigned>(version.minor));
    return buf;
}

// RFC 5246 §6.2.1
RecordHeader parse_record_header(ByteView header) {
    Reader r(header, "record header");
    RecordHeader h;
    h.type = static_cast<ContentType>(r.u8("type"));
    h.version.major = r.u8("version.major");
    h.version.minor = r.u8("version.minor");
    h.length = r.u16("length");
    return h;
}

// RFC 5246 §6.2.1
Bytes encode_record(ContentType type, ProtocolVersion version, ByteView fragment) {
    Writer w;
    w.u8(static_cast<std::uint8_t>(type));
    w.u8(version.major);
    w.u8(version.minor);
    w.vec(2, fragment);
    return w.take();
}

// RFC 5246 §6.2.1: the same 5 bytes, into a record being built in place.
void write_record_header(MutableByteView out, ContentType type, ProtocolVersion version, std::size_t length) {
    if (out.size() < record_header_length || length > 0xffff) throw Error("write_record_header: no room, or too long");
    out[0] = static_cast<std::uint8_t>(type);
    out[1] = version.major;
    out[2] = version.minor;
    out[3] = static_cast<std::uint8_t>(length >> 8);  // uint16, big-endian
    out[4] = static_cast<std::uint8_t>(length);
}

}  // namespace lucid::record
