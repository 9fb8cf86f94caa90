// Hello extensions, RFC 5246 §7.4.1.4, read generically and then by type.
//
//   struct {
//       ExtensionType extension_type;
//       opaque extension_data<0..2^16-1>;
//   } Extension;
//
//   Extension extensions<0..2^16-1>;    (at the end of ClientHello and ServerHello, optional)
//
// The generic reader rejects a second extension of the same type ("There MUST NOT be more than one
// extension of the same type", §7.4.1.4) and keeps unknown ones (the engines ignore them). The
// extensions lucidtls understands each have their own file in handshake/extensions/, whose
// functions read and write extension_data:
//
//   server_name (0)                 RFC 6066 §3    server_name.cpp
//   supported_groups (10)           RFC 8422 §5.1.1, RFC 7919 §2   supported_groups.cpp
//   ec_point_formats (11)           RFC 8422 §5.1.2   ec_point_formats.cpp
//   signature_algorithms (13)       RFC 5246 §7.4.1.4.1   signature_algorithms.cpp
//   application_layer_protocol_negotiation (16)  RFC 7301 §3.1   alpn.cpp
//   extended_master_secret (23)     RFC 7627 §5.1  empty_extensions.cpp
//   encrypt_then_mac (22)           RFC 7366 §2    empty_extensions.cpp (negotiated: encrypt_then_mac.h)
//   session_ticket (35)             RFC 5077 §3.2  session_ticket.cpp
//   renegotiation_info (65281)      RFC 5746 §3.2  renegotiation_info.cpp
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crypto/bytes.h"
#include "handshake/field_reader.h"
#include "record/codec.h"

namespace lucid::handshake {

enum class ExtensionType : std::uint16_t {
    server_name = 0,
    max_fragment_length = 1,
    status_request = 5,
    supported_groups = 10,
    ec_point_formats = 11,
    signature_algorithms = 13,
    application_layer_protocol_negotiation = 16,
    signed_certificate_timestamp = 18,
    padding = 21,
    encrypt_then_mac = 22,
    extended_master_secret = 23,
    session_ticket = 35,
    supported_versions = 43,
    renegotiation_info = 0xFF01,
};

// "server_name"; unknown values print as "unknown(0x1234)".
std::string extension_name(std::uint16_t type);

struct Extension {
    std::uint16_t type = 0;
    Bytes data;  // extension_data
};

// Which hello the extensions belong to: some extensions have a different form in each.
enum class HelloKind { client_hello, server_hello };

// The extensions of one hello, in wire order, with the ones lucidtls knows also decoded.
struct HelloExtensions {
    std::vector<Extension> list;

    // Decoded values (set only when the extension is present):
    std::optional<std::string> server_name;               // ClientHello: the host_name
    bool server_name_acknowledged = false;                 // ServerHello: empty server_name
    std::optional<std::vector<std::uint16_t>> signature_algorithms;  // (hash << 8) | signature
    std::optional<Bytes> renegotiation_info;               // renegotiated_connection
    std::optional<std::vector<std::string>> alpn;          // ServerHello: exactly one
    std::optional<std::vector<std::uint16_t>> supported_groups;  // ClientHello: NamedGroup values
    std::optional<std::vector<std::uint8_t>> ec_point_formats;   // ECPointFormat values
    bool extended_master_secret = false;
    bool encrypt_then_mac = false;
    std::optional<Bytes> session_ticket;                   // RFC 5077 §3.2: empty = none to offer / ack

    bool has(ExtensionType type) const;
    const Extension* find(ExtensionType type) const;
    void add(ExtensionType type, Bytes data) { list.push_back({static_cast<std::uint16_t>(type), std::move(data)}); }
};

// Reads the optional extensions block at the end of a hello. An absent block (the hello ends
// before it) is an empty list. Throws TlsError(decode_error) for a malformed block, a duplicate
// type, or a malformed known extension; (illegal_parameter) for a bad value in one.
HelloExtensions read_extensions(FieldReader& r, HelloKind kind);
// Writes the block, or nothing at all if there are no extensions (RFC 5246 §7.4.1.2 allows both;
// a hello without extensions is then byte-identical to a pre-extension one).
void write_extensions(record::Writer& w, const HelloExtensions& extensions);

// --- one function pair per extension, in handshake/extensions/<name>.cpp ---

// RFC 6066 §3. ClientHello: a ServerNameList holding one host_name. ServerHello: empty.
Bytes encode_server_name(const std::string& host_name);
std::optional<std::string> read_server_name(FieldReader& r, HelloKind kind);  // nullopt in a ServerHello
// RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in HostName."
bool is_ip_literal(const std::string& name);
// RFC 6066 §3 with RFC 1035 §2.3.4: why `name` is not an acceptable HostName (empty, a zero byte,
// a trailing dot, an IP literal, a label of 0 or more than 63 bytes, more than 253 bytes, a byte
// other than a letter, digit, '-' or '_'), or nullopt if it is one.
std::optional<std::string> host_name_problem(std::string_view name);

// RFC 8422 §5.1.1 and RFC 7919 §2: NamedGroup named_group_list<2..2^16-1>, the client's groups
// for (EC)DHE in its order of preference. lucidtls implements one: x25519 (RFC 8422 §5.1.1,
// RFC 7748). It lists no ffdhe group: RFC 7919 negotiation of DHE groups is not implemented, and
// without ffdhe values in the list a server may still pick DHE with a group of its choice (§4).
inline constexpr std::uint16_t named_group_x25519 = 29;
Bytes encode_supported_groups(const std::vector<std::uint16_t>& groups);
std::vector<std::uint16_t> read_supported_groups(FieldReader& r);
std::string named_group_name(std::uint16_t group);  // "x25519 (29)", "secp256r1 (23)", "unknown (0x1234)"
// What lucidtls's client offers: x25519.
std::vector<std::uint16_t> default_supported_groups();

// RFC 8422 §5.1.2: ECPointFormat ec_point_format_list<1..2^8-1>; uncompressed(0) is the one every
// implementation MUST support (X25519 has its own encoding, but the extension is still sent).
inline constexpr std::uint8_t ec_point_format_uncompressed = 0;
Bytes encode_ec_point_formats(const std::vector<std::uint8_t>& formats);
std::vector<std::uint8_t> read_ec_point_formats(FieldReader& r);

// RFC 5246 §7.4.1.4.1: SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>.
Bytes encode_signature_algorithms(const std::vector<std::uint16_t>& algorithms);
std::vector<std::uint16_t> read_signature_algorithms(FieldReader& r);
std::string signature_algorithm_name(std::uint16_t algorithm);  // "rsa_pkcs1_sha256 (0x0401)"
// What lucidtls's client offers: RSA PKCS#1 v1.5 with SHA-256, SHA-384, SHA-512, SHA-1.
std::vector<std::uint16_t> default_signature_algorithms();

// RFC 5746 §3.2: opaque renegotiated_connection<0..255>.
Bytes encode_renegotiation_info(ByteView renegotiated_connection);
Bytes read_renegotiation_info(FieldReader& r);

// RFC 7301 §3.1: ProtocolName protocol_name_list<2..2^16-1>, ProtocolName = opaque<1..2^8-1>.
// In a ServerHello the list MUST hold exactly one name.
Bytes encode_alpn(const std::vector<std::string>& protocols);
std::vector<std::string> read_alpn(FieldReader& r, HelloKind kind);

// RFC 5077 §3.2: the SessionTicket extension's data is the ticket itself (no length prefix);
// empty in a ServerHello (decode_error otherwise).
Bytes read_session_ticket(FieldReader& r, HelloKind kind);

// RFC 7627 §5.1 and RFC 7366 §2: extension_data is empty.
void read_empty_extension(FieldReader& r, std::string_view name);

}  // namespace lucid::handshake
