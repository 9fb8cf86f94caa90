// Records, RFC 5246 §6.2: the unit in which TLS carries everything on the wire.
//
// How it is used: these are the names and limits the rest of record/ and handshake/ speak in.
// A Record is what RecordLayer::next_record() hands up (fragment already decrypted and checked)
// and what the handshake engine reasons about (type, version). Wire enums keep unknown values:
// content_type_name(ContentType{99}) prints "unknown(0x63)".
//
//   struct {
//       ContentType type;                  1 byte:  20, 21, 22 or 23
//       ProtocolVersion version;           2 bytes: {3,1} TLS 1.0, {3,2} TLS 1.1, {3,3} TLS 1.2
//       uint16 length;                     2 bytes: <= 2^14 (TLSPlaintext), <= 2^14 + 2048 (TLSCiphertext)
//       opaque fragment[TLSPlaintext.length];
//   } TLSPlaintext;                        (RFC 5246 §6.2.1; TLSCiphertext §6.2.3 has the same header)
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>

#include "crypto/bytes.h"

namespace lucid::record {

// RFC 5246 §6.2.1
enum class ContentType : std::uint8_t {
    change_cipher_spec = 20,
    alert = 21,
    handshake = 22,
    application_data = 23,
};

// "handshake"; an unknown value prints as "unknown(0x18)".
std::string content_type_name(ContentType type);
bool is_known_content_type(ContentType type);

// RFC 5246 §6.2.1, §A.1: struct { uint8 major; uint8 minor; } ProtocolVersion;
struct ProtocolVersion {
    std::uint8_t major = 3;
    std::uint8_t minor = 3;

    friend constexpr bool operator==(ProtocolVersion, ProtocolVersion) = default;
    friend constexpr auto operator<=>(ProtocolVersion a, ProtocolVersion b) {
        return (a.major << 8 | a.minor) <=> (b.major << 8 | b.minor);
    }
};

inline constexpr ProtocolVersion ssl30{3, 0};  // only ever seen in old ClientHello record headers
inline constexpr ProtocolVersion tls10{3, 1};
inline constexpr ProtocolVersion tls11{3, 2};
inline constexpr ProtocolVersion tls12{3, 3};

// "TLS 1.2"; anything else prints as "unknown(0x0304)".
std::string version_name(ProtocolVersion version);

// RFC 5246 §6.2.1-§6.2.3: the length limits of the three record forms.
inline constexpr std::size_t record_header_length = 5;
inline constexpr std::size_t max_plaintext_length = 1u << 14;            // TLSPlaintext, 16384
inline constexpr std::size_t max_compressed_length = (1u << 14) + 1024;  // TLSCompressed
inline constexpr std::size_t max_ciphertext_length = (1u << 14) + 2048;  // TLSCiphertext, 18432
// A peer that sends more than these gets record_overflow: "The length MUST NOT exceed 2^14 + 2048.
// ... An implementation receiving a record longer than this MUST generate a record_overflow alert."

// One record with its fragment in the clear (decrypted, MAC checked).
struct Record {
    ContentType type = ContentType::handshake;
    ProtocolVersion version = tls12;
    Bytes fragment;  // plaintext
};

// The same, as RecordLayer::next_record_view() hands it up without copying: the fragment is a view
// into the record layer's own buffers, valid until the next call to feed() or next_record_view().
struct RecordView {
    ContentType type = ContentType::handshake;
    ProtocolVersion version = tls12;
    ByteView fragment;  // plaintext
};

// The 5-byte header, parsed (RFC 5246 §6.2.1). Parsing checks nothing but the length of the input.
struct RecordHeader {
    ContentType type = ContentType::handshake;
    ProtocolVersion version = tls12;
    std::uint16_t length = 0;
};

// Throws TlsError(decode_error) if header holds fewer than 5 bytes.
RecordHeader parse_record_header(ByteView header);
// The 5 header bytes followed by the fragment, as sent on the wire.
Bytes encode_record(ContentType type, ProtocolVersion version, ByteView fragment);
// Those 5 header bytes, written to the start of out (a record built in place); throws
// lucid::Error if out is shorter than 5 bytes or length does not fit 16 bits.
void write_record_header(MutableByteView out, ContentType type, ProtocolVersion version, std::size_t length);

}  // namespace lucid::record
