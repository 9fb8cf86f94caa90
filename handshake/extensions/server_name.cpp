// server_name, RFC 6066 §3.
//
//   struct {
//       NameType name_type;
//       select (name_type) {
//           case host_name: HostName;
//       } name;
//   } ServerName;
//
//   enum { host_name(0), (255) } NameType;
//   opaque HostName<1..2^16-1>;
//
//   struct {
//       ServerName server_name_list<1..2^16-1>
//   } ServerNameList;
//
// "A server that receives a client hello containing the "server_name" extension MAY use the
// information contained in the extension to guide its selection of an appropriate certificate
// ... In this event, the server SHALL include an extension of type "server_name" in the
// (extended) server hello. The "extension_data" field of this extension SHALL be empty."
#include <algorithm>
#include <cctype>

#include "handshake/extensions.h"
#include "record/tls_error.h"

namespace lucid::handshake {

namespace {
constexpr std::uint8_t name_type_host_name = 0;
}

// RFC 6066 §3: "HostName contains the fully qualified DNS hostname of the server, as understood by
// the client. The hostname is represented as a byte string using ASCII encoding without a trailing
// dot." and "Literal IPv4 and IPv6 addresses are not permitted in HostName." With RFC 1035 §2.3.4
// (labels of 1 to 63 bytes, a name of at most 253 without the dot) and RFC 952/1123 letters,
// digits and hyphens (plus '_', which real names carry; IDNs arrive as ASCII A-labels).
std::optional<std::string> host_name_problem(std::string_view name) {
    if (name.empty()) return "an empty host_name";
    if (std::find(name.begin(), name.end(), '\0') != name.end()) return "host_name contains a zero byte";
    if (name.back() == '.') return "host_name \"" + std::string(name) + "\" ends with a dot (RFC 6066 §3: \"without a trailing dot\")";
    if (name.size() > 253) return "host_name is " + std::to_string(name.size()) + " bytes long, more than 253 (RFC 1035 §2.3.4)";
    if (is_ip_literal(std::string(name))) return "host_name \"" + std::string(name) + "\" is an IP address literal (RFC 6066 §3)";
    std::size_t label = 0;
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '.') {
            if (label == 0) return "host_name \"" + std::string(name) + "\" has an empty label";
            label = 0;
            continue;
        }
        if (!(std::isalnum(u) || c == '-' || c == '_') || u >= 0x80) {
            return "host_name contains the byte 0x" + std::string(1, "0123456789abcdef"[u >> 4]) +
                   std::string(1, "0123456789abcdef"[u & 15]) + ", not a letter, digit, '-' or '_' (RFC 6066 §3: ASCII)";
        }
        if (++label > 63) return "host_name has a label longer than 63 bytes (RFC 1035 §2.3.4)";
    }
    return std::nullopt;
}

bool is_ip_literal(const std::string& name) {
    if (name.find(':') != std::string::npos) return true;  // IPv6
    int dots = 0;
    for (char c : name) {
        if (c == '.') {
            ++dots;
        } else if (!std::isdigit(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return dots == 3;
}

Bytes encode_server_name(const std::string& host_name) {
    record::Writer w;
    w.prefixed(2, [&](record::Writer& list) {
        list.u8(name_type_host_name);
        list.vec(2, as_bytes(host_name));
    });
    return w.take();
}

std::optional<std::string> read_server_name(FieldReader& r, HelloKind kind) {
    if (kind == HelloKind::server_hello) {
        // The server's acknowledgement: "The "extension_data" field ... SHALL be empty."
        r.set_note("empty: the server acknowledges the name (RFC 6066 §3)");
        if (!r.empty()) {
            throw record::TlsError(record::AlertDescription::decode_error,
                                   r.what() + ": server_name in ServerHello must be empty (RFC 6066 §3)");
        }
        return std::nullopt;
    }
    std::optional<std::string> host;
    r.vec(2, 1, 0xFFFF, "server_name_list", [&](FieldReader& list) {
        std::size_t index = 0;
        while (!list.empty()) {
            list.group("[" + std::to_string(index++) + "]", [&](FieldReader& entry) {
                const std::uint8_t type = entry.u8("name_type", [](std::uint8_t t) {
                    return t == name_type_host_name ? std::string("host_name (0)") : "unknown (" + std::to_string(t) + ")";
                });
                // Every NameType defined so far has the HostName shape, so an unknown one can
                // still be stepped over (as Go and OpenSSL do).
                const ByteView name = entry.vec_bytes(2, 1, 0xFFFF, "host_name", [](ByteView v) {
                    return "\"" + std::string(v.begin(), v.end()) + "\"";
                });
                // RFC 6066 §3 allows new name types; one lucidtls does not know is skipped.
                if (type != name_type_host_name) {
                    entry.set_note("an unknown name_type: skipped");
                    return;
                }
                // "The ServerNameList MUST NOT contain more than one name of the same name_type."
                if (host) {
                    throw record::TlsError(record::AlertDescription::illegal_parameter,
                                           entry.what() + ": two host_name entries in server_name (RFC 6066 §3)");
                }
                const std::string text(name.begin(), name.end());
                if (const std::optional<std::string> problem = host_name_problem(text)) {
                    throw record::TlsError(record::AlertDescription::illegal_parameter, entry.what() + ": " + *problem);
                }
                host = text;
                entry.set_value(*host);
            });
        }
    });
    return host;
}

}  // namespace lucid::handshake
