// ec_point_formats, RFC 8422 §5.1.2.
//
//   enum {
//       uncompressed (0),
//       deprecated (1..2),
//       reserved (248..255)
//   } ECPointFormat;
//
//   struct {
//       ECPointFormat ec_point_format_list<1..2^8-1>
//   } ECPointFormatList;
//
// Both hellos: the client says which point encodings it parses, and "A server that selects an
// ECC cipher suite in response to a ClientHello message including a Supported Point Formats
// Extension appends this extension ... to its ServerHello message". Only uncompressed is left
// (the compressed ones are deprecated), and X25519 points have their own 32-byte encoding anyway
// (RFC 8422 §5.11); the extension is still sent because deployed peers expect it.
#include "handshake/extensions.h"

namespace lucid::handshake {

Bytes encode_ec_point_formats(const std::vector<std::uint8_t>& formats) {
    record::Writer w;
    w.prefixed(1, [&](record::Writer& list) {
        for (std::uint8_t f : formats) list.u8(f);
    });
    return w.take();
}

// RFC 8422 §5.1.2
std::vector<std::uint8_t> read_ec_point_formats(FieldReader& r) {
    std::vector<std::uint8_t> out;
    r.vec(1, 1, 255, "ec_point_format_list", [&](FieldReader& list) {
        while (!list.empty()) {
            out.push_back(list.u8("ECPointFormat", [](std::uint8_t f) {
                return f == ec_point_format_uncompressed ? std::string("uncompressed (0)")
                       : f <= 2                          ? "deprecated (" + std::to_string(f) + ")"
                                                         : "other (" + std::to_string(f) + ")";
            }));
        }
    });
    return out;
}

}  // namespace lucid::handshake
