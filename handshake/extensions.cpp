// RFC 5246 §7.4.1.4: the generic extension list. Each known extension's data is read by its own
// function (handshake/extensions/), inside the tree node of that extension.
#include "handshake/extensions.h"

#include <array>
#include <cstdio>

#include "record/tls_error.h"

namespace lucid::handshake {

namespace {

struct ExtensionName {
    ExtensionType type;
    const char* name;
};

constexpr std::array<ExtensionName, 14> extension_names = {{
    {ExtensionType::server_name, "server_name"},
    {ExtensionType::max_fragment_length, "max_fragment_length"},
    {ExtensionType::status_request, "status_request"},
    {ExtensionType::supported_groups, "supported_groups"},
    {ExtensionType::ec_point_formats, "ec_point_formats"},
    {ExtensionType::signature_algorithms, "signature_algorithms"},
    {ExtensionType::application_layer_protocol_negotiation, "application_layer_protocol_negotiation"},
    {ExtensionType::signed_certificate_timestamp, "signed_certificate_timestamp"},
    {ExtensionType::padding, "padding"},
    {ExtensionType::encrypt_then_mac, "encrypt_then_mac"},
    {ExtensionType::extended_master_secret, "extended_master_secret"},
    {ExtensionType::session_ticket, "session_ticket"},
    {ExtensionType::supported_versions, "supported_versions"},
    {ExtensionType::renegotiation_info, "renegotiation_info"},
}};

// Reads one known extension's data into the decoded fields of `out`; unknown ones are only kept.
void read_known_extension(std::uint16_t type, FieldReader& data, HelloKind kind, HelloExtensions& out) {
    switch (static_cast<ExtensionType>(type)) {
        case ExtensionType::server_name:
            out.server_name = read_server_name(data, kind);
            if (kind == HelloKind::server_hello) out.server_name_acknowledged = true;
            break;
        case ExtensionType::supported_groups:
            out.supported_groups = read_supported_groups(data);
            break;
        case ExtensionType::ec_point_formats:
            out.ec_point_formats = read_ec_point_formats(data);
            break;
        case ExtensionType::signature_algorithms:
            out.signature_algorithms = read_signature_algorithms(data);
            break;
        case ExtensionType::application_layer_protocol_negotiation:
            out.alpn = read_alpn(data, kind);
            break;
        case ExtensionType::renegotiation_info:
            out.renegotiation_info = read_renegotiation_info(data);
            break;
        case ExtensionType::extended_master_secret:
            read_empty_extension(data, "extended_master_secret");
            out.extended_master_secret = true;
            break;
        case ExtensionType::session_ticket:
            out.session_ticket = read_session_ticket(data, kind);
            break;
        case ExtensionType::encrypt_then_mac:
            read_empty_extension(data, "encrypt_then_mac");
            out.encrypt_then_mac = true;
            break;
        default:
            // Unknown to lucidtls: "ignored" (§7.4.1.4); the bytes stay in the tree as one field.
            if (!data.empty()) data.bytes(data.remaining(), "data");
            data.set_note("not interpreted by lucidtls: ignored");
            break;
    }
}

}  // namespace

std::string extension_name(std::uint16_t type) {
    for (const ExtensionName& row : extension_names) {
        if (static_cast<std::uint16_t>(row.type) == type) return row.name;
    }
    char buf[24];
    std::snprintf(buf, sizeof buf, "unknown(0x%04x)", static_cast<unsigned>(type));
    return buf;
}

bool HelloExtensions::has(ExtensionType type) const { return find(type) != nullptr; }

const Extension* HelloExtensions::find(ExtensionType type) const {
    for (const Extension& e : list) {
        if (e.type == static_cast<std::uint16_t>(type)) return &e;
    }
    return nullptr;
}

// RFC 5246 §7.4.1.2: "the presence of extensions can be detected by determining whether there
// are bytes following the compression_methods at the end of the ClientHello."
HelloExtensions read_extensions(FieldReader& r, HelloKind kind) {
    HelloExtensions out;
    if (r.empty()) return out;
    r.vec(2, 0, 0xFFFF, "extensions", [&](FieldReader& list) {
        std::size_t index = 0;
        while (!list.empty()) {
            list.group("[" + std::to_string(index++) + "]", [&](FieldReader& ext) {
                const std::uint16_t type = ext.u16("extension_type", [](std::uint16_t t) {
                    char hex[16];
                    std::snprintf(hex, sizeof hex, " (0x%04x)", static_cast<unsigned>(t));
                    return extension_name(t) + hex;
                });
                ext.set_value(extension_name(type));
                // "There MUST NOT be more than one extension of the same type." (§7.4.1.4)
                if (out.find(static_cast<ExtensionType>(type)) != nullptr) {
                    throw record::TlsError(record::AlertDescription::decode_error,
                                           ext.what() + ": extension " + extension_name(type) +
                                               " appears twice (RFC 5246 §7.4.1.4)");
                }
                const ByteView data = ext.vec(2, 0, 0xFFFF, "extension_data", [&](FieldReader& d) {
                    read_known_extension(type, d, kind, out);
                });
                out.list.push_back({type, Bytes(data.begin(), data.end())});
            });
        }
    });
    return out;
}

void write_extensions(record::Writer& w, const HelloExtensions& extensions) {
    if (extensions.list.empty()) return;
    w.prefixed(2, [&](record::Writer& list) {
        for (const Extension& e : extensions.list) {
            list.u16(e.type);
            list.vec(2, e.data);
        }
    });
}

}  // namespace lucid::handshake
