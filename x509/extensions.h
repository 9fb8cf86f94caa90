// Certificate extensions (RFC 5280 §4.2) that lucid reads and acts on.
//
//   Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE,
//                            extnValue OCTET STRING }   -- the DER of the extension's own type
//
// Understood: basicConstraints, keyUsage, extKeyUsage, subjectAltName (dNSName, iPAddress; other
// name forms are kept as text), subjectKeyIdentifier, authorityKeyIdentifier, and
// certificatePolicies (read for display; lucid validates with any-policy, RFC 5280 §6.1.1 (c)).
// Every other extension is kept with its bytes and marked not understood: if it is critical the
// validator rejects the certificate (§4.2: "A certificate-using system MUST reject the certificate
// if it encounters a critical extension it does not recognize").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crypto/bytes.h"
#include "x509/der.h"
#include "x509/oid.h"

namespace lucid::x509 {

struct Extension {
    Oid id;
    bool critical = false;
    Bytes value;             // the contents of extnValue
    std::size_t offset = 0;  // absolute offset of the Extension SEQUENCE
    bool understood = false;
};

// §4.2.1.9
struct BasicConstraints {
    bool ca = false;
    std::optional<std::uint32_t> path_len_constraint;
};

// §4.2.1.3: KeyUsage ::= BIT STRING { digitalSignature (0), ..., decipherOnly (8) }
enum class KeyUsageBit : unsigned {
    digital_signature = 0,
    non_repudiation = 1,  // contentCommitment
    key_encipherment = 2,
    data_encipherment = 3,
    key_agreement = 4,
    key_cert_sign = 5,
    crl_sign = 6,
    encipher_only = 7,
    decipher_only = 8,
};
struct KeyUsage {
    std::uint16_t bits = 0;  // bit i set = usage i asserted
    bool has(KeyUsageBit b) const { return (bits >> static_cast<unsigned>(b)) & 1; }
    void set(KeyUsageBit b) { bits = static_cast<std::uint16_t>(bits | (1u << static_cast<unsigned>(b))); }
    std::string to_string() const;  // "digitalSignature, keyEncipherment"
};

// §4.2.1.6 (the forms lucid matches host names against; the rest kept as text for display).
struct SubjectAltName {
    std::vector<std::string> dns_names;
    std::vector<Bytes> ip_addresses;  // 4 bytes (IPv4) or 16 (IPv6)
    std::vector<std::string> others;  // "email:a@b", "URI:...", "DirName:...", "othername:1.2.3"
    std::string to_string() const;    // "DNS:localhost, IP:127.0.0.1"
};

// §4.2.1.1 (only the keyIdentifier form is used for matching; the others are reported).
struct AuthorityKeyIdentifier {
    std::optional<Bytes> key_identifier;
    bool has_issuer_and_serial = false;
};

struct Extensions {
    std::vector<Extension> all;  // in certificate order
    std::optional<BasicConstraints> basic_constraints;
    std::optional<KeyUsage> key_usage;
    std::optional<std::vector<Oid>> ext_key_usage;
    std::optional<SubjectAltName> subject_alt_name;
    std::optional<Bytes> subject_key_identifier;
    std::optional<AuthorityKeyIdentifier> authority_key_identifier;
    std::optional<std::vector<Oid>> certificate_policies;

    const Extension* find(const Oid& id) const;
    // The critical extensions lucid does not understand (to be rejected by validation).
    std::vector<const Extension*> unknown_critical() const;
};

// Reads the SEQUENCE OF Extension inside the [3] of a TBSCertificate.
Extensions parse_extensions(const Element& sequence);

// "127.0.0.1", "2001:db8::1"
std::string ip_address_text(ByteView address);
// The reverse: 4 or 16 bytes, or nothing if text is not an IPv4/IPv6 literal.
std::optional<Bytes> parse_ip_address(std::string_view text);

// Encoders for the certificates lucid issues (x509/builder.h).
Bytes encode_basic_constraints(const BasicConstraints& bc);
Bytes encode_key_usage(const KeyUsage& ku);
Bytes encode_ext_key_usage(const std::vector<Oid>& purposes);
Bytes encode_subject_alt_name(const SubjectAltName& san);
Bytes encode_authority_key_identifier(ByteView key_identifier);

}  // namespace lucid::x509
