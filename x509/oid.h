// OBJECT IDENTIFIERs (X.690 §8.19) and the table of names lucid prints for them.
//
// An OID is a path in the global naming tree: 1.2.840.113549.1.1.11 is sha256WithRSAEncryption.
// In DER the first two arcs are packed into one number (40 * first + second) and each number is
// written in base 128, seven bits per byte, the top bit set on every byte but the last.
//
// Oid keeps the DER content bytes: two OIDs are equal exactly when their encodings are, and arcs
// of any size (x509/bigoid.pem has one beyond 64 bits) print correctly.
#pragma once

#include <string>
#include <string_view>

#include "crypto/bytes.h"
#include "x509/der.h"

namespace lucid::x509 {

class Oid {
public:
    Oid() = default;
    // "1.2.840.113549.1.1.11"; throws lucid::Error on a malformed string.
    static Oid from_dotted(std::string_view dotted);
    // X.690 §8.19 content bytes, checked: non-empty, each arc minimal (no leading 0x80 byte),
    // the last byte ends an arc. offset is the absolute offset of content[0], for errors.
    static Oid from_der(ByteView content, std::size_t offset);

    const Bytes& der() const { return der_; }
    std::string dotted() const;
    // The name in lucid's table ("sha256WithRSAEncryption"), or "" if it is not there.
    std::string_view name() const;
    // The name if known, else the dotted form: what people read.
    std::string display() const;

    bool empty() const { return der_.empty(); }
    bool operator==(const Oid& other) const { return der_ == other.der_; }
    bool operator<(const Oid& other) const { return der_ < other.der_; }

private:
    Bytes der_;
};

// Reads an OBJECT IDENTIFIER element.
Oid der_oid(const Element& e, std::string_view what);
void write_oid(DerWriter& w, const Oid& oid);

// The short attribute-type names of RFC 4514 §3 (CN, O, OU, C, L, ST, STREET, DC, UID) and the
// few others OpenSSL prints the same way (emailAddress, serialNumber); "" when there is none.
std::string_view attribute_short_name(const Oid& type);
// The reverse, for names given on the command line ("CN=localhost,O=Demo"); case-insensitive.
Oid attribute_type_from_name(std::string_view name);

// The OIDs lucid acts on.
namespace oids {
// PKCS #1 (RFC 8017 Appendix C) and RFC 4055
extern const Oid rsa_encryption;
extern const Oid md2_with_rsa;
extern const Oid md5_with_rsa;
extern const Oid sha1_with_rsa;
extern const Oid sha224_with_rsa;
extern const Oid sha256_with_rsa;
extern const Oid sha384_with_rsa;
extern const Oid sha512_with_rsa;
extern const Oid rsassa_pss;
// Names (X.520, RFC 4519)
extern const Oid common_name;
extern const Oid country_name;
extern const Oid organization_name;
extern const Oid organizational_unit_name;
// Extensions (RFC 5280 §4.2)
extern const Oid subject_key_identifier;
extern const Oid key_usage;
extern const Oid subject_alt_name;
extern const Oid basic_constraints;
extern const Oid name_constraints;
extern const Oid certificate_policies;
extern const Oid policy_mappings;
extern const Oid authority_key_identifier;
extern const Oid policy_constraints;
extern const Oid ext_key_usage;
extern const Oid inhibit_any_policy;
// Extended key usages (RFC 5280 §4.2.1.12)
extern const Oid any_extended_key_usage;
extern const Oid server_auth;
extern const Oid client_auth;
}  // namespace oids

}  // namespace lucid::x509
