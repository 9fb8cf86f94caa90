#include "x509/oid.h"

#include <algorithm>
#include <cctype>

#include "crypto/error.h"
#include "x509/error.h"

namespace lucid::x509 {

namespace {

struct OidName {
    std::string_view dotted;
    std::string_view name;
    std::string_view short_name;  // RFC 4514 attribute type name, for attribute types only
};

// Names as the defining documents spell them.
constexpr OidName oid_table[] = {
    // PKCS #1, RFC 8017 Appendix C; RFC 4055 §5
    {"1.2.840.113549.1.1.1", "rsaEncryption", ""},
    {"1.2.840.113549.1.1.2", "md2WithRSAEncryption", ""},
    {"1.2.840.113549.1.1.4", "md5WithRSAEncryption", ""},
    {"1.2.840.113549.1.1.5", "sha1WithRSAEncryption", ""},
    {"1.2.840.113549.1.1.10", "RSASSA-PSS", ""},
    {"1.2.840.113549.1.1.11", "sha256WithRSAEncryption", ""},
    {"1.2.840.113549.1.1.12", "sha384WithRSAEncryption", ""},
    {"1.2.840.113549.1.1.13", "sha512WithRSAEncryption", ""},
    {"1.2.840.113549.1.1.14", "sha224WithRSAEncryption", ""},
    // Other key and signature types (RFC 3279, RFC 5480, RFC 5758, RFC 8410)
    {"1.2.840.10040.4.1", "id-dsa", ""},
    {"1.2.840.10040.4.3", "id-dsa-with-sha1", ""},
    {"2.16.840.1.101.3.4.3.2", "id-dsa-with-sha256", ""},
    {"1.2.840.10045.2.1", "id-ecPublicKey", ""},
    {"1.2.840.10045.4.1", "ecdsa-with-SHA1", ""},
    {"1.2.840.10045.4.3.2", "ecdsa-with-SHA256", ""},
    {"1.2.840.10045.4.3.3", "ecdsa-with-SHA384", ""},
    {"1.2.840.10045.4.3.4", "ecdsa-with-SHA512", ""},
    {"1.2.840.10045.3.1.7", "prime256v1", ""},
    {"1.3.132.0.34", "secp384r1", ""},
    {"1.3.132.0.35", "secp521r1", ""},
    {"1.3.101.110", "X25519", ""},
    {"1.3.101.112", "Ed25519", ""},
    {"1.3.101.113", "Ed448", ""},
    {"1.2.840.10046.2.1", "dhpublicnumber", ""},
    // Hash functions
    {"1.2.840.113549.2.5", "md5", ""},
    {"1.3.14.3.2.26", "sha1", ""},
    {"2.16.840.1.101.3.4.2.1", "sha256", ""},
    {"2.16.840.1.101.3.4.2.2", "sha384", ""},
    {"2.16.840.1.101.3.4.2.3", "sha512", ""},
    {"2.16.840.1.101.3.4.2.4", "sha224", ""},
    {"1.2.840.113549.1.1.8", "mgf1", ""},
    // Attribute types of names (X.520, RFC 4519, RFC 4514 §3)
    {"2.5.4.3", "commonName", "CN"},
    {"2.5.4.4", "surname", "SN"},
    {"2.5.4.5", "serialNumber", "serialNumber"},
    {"2.5.4.6", "countryName", "C"},
    {"2.5.4.7", "localityName", "L"},
    {"2.5.4.8", "stateOrProvinceName", "ST"},
    {"2.5.4.9", "streetAddress", "STREET"},
    {"2.5.4.10", "organizationName", "O"},
    {"2.5.4.11", "organizationalUnitName", "OU"},
    {"2.5.4.12", "title", "title"},
    {"2.5.4.13", "description", "description"},
    {"2.5.4.15", "businessCategory", "businessCategory"},
    {"2.5.4.17", "postalCode", "postalCode"},
    {"2.5.4.41", "name", "name"},
    {"2.5.4.42", "givenName", "GN"},
    {"2.5.4.45", "x500UniqueIdentifier", "x500UniqueIdentifier"},
    {"2.5.4.43", "initials", "initials"},
    {"2.5.4.44", "generationQualifier", "generationQualifier"},
    {"2.5.4.46", "dnQualifier", "dnQualifier"},
    {"2.5.4.65", "pseudonym", "pseudonym"},
    {"2.5.4.97", "organizationIdentifier", "organizationIdentifier"},
    {"0.9.2342.19200300.100.1.1", "userId", "UID"},
    {"0.9.2342.19200300.100.1.25", "domainComponent", "DC"},
    {"1.2.840.113549.1.9.1", "emailAddress", "emailAddress"},
    {"1.3.6.1.4.1.311.60.2.1.1", "jurisdictionLocalityName", "jurisdictionL"},
    {"1.3.6.1.4.1.311.60.2.1.2", "jurisdictionStateOrProvinceName", "jurisdictionST"},
    {"1.3.6.1.4.1.311.60.2.1.3", "jurisdictionCountryName", "jurisdictionC"},
    // Certificate extensions (RFC 5280 §4.2 and others)
    {"2.5.29.9", "subjectDirectoryAttributes", ""},
    {"2.5.29.14", "subjectKeyIdentifier", ""},
    {"2.5.29.15", "keyUsage", ""},
    {"2.5.29.16", "privateKeyUsagePeriod", ""},
    {"2.5.29.17", "subjectAltName", ""},
    {"2.5.29.18", "issuerAltName", ""},
    {"2.5.29.19", "basicConstraints", ""},
    {"2.5.29.30", "nameConstraints", ""},
    {"2.5.29.31", "cRLDistributionPoints", ""},
    {"2.5.29.32", "certificatePolicies", ""},
    {"2.5.29.32.0", "anyPolicy", ""},
    {"2.5.29.33", "policyMappings", ""},
    {"2.5.29.35", "authorityKeyIdentifier", ""},
    {"2.5.29.36", "policyConstraints", ""},
    {"2.5.29.37", "extKeyUsage", ""},
    {"2.5.29.37.0", "anyExtendedKeyUsage", ""},
    {"2.5.29.46", "freshestCRL", ""},
    {"2.5.29.54", "inhibitAnyPolicy", ""},
    {"1.3.6.1.5.5.7.1.1", "authorityInfoAccess", ""},
    {"1.3.6.1.5.5.7.1.11", "subjectInfoAccess", ""},
    {"1.3.6.1.5.5.7.1.24", "tlsfeature", ""},
    {"1.3.6.1.4.1.11129.2.4.2", "signedCertificateTimestampList", ""},
    {"1.3.6.1.4.1.11129.2.4.3", "precertificatePoison", ""},
    {"2.16.840.1.113730.1.1", "netscapeCertType", ""},
    {"2.16.840.1.113730.1.13", "netscapeComment", ""},
    {"1.3.6.1.4.1.311.20.2", "msCertificateTemplateName", ""},
    {"1.3.6.1.4.1.311.21.1", "msCAVersion", ""},
    {"1.3.6.1.4.1.311.21.7", "msCertificateTemplate", ""},
    {"1.3.6.1.4.1.311.21.10", "msApplicationPolicies", ""},
    // Extended key usages (RFC 5280 §4.2.1.12)
    {"1.3.6.1.5.5.7.3.1", "serverAuth", ""},
    {"1.3.6.1.5.5.7.3.2", "clientAuth", ""},
    {"1.3.6.1.5.5.7.3.3", "codeSigning", ""},
    {"1.3.6.1.5.5.7.3.4", "emailProtection", ""},
    {"1.3.6.1.5.5.7.3.8", "timeStamping", ""},
    {"1.3.6.1.5.5.7.3.9", "OCSPSigning", ""},
    // Access methods and policy qualifiers (RFC 5280 §4.2.2.1, §4.2.1.4)
    {"1.3.6.1.5.5.7.48.1", "ocsp", ""},
    {"1.3.6.1.5.5.7.48.2", "caIssuers", ""},
    {"1.3.6.1.5.5.7.2.1", "cps", ""},
    {"1.3.6.1.5.5.7.2.2", "unotice", ""},
    // CA/Browser Forum policies
    {"2.23.140.1.1", "ev-guidelines", ""},
    {"2.23.140.1.2.1", "domain-validated", ""},
    {"2.23.140.1.2.2", "organization-validated", ""},
    {"2.23.140.1.2.3", "individual-validated", ""},
    // PKCS #8 / PKCS #9
    {"1.2.840.113549.1.9.14", "extensionRequest", ""},
    {"1.2.840.113549.1.5.13", "pbes2", ""},
};

// A decimal number held as a string, for arcs of any size: n := n * 128 + digit.
void times128_plus(std::string& n, unsigned add) {
    unsigned carry = add;
    for (auto it = n.rbegin(); it != n.rend(); ++it) {
        unsigned d = static_cast<unsigned>(*it - '0') * 128 + carry;
        *it = static_cast<char>('0' + d % 10);
        carry = d / 10;
    }
    while (carry != 0) {
        n.insert(n.begin(), static_cast<char>('0' + carry % 10));
        carry /= 10;
    }
}

// n - k for a decimal string n >= k (k small).
std::string minus_small(std::string n, unsigned k) {
    int borrow = static_cast<int>(k);
    for (auto it = n.rbegin(); it != n.rend() && borrow != 0; ++it) {
        int d = (*it - '0') - borrow % 10;
        borrow /= 10;
        if (d < 0) {
            d += 10;
            ++borrow;
        }
        *it = static_cast<char>('0' + d);
    }
    std::size_t first = n.find_first_not_of('0');
    return first == std::string::npos ? "0" : n.substr(first);
}

// Compare decimal strings without leading zeros.
bool decimal_less(const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
}

// A decimal string as base-128 groups, most significant first.
Bytes base128(std::string decimal) {
    Bytes groups;
    if (decimal == "0") return {0};
    while (decimal != "0") {
        // decimal := decimal / 128, remainder into groups
        std::string quotient;
        unsigned rem = 0;
        for (char c : decimal) {
            rem = rem * 10 + static_cast<unsigned>(c - '0');
            quotient.push_back(static_cast<char>('0' + rem / 128));
            rem %= 128;
        }
        groups.insert(groups.begin(), static_cast<std::uint8_t>(rem));
        std::size_t first = quotient.find_first_not_of('0');
        decimal = first == std::string::npos ? "0" : quotient.substr(first);
    }
    for (std::size_t i = 0; i + 1 < groups.size(); ++i) groups[i] |= 0x80;
    return groups;
}

// 40 * first + second, as a decimal string (first is 0, 1 or 2).
std::string first_subidentifier(unsigned first, const std::string& second) {
    std::string n = second;
    unsigned carry = first * 40;
    for (auto it = n.rbegin(); it != n.rend(); ++it) {
        unsigned d = static_cast<unsigned>(*it - '0') + carry;
        *it = static_cast<char>('0' + d % 10);
        carry = d / 10;
    }
    while (carry != 0) {
        n.insert(n.begin(), static_cast<char>('0' + carry % 10));
        carry /= 10;
    }
    return n;
}

}  // namespace

// X.690 §8.19.2: "the leading octet of the subidentifier shall not have the value 80 hex";
// the last octet of each subidentifier has bit 8 clear.
Oid Oid::from_der(ByteView content, std::size_t offset) {
    if (content.empty()) throw DecodeError(offset, "OBJECT IDENTIFIER with no content bytes (X.690 §8.19.2)");
    bool at_start = true;
    for (std::size_t i = 0; i < content.size(); ++i) {
        if (at_start && content[i] == 0x80) {
            throw DecodeError(offset + i, "OBJECT IDENTIFIER arc with a leading 0x80 byte is not minimal (X.690 §8.19.2)");
        }
        at_start = (content[i] & 0x80) == 0;
    }
    if (!at_start) throw DecodeError(offset + content.size() - 1, "OBJECT IDENTIFIER ends inside an arc");
    Oid oid;
    oid.der_.assign(content.begin(), content.end());
    return oid;
}

Oid Oid::from_dotted(std::string_view dotted) {
    std::vector<std::string> arcs;
    std::string current;
    for (char c : dotted) {
        if (c == '.') {
            arcs.push_back(current);
            current.clear();
        } else if (c >= '0' && c <= '9') {
            current.push_back(c);
        } else {
            throw Error("OID '" + std::string(dotted) + "': unexpected character '" + std::string(1, c) + "'");
        }
    }
    arcs.push_back(current);
    for (const std::string& a : arcs) {
        if (a.empty() || (a.size() > 1 && a[0] == '0')) {
            throw Error("OID '" + std::string(dotted) + "': empty arc or leading zero");
        }
    }
    if (arcs.size() < 2) throw Error("OID '" + std::string(dotted) + "' needs at least two arcs");
    if (arcs[0] != "0" && arcs[0] != "1" && arcs[0] != "2") {
        throw Error("OID '" + std::string(dotted) + "': the first arc is 0, 1 or 2");
    }
    if (arcs[0] != "2" && !decimal_less(arcs[1], "40")) {
        throw Error("OID '" + std::string(dotted) + "': under 0 and 1 the second arc is below 40");
    }
    Oid oid;
    append(oid.der_, base128(first_subidentifier(static_cast<unsigned>(arcs[0][0] - '0'), arcs[1])));
    for (std::size_t i = 2; i < arcs.size(); ++i) append(oid.der_, base128(arcs[i]));
    return oid;
}

std::string Oid::dotted() const {
    std::string out;
    std::string arc = "0";
    bool first = true;
    for (std::uint8_t b : der_) {
        times128_plus(arc, b & 0x7F);
        if (b & 0x80) continue;
        std::size_t nz = arc.find_first_not_of('0');
        arc = nz == std::string::npos ? "0" : arc.substr(nz);
        if (first) {
            // X.690 §8.19.4: the first subidentifier is 40 * X + Y, with Y < 40 when X < 2.
            if (decimal_less(arc, "40")) {
                out = "0." + arc;
            } else if (decimal_less(arc, "80")) {
                out = "1." + minus_small(arc, 40);
            } else {
                out = "2." + minus_small(arc, 80);
            }
            first = false;
        } else {
            out += "." + arc;
        }
        arc = "0";
    }
    return out;
}

std::string_view Oid::name() const {
    const std::string d = dotted();
    for (const OidName& row : oid_table) {
        if (row.dotted == d) return row.name;
    }
    return "";
}

std::string Oid::display() const {
    std::string_view n = name();
    return n.empty() ? dotted() : std::string(n);
}

Oid der_oid(const Element& e, std::string_view what) {
    if (!(e.tag == tags::object_identifier)) {
        throw DecodeError(e.offset, std::string(what) + ": expected OBJECT IDENTIFIER, found " + tag_name(e.tag));
    }
    return Oid::from_der(e.content, e.content_offset());
}

void write_oid(DerWriter& w, const Oid& oid) { w.element(tags::object_identifier, oid.der()); }

std::string_view attribute_short_name(const Oid& type) {
    const std::string d = type.dotted();
    for (const OidName& row : oid_table) {
        if (row.dotted == d) return row.short_name;
    }
    return "";
}

Oid attribute_type_from_name(std::string_view name) {
    auto lower = [](std::string_view s) {
        std::string out(s);
        std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return out;
    };
    const std::string wanted = lower(name);
    for (const OidName& row : oid_table) {
        if (!row.short_name.empty() && (lower(row.short_name) == wanted || lower(row.name) == wanted)) {
            return Oid::from_dotted(row.dotted);
        }
    }
    if (!name.empty() && name[0] >= '0' && name[0] <= '9') return Oid::from_dotted(name);
    throw Error("unknown attribute type '" + std::string(name) + "' (use CN, O, OU, C, L, ST, DC, UID or a dotted OID)");
}

namespace oids {
const Oid rsa_encryption = Oid::from_dotted("1.2.840.113549.1.1.1");
const Oid md2_with_rsa = Oid::from_dotted("1.2.840.113549.1.1.2");
const Oid md5_with_rsa = Oid::from_dotted("1.2.840.113549.1.1.4");
const Oid sha1_with_rsa = Oid::from_dotted("1.2.840.113549.1.1.5");
const Oid sha224_with_rsa = Oid::from_dotted("1.2.840.113549.1.1.14");
const Oid sha256_with_rsa = Oid::from_dotted("1.2.840.113549.1.1.11");
const Oid sha384_with_rsa = Oid::from_dotted("1.2.840.113549.1.1.12");
const Oid sha512_with_rsa = Oid::from_dotted("1.2.840.113549.1.1.13");
const Oid rsassa_pss = Oid::from_dotted("1.2.840.113549.1.1.10");
const Oid common_name = Oid::from_dotted("2.5.4.3");
const Oid country_name = Oid::from_dotted("2.5.4.6");
const Oid organization_name = Oid::from_dotted("2.5.4.10");
const Oid organizational_unit_name = Oid::from_dotted("2.5.4.11");
const Oid subject_key_identifier = Oid::from_dotted("2.5.29.14");
const Oid key_usage = Oid::from_dotted("2.5.29.15");
const Oid subject_alt_name = Oid::from_dotted("2.5.29.17");
const Oid basic_constraints = Oid::from_dotted("2.5.29.19");
const Oid name_constraints = Oid::from_dotted("2.5.29.30");
const Oid certificate_policies = Oid::from_dotted("2.5.29.32");
const Oid policy_mappings = Oid::from_dotted("2.5.29.33");
const Oid authority_key_identifier = Oid::from_dotted("2.5.29.35");
const Oid policy_constraints = Oid::from_dotted("2.5.29.36");
const Oid ext_key_usage = Oid::from_dotted("2.5.29.37");
const Oid inhibit_any_policy = Oid::from_dotted("2.5.29.54");
const Oid any_extended_key_usage = Oid::from_dotted("2.5.29.37.0");
const Oid server_auth = Oid::from_dotted("1.3.6.1.5.5.7.3.1");
const Oid client_auth = Oid::from_dotted("1.3.6.1.5.5.7.3.2");
}  // namespace oids

}  // namespace lucid::x509
