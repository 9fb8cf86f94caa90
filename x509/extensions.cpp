#include "x509/extensions.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "crypto/hex.h"
#include "x509/error.h"
#include "x509/name.h"

namespace lucid::x509 {

namespace {

constexpr std::string_view key_usage_names[] = {
    "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
    "keyCertSign",      "cRLSign",        "encipherOnly",    "decipherOnly",
};

// The value of a primitive [n] IMPLICIT IA5String.
std::string implicit_ia5(const Element& e, std::string_view what) {
    Element as_ia5 = e;
    as_ia5.tag = tags::ia5_string;
    return der_string(as_ia5, what);
}

// RFC 5280 §4.2.1.9.
BasicConstraints parse_basic_constraints(const Extension& ext) {
    const Element seq = read_single(ext.value, "basicConstraints");
    if (!(seq.tag == tags::sequence)) throw DecodeError(seq.offset, "basicConstraints: expected SEQUENCE");
    DerReader r = DerReader::contents_of(seq);
    BasicConstraints bc;
    if (auto ca = r.read_optional(tags::boolean)) {
        bc.ca = der_boolean(*ca, "basicConstraints cA");
        if (!bc.ca) {
            throw DecodeError(ca->offset, "basicConstraints: cA FALSE written out, but DER omits a value equal to its "
                                          "DEFAULT (X.690 §11.5)");
        }
    }
    if (auto len = r.read_optional(tags::integer)) {
        bc.path_len_constraint = static_cast<std::uint32_t>(
            der_small_integer(*len, "pathLenConstraint", 0, std::numeric_limits<std::uint32_t>::max()));
        if (!bc.ca) {
            throw DecodeError(len->offset, "basicConstraints: pathLenConstraint without cA TRUE (RFC 5280 §4.2.1.9: "
                                           "\"CAs MUST NOT include the pathLenConstraint field unless the cA boolean "
                                           "is asserted\")");
        }
    }
    r.expect_end("basicConstraints");
    return bc;
}

// RFC 5280 §4.2.1.3; a named bit list in DER has no trailing zero bits (X.690 §11.2.2).
KeyUsage parse_key_usage(const Extension& ext) {
    const Element e = read_single(ext.value, "keyUsage");
    if (!(e.tag == tags::bit_string)) throw DecodeError(e.offset, "keyUsage: expected BIT STRING, found " + tag_name(e.tag));
    const BitString bits = der_bit_string(e, "keyUsage");
    if (bits.bit_length() == 0) {
        throw DecodeError(e.offset, "keyUsage with no bit set (RFC 5280 §4.2.1.3: \"at least one of the bits MUST be set\")");
    }
    if (!bits.bit(bits.bit_length() - 1)) {
        throw DecodeError(e.offset, "keyUsage has trailing zero bits; DER removes them from a named bit list (X.690 §11.2.2)");
    }
    KeyUsage ku;
    for (std::size_t i = 0; i < bits.bit_length(); ++i) {
        if (!bits.bit(i)) continue;
        if (i > 8) throw DecodeError(e.offset, "keyUsage bit " + std::to_string(i) + " is not defined (RFC 5280 §4.2.1.3)");
        ku.set(static_cast<KeyUsageBit>(i));
    }
    return ku;
}

// RFC 5280 §4.2.1.12: ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId
std::vector<Oid> parse_oid_sequence(const Extension& ext, std::string_view what) {
    const Element seq = read_single(ext.value, what);
    if (!(seq.tag == tags::sequence)) throw DecodeError(seq.offset, std::string(what) + ": expected SEQUENCE");
    DerReader r = DerReader::contents_of(seq);
    if (r.empty()) throw DecodeError(seq.offset, std::string(what) + ": empty SEQUENCE (SIZE (1..MAX))");
    std::vector<Oid> out;
    while (!r.empty()) out.push_back(der_oid(r.read(tags::object_identifier, what), what));
    return out;
}

// RFC 5280 §4.2.1.4: certificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation
std::vector<Oid> parse_certificate_policies(const Extension& ext) {
    const Element seq = read_single(ext.value, "certificatePolicies");
    if (!(seq.tag == tags::sequence)) throw DecodeError(seq.offset, "certificatePolicies: expected SEQUENCE");
    DerReader r = DerReader::contents_of(seq);
    if (r.empty()) throw DecodeError(seq.offset, "certificatePolicies: empty SEQUENCE (SIZE (1..MAX))");
    std::vector<Oid> out;
    while (!r.empty()) {
        DerReader info = r.sequence("PolicyInformation");
        Oid id = der_oid(info.read(tags::object_identifier, "policyIdentifier"), "policyIdentifier");
        if (std::find(out.begin(), out.end(), id) != out.end()) {
            throw DecodeError(info.offset(), "certificatePolicies: policy " + id.dotted() +
                                                 " appears twice (RFC 5280 §4.2.1.4: \"MUST NOT appear more than once\")");
        }
        out.push_back(id);
        info.read_optional(tags::sequence);  // policyQualifiers: not interpreted
        info.expect_end("PolicyInformation");
    }
    return out;
}

// RFC 5280 §4.2.1.6: GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName
SubjectAltName parse_general_names(const Element& seq, std::string_view what) {
    if (!(seq.tag == tags::sequence)) throw DecodeError(seq.offset, std::string(what) + ": expected SEQUENCE");
    DerReader r = DerReader::contents_of(seq);
    if (r.empty()) throw DecodeError(seq.offset, std::string(what) + ": empty SEQUENCE (SIZE (1..MAX))");
    SubjectAltName san;
    while (!r.empty()) {
        const Element g = r.read();
        if (g.tag.tag_class != TagClass::context_specific) {
            throw DecodeError(g.offset, std::string(what) + ": GeneralName with tag " + tag_name(g.tag) +
                                            "; each is a context-specific [0] to [8]");
        }
        auto expect_form = [&](bool constructed, std::string_view kind) {
            if (g.tag.constructed != constructed) {
                throw DecodeError(g.offset, std::string(what) + ": " + std::string(kind) + " [" + std::to_string(g.tag.number) +
                                                "] must be " + (constructed ? "constructed" : "primitive"));
            }
        };
        switch (g.tag.number) {
            case 0: {
                expect_form(true, "otherName");
                DerReader o = DerReader::contents_of(g);
                san.others.push_back("othername:" + der_oid(o.read(tags::object_identifier, "otherName type-id"), "type-id").display());
                break;
            }
            case 1:
                expect_form(false, "rfc822Name");
                san.others.push_back("email:" + implicit_ia5(g, "rfc822Name"));
                break;
            case 2: {
                expect_form(false, "dNSName");
                std::string dns = implicit_ia5(g, "dNSName");
                if (dns.empty() || dns == " ") {
                    throw DecodeError(g.offset, "dNSName is empty (RFC 5280 §4.2.1.6: \"MUST NOT be used\")");
                }
                san.dns_names.push_back(std::move(dns));
                break;
            }
            case 3:
                expect_form(true, "x400Address");
                san.others.push_back("X400Name:<not interpreted>");
                break;
            case 4: {
                expect_form(true, "directoryName");
                DerReader d = DerReader::contents_of(g);
                Name n = Name::parse(d.read(tags::sequence, "directoryName"));
                d.expect_end("directoryName");
                san.others.push_back("DirName:" + n.to_string());
                break;
            }
            case 5:
                expect_form(true, "ediPartyName");
                san.others.push_back("EdiPartyName:<not interpreted>");
                break;
            case 6:
                expect_form(false, "uniformResourceIdentifier");
                san.others.push_back("URI:" + implicit_ia5(g, "uniformResourceIdentifier"));
                break;
            case 7:
                expect_form(false, "iPAddress");
                if (g.content.size() != 4 && g.content.size() != 16) {
                    throw DecodeError(g.offset, std::string(what) + ": iPAddress of " + std::to_string(g.content.size()) +
                                                    " bytes; it is 4 (IPv4) or 16 (IPv6) (RFC 5280 §4.2.1.6)");
                }
                san.ip_addresses.emplace_back(g.content.begin(), g.content.end());
                break;
            case 8:
                expect_form(false, "registeredID");
                san.others.push_back("Registered ID:" + Oid::from_der(g.content, g.content_offset()).display());
                break;
            default:
                throw DecodeError(g.offset, std::string(what) + ": GeneralName [" + std::to_string(g.tag.number) +
                                                "] does not exist (RFC 5280 §4.2.1.6 defines [0] to [8])");
        }
    }
    return san;
}

// RFC 5280 §4.2.1.1.
AuthorityKeyIdentifier parse_authority_key_identifier(const Extension& ext) {
    const Element seq = read_single(ext.value, "authorityKeyIdentifier");
    if (!(seq.tag == tags::sequence)) throw DecodeError(seq.offset, "authorityKeyIdentifier: expected SEQUENCE");
    DerReader r = DerReader::contents_of(seq);
    AuthorityKeyIdentifier aki;
    if (auto id = r.read_optional(tags::context(0, false))) aki.key_identifier = Bytes(id->content.begin(), id->content.end());
    auto issuer = r.read_optional(tags::context(1, true));
    auto serial = r.read_optional(tags::context(2, false));
    if (issuer.has_value() != serial.has_value()) {
        throw DecodeError(seq.offset, "authorityKeyIdentifier: authorityCertIssuer and authorityCertSerialNumber come "
                                      "together or not at all (RFC 5280 §4.2.1.1)");
    }
    aki.has_issuer_and_serial = issuer.has_value();
    r.expect_end("authorityKeyIdentifier");
    return aki;
}

Bytes octet_string_value(const Extension& ext, std::string_view what) {
    const Element e = read_single(ext.value, what);
    if (!(e.tag == tags::octet_string)) throw DecodeError(e.offset, std::string(what) + ": expected OCTET STRING");
    return Bytes(e.content.begin(), e.content.end());
}

// Errors inside an extension value carry offsets relative to extnValue; move them to the certificate.
template <typename F>
auto at_extension(const Extension& ext, std::size_t value_offset, F&& parse) {
    try {
        return parse();
    } catch (const DecodeError& e) {
        // Sentences of the inner readers often start with the extension's name already.
        const std::string name = ext.id.display();
        const bool named = e.sentence().rfind(name, 0) == 0;
        throw DecodeError(value_offset + e.offset(), named ? e.sentence() : name + " extension: " + e.sentence());
    }
}

}  // namespace

std::string KeyUsage::to_string() const {
    std::string out;
    for (unsigned i = 0; i < 9; ++i) {
        if (!has(static_cast<KeyUsageBit>(i))) continue;
        if (!out.empty()) out += ", ";
        out += key_usage_names[i];
    }
    return out;
}

std::string SubjectAltName::to_string() const {
    std::string out;
    auto add = [&](const std::string& s) {
        if (!out.empty()) out += ", ";
        out += s;
    };
    for (const auto& d : dns_names) add("DNS:" + d);
    for (const auto& ip : ip_addresses) add("IP:" + ip_address_text(ip));
    for (const auto& o : others) add(o);
    return out;
}

const Extension* Extensions::find(const Oid& id) const {
    for (const Extension& e : all) {
        if (e.id == id) return &e;
    }
    return nullptr;
}

std::vector<const Extension*> Extensions::unknown_critical() const {
    std::vector<const Extension*> out;
    for (const Extension& e : all) {
        if (e.critical && !e.understood) out.push_back(&e);
    }
    return out;
}

// RFC 5280 §4.1 (Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension) and §4.2.
Extensions parse_extensions(const Element& sequence) {
    if (!(sequence.tag == tags::sequence)) throw DecodeError(sequence.offset, "extensions: expected SEQUENCE");
    DerReader list = DerReader::contents_of(sequence);
    if (list.empty()) throw DecodeError(sequence.offset, "extensions: empty SEQUENCE (SIZE (1..MAX))");
    Extensions out;
    while (!list.empty()) {
        const Element ext_el = list.read(tags::sequence, "Extension");
        DerReader r = DerReader::contents_of(ext_el);
        Extension ext;
        ext.offset = ext_el.offset;
        ext.id = der_oid(r.read(tags::object_identifier, "extnID"), "extnID");
        if (auto crit = r.read_optional(tags::boolean)) {
            ext.critical = der_boolean(*crit, "critical");
            if (!ext.critical) {
                throw DecodeError(crit->offset, ext.id.display() + ": critical FALSE written out, but DER omits a value "
                                                                   "equal to its DEFAULT (X.690 §11.5)");
            }
        }
        const Element value = r.read(tags::octet_string, "extnValue");
        r.expect_end("Extension");
        ext.value.assign(value.content.begin(), value.content.end());
        if (out.find(ext.id)) {
            throw DecodeError(ext.offset, "extension " + ext.id.display() + " appears twice (RFC 5280 §4.2: \"MUST NOT "
                                                                            "include more than one instance\")");
        }
        const std::size_t at = value.content_offset();
        ext.understood = true;
        if (ext.id == oids::basic_constraints) {
            out.basic_constraints = at_extension(ext, at, [&] { return parse_basic_constraints(ext); });
        } else if (ext.id == oids::key_usage) {
            out.key_usage = at_extension(ext, at, [&] { return parse_key_usage(ext); });
        } else if (ext.id == oids::ext_key_usage) {
            out.ext_key_usage = at_extension(ext, at, [&] { return parse_oid_sequence(ext, "extKeyUsage"); });
        } else if (ext.id == oids::subject_alt_name) {
            out.subject_alt_name = at_extension(ext, at, [&] {
                return parse_general_names(read_single(ext.value, "subjectAltName"), "subjectAltName");
            });
        } else if (ext.id == oids::subject_key_identifier) {
            out.subject_key_identifier = at_extension(ext, at, [&] { return octet_string_value(ext, "subjectKeyIdentifier"); });
        } else if (ext.id == oids::authority_key_identifier) {
            out.authority_key_identifier = at_extension(ext, at, [&] { return parse_authority_key_identifier(ext); });
        } else if (ext.id == oids::certificate_policies) {
            out.certificate_policies = at_extension(ext, at, [&] { return parse_certificate_policies(ext); });
        } else {
            ext.understood = false;
        }
        out.all.push_back(std::move(ext));
    }
    return out;
}

std::string ip_address_text(ByteView a) {
    char buf[64];
    if (a.size() == 4) {
        std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
        return buf;
    }
    if (a.size() != 16) return "<" + std::to_string(a.size()) + " bytes: " + to_hex(a) + ">";
    // RFC 5952 §4: lower case, no leading zeros, the longest run (>= 2) of zero groups as "::".
    std::uint16_t g[8];
    for (int i = 0; i < 8; ++i) g[i] = static_cast<std::uint16_t>((a[2 * i] << 8) | a[2 * i + 1]);
    int best = -1, best_len = 0;
    for (int i = 0; i < 8;) {
        if (g[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && g[j] == 0) ++j;
        if (j - i > best_len && j - i >= 2) best = i, best_len = j - i;
        i = j;
    }
    std::string out;
    for (int i = 0; i < 8; ++i) {
        if (i == best) {
            out += "::";
            i += best_len - 1;
            continue;
        }
        if (!out.empty() && out.back() != ':') out += ":";
        std::snprintf(buf, sizeof buf, "%x", g[i]);
        out += buf;
    }
    return out;
}

std::optional<Bytes> parse_ip_address(std::string_view text) {
    if (!text.empty() && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
    if (text.find(':') == std::string_view::npos) {
        // IPv4: four decimal numbers 0..255, no leading zeros (which some parsers read as octal).
        Bytes out;
        std::size_t pos = 0;
        for (int part = 0; part < 4; ++part) {
            std::size_t end = text.find('.', pos);
            if (part == 3) end = text.size();
            if (end == std::string_view::npos || end == pos || end - pos > 3) return std::nullopt;
            std::string_view digits = text.substr(pos, end - pos);
            if (digits.size() > 1 && digits[0] == '0') return std::nullopt;
            unsigned v = 0;
            for (char c : digits) {
                if (c < '0' || c > '9') return std::nullopt;
                v = v * 10 + static_cast<unsigned>(c - '0');
            }
            if (v > 255) return std::nullopt;
            out.push_back(static_cast<std::uint8_t>(v));
            pos = end + 1;
        }
        return out;
    }
    // IPv6 (RFC 4291 §2.2 forms 1 and 2): hex groups, at most one "::".
    std::vector<std::uint16_t> head, tail;
    bool seen_gap = false;
    std::size_t pos = 0;
    if (text.substr(0, 2) == "::") {
        seen_gap = true;
        pos = 2;
    }
    while (pos < text.size()) {
        std::size_t end = text.find(':', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view group = text.substr(pos, end - pos);
        if (group.empty() || group.size() > 4) return std::nullopt;
        unsigned v = 0;
        for (char c : group) {
            int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
            if (d < 0) return std::nullopt;
            v = v * 16 + static_cast<unsigned>(d);
        }
        (seen_gap ? tail : head).push_back(static_cast<std::uint16_t>(v));
        pos = end;
        if (pos < text.size()) {
            if (text.substr(pos, 2) == "::") {
                if (seen_gap) return std::nullopt;
                seen_gap = true;
                pos += 2;
            } else {
                ++pos;
                if (pos == text.size()) return std::nullopt;
            }
        }
    }
    const std::size_t groups = head.size() + tail.size();
    if (seen_gap ? groups > 7 : groups != 8) return std::nullopt;
    std::vector<std::uint16_t> all = head;
    all.resize(8 - tail.size(), 0);
    all.insert(all.end(), tail.begin(), tail.end());
    Bytes out;
    for (std::uint16_t v : all) {
        out.push_back(static_cast<std::uint8_t>(v >> 8));
        out.push_back(static_cast<std::uint8_t>(v & 0xFF));
    }
    return out;
}

Bytes encode_basic_constraints(const BasicConstraints& bc) {
    DerWriter w;
    w.sequence([&](DerWriter& s) {
        if (bc.ca) s.boolean(true);  // FALSE is the DEFAULT and is left out (X.690 §11.5)
        if (bc.path_len_constraint) s.integer(*bc.path_len_constraint);
    });
    return w.take();
}

Bytes encode_key_usage(const KeyUsage& ku) {
    // Bit i is bit (7 - i % 8) of byte i / 8; trailing zero bits are dropped (X.690 §11.2.2).
    int last = -1;
    for (int i = 0; i < 9; ++i) {
        if (ku.has(static_cast<KeyUsageBit>(i))) last = i;
    }
    const std::size_t nbits = static_cast<std::size_t>(last + 1);
    Bytes bytes((nbits + 7) / 8, 0);
    for (std::size_t i = 0; i < nbits; ++i) {
        if (ku.has(static_cast<KeyUsageBit>(i))) bytes[i / 8] |= static_cast<std::uint8_t>(0x80 >> (i % 8));
    }
    DerWriter w;
    w.bit_string(bytes, static_cast<unsigned>(bytes.size() * 8 - nbits));
    return w.take();
}

Bytes encode_ext_key_usage(const std::vector<Oid>& purposes) {
    DerWriter w;
    w.sequence([&](DerWriter& s) {
        for (const Oid& p : purposes) write_oid(s, p);
    });
    return w.take();
}

Bytes encode_subject_alt_name(const SubjectAltName& san) {
    DerWriter w;
    w.sequence([&](DerWriter& s) {
        for (const auto& d : san.dns_names) s.element(tags::context(2, false), as_bytes(d));
        for (const auto& ip : san.ip_addresses) s.element(tags::context(7, false), ip);
    });
    return w.take();
}

Bytes encode_authority_key_identifier(ByteView key_identifier) {
    DerWriter w;
    w.sequence([&](DerWriter& s) { s.element(tags::context(0, false), key_identifier); });
    return w.take();
}

}  // namespace lucid::x509
