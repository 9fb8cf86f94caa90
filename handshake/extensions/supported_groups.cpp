// supported_groups (formerly elliptic_curves), RFC 8422 §5.1.1 and RFC 7919 §2.
//
//   enum {
//       deprecated(1..22),
//       secp256r1 (23), secp384r1 (24), secp521r1 (25),
//       x25519(29), x448(30),
//       reserved (0xFE00..0xFEFF),
//       deprecated(0xFF01..0xFF02),
//       (0xFFFF)
//   } NamedCurve;                     (RFC 7919 §2 adds ffdhe2048(256) .. ffdhe8192(260))
//
//   struct {
//       NamedCurve named_curve_list<2..2^16-1>
//   } NamedCurveList;
//
// Sent by the client only. RFC 8422 §5.1: a server "MUST NOT negotiate the use of an ECC cipher
// suite unless [it] can complete the handshake while respecting the choice of curves specified by
// the client": lucidtls's server picks an ECDHE suite only if x25519 is in this list.
#include <cstdio>

#include "handshake/extensions.h"

namespace lucid::handshake {

std::string named_group_name(std::uint16_t group) {
    const char* name = nullptr;
    switch (group) {
        case 23: name = "secp256r1"; break;
        case 24: name = "secp384r1"; break;
        case 25: name = "secp521r1"; break;
        case 29: name = "x25519"; break;
        case 30: name = "x448"; break;
        case 256: name = "ffdhe2048"; break;
        case 257: name = "ffdhe3072"; break;
        case 258: name = "ffdhe4096"; break;
        case 259: name = "ffdhe6144"; break;
        case 260: name = "ffdhe8192"; break;
        default: break;
    }
    if (name != nullptr) return std::string(name) + " (" + std::to_string(group) + ")";
    char hex[24];
    std::snprintf(hex, sizeof hex, "unknown (0x%04x)", static_cast<unsigned>(group));
    return hex;
}

std::vector<std::uint16_t> default_supported_groups() { return {named_group_x25519}; }

Bytes encode_supported_groups(const std::vector<std::uint16_t>& groups) {
    record::Writer w;
    w.prefixed(2, [&](record::Writer& list) {
        for (std::uint16_t g : groups) list.u16(g);
    });
    return w.take();
}

// RFC 8422 §5.1.1
std::vector<std::uint16_t> read_supported_groups(FieldReader& r) {
    std::vector<std::uint16_t> out;
    r.vec(2, 2, 0xFFFF, "named_group_list", [&](FieldReader& list) {
        while (!list.empty()) out.push_back(list.u16("NamedGroup", named_group_name));
    });
    return out;
}

}  // namespace lucid::handshake
