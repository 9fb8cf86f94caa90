// Distinguished names (RFC 5280 §4.1.2.4): who a certificate is about and who signed it.
//
//   Name ::= SEQUENCE OF RelativeDistinguishedName
//   RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
//   AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }
//
// Printing follows RFC 4514: the RDNs in REVERSE order of the encoding ("CN=example.org,O=Demo,C=US"
// for a name encoded C, O, CN), '+' between the attributes of one RDN, and the special characters
// escaped. Comparison follows RFC 5280 §7.1, as path validation needs it for name chaining.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "x509/der.h"
#include "x509/oid.h"

namespace lucid::x509 {

struct Attribute {
    Oid type;
    Tag value_tag;     // PrintableString, UTF8String ... or anything else ANY allows
    Bytes value_der;   // the whole value TLV, as encoded
    std::optional<std::string> text;  // the value as UTF-8 when it is a string type
};

using RelativeDistinguishedName = std::vector<Attribute>;

class Name {
public:
    Name() = default;
    // Reads a Name element; the DER is kept (it is what a signature and a comparison of encodings use).
    static Name parse(const Element& e);
    // "CN=Lucid Demo CA,O=lucidtls,C=US" (RFC 4514 order) -> a Name whose encoding lists C first.
    // Values become UTF8String, except C (PrintableString, as X.520 requires). For tools and tests.
    static Name from_string(std::string_view rfc4514);

    const std::vector<RelativeDistinguishedName>& rdns() const { return rdns_; }
    const Bytes& der() const { return der_; }
    bool empty() const { return rdns_.empty(); }

    // RFC 4514 §2.
    std::string to_string() const;
    // The last (most specific) commonName, if any: what hostname checks fall back to.
    std::optional<std::string> common_name() const;

    // RFC 5280 §7.1: same number of RDNs, each with the same set of attribute types and matching
    // values; string values compare after case folding and whitespace folding (a subset of the
    // RFC 4518 preparation: ASCII case, leading/trailing/repeated spaces); other values by encoding.
    bool matches(const Name& other) const;

private:
    std::vector<RelativeDistinguishedName> rdns_;
    Bytes der_;
};

}  // namespace lucid::x509
