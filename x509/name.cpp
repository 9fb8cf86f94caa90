#include "x509/name.h"

#include <algorithm>
#include <cctype>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "x509/error.h"

namespace lucid::x509 {

namespace {

// RFC 4514 §2.4: escape the characters that would change the meaning of the string.
std::string escape_value(const std::string& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(v[i]);
        const bool special = c == '"' || c == '+' || c == ',' || c == ';' || c == '<' || c == '>' || c == '\\';
        const bool leading = i == 0 && (c == ' ' || c == '#');
        const bool trailing = i + 1 == v.size() && c == ' ';
        if (special || leading || trailing) {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else if (c < 0x20 || c == 0x7F) {
            // NUL must be escaped (§2.4); other control characters are escaped too, so the line stays readable.
            const std::uint8_t b = c;
            out += "\\" + to_hex(ByteView(&b, 1));
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    return out;
}

// The RFC 4518 preparation lucid applies before comparing (§7.1 of RFC 5280 asks for all of it):
// ASCII letters folded to lower case, leading and trailing spaces removed, inner runs of spaces
// reduced to one. Non-ASCII characters are compared as they are.
std::string prepare(const std::string& v) {
    std::string out;
    bool pending_space = false;
    for (char ch : v) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c == ' ') {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        out.push_back(static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c));
    }
    return out;
}

bool comparable_as_string(const Attribute& a) {
    return a.text.has_value() && (a.value_tag == tags::printable_string || a.value_tag == tags::utf8_string);
}

bool attribute_matches(const Attribute& a, const Attribute& b) {
    if (!(a.type == b.type)) return false;
    if (comparable_as_string(a) && comparable_as_string(b)) return prepare(*a.text) == prepare(*b.text);
    return a.value_der == b.value_der;
}

}  // namespace

// RFC 5280 §4.1.2.4; DER requires the attributes of a SET OF in ascending order of their
// encodings (X.690 §11.6).
Name Name::parse(const Element& e) {
    Name name;
    if (!(e.tag == tags::sequence)) {
        throw DecodeError(e.offset, "Name: expected SEQUENCE, found " + tag_name(e.tag));
    }
    name.der_.assign(e.encoding.begin(), e.encoding.end());
    DerReader rdns = DerReader::contents_of(e);
    while (!rdns.empty()) {
        const Element set = rdns.read(tags::set, "RelativeDistinguishedName");
        DerReader attrs = DerReader::contents_of(set);
        if (attrs.empty()) {
            throw DecodeError(set.offset, "RelativeDistinguishedName is an empty SET (RFC 5280 §4.1.2.4: SIZE (1..MAX))");
        }
        RelativeDistinguishedName rdn;
        ByteView previous;
        while (!attrs.empty()) {
            const Element atv = attrs.read(tags::sequence, "AttributeTypeAndValue");
            if (!previous.empty() && !std::lexicographical_compare(previous.begin(), previous.end(),
                                                                   atv.encoding.begin(), atv.encoding.end())) {
                throw DecodeError(atv.offset, "RelativeDistinguishedName: SET OF elements not in ascending order "
                                              "(X.690 §11.6)");
            }
            previous = atv.encoding;
            DerReader fields = DerReader::contents_of(atv);
            Attribute a;
            a.type = der_oid(fields.read(tags::object_identifier, "AttributeType"), "AttributeType");
            const Element value = fields.read();
            fields.expect_end("AttributeTypeAndValue");
            a.value_tag = value.tag;
            a.value_der.assign(value.encoding.begin(), value.encoding.end());
            if (is_string_tag(value.tag)) a.text = der_string(value, a.type.display());
            rdn.push_back(std::move(a));
        }
        name.rdns_.push_back(std::move(rdn));
    }
    return name;
}

// RFC 4514 §3 (parsing), in the simple form a command line needs: type=value pairs separated by
// ',' (or '+' inside one RDN), with '\' escaping the next character or two hex digits.
Name Name::from_string(std::string_view text) {
    std::vector<RelativeDistinguishedName> reversed;
    RelativeDistinguishedName rdn;
    std::size_t i = 0;
    auto fail = [&](const std::string& why) {
        return Error("name '" + std::string(text) + "': " + why);
    };
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        const std::size_t eq = text.find('=', i);
        if (eq == std::string_view::npos) throw fail("expected TYPE=value");
        std::string_view type_name = text.substr(i, eq - i);
        while (!type_name.empty() && type_name.back() == ' ') type_name.remove_suffix(1);
        Attribute a;
        a.type = attribute_type_from_name(type_name);
        std::string value;
        i = eq + 1;
        char separator = 0;
        for (; i < text.size(); ++i) {
            const char c = text[i];
            if (c == '\\') {
                if (i + 1 >= text.size()) throw fail("'\\' at the end");
                if (i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
                    std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
                    value.push_back(static_cast<char>(from_hex(text.substr(i + 1, 2))[0]));
                    i += 2;
                } else {
                    value.push_back(text[++i]);
                }
            } else if (c == ',' || c == '+') {
                separator = c;
                ++i;
                break;
            } else {
                value.push_back(c);
            }
        }
        if (value.empty()) throw fail("empty value for " + std::string(type_name));
        DerWriter w;
        const std::string_view short_name = attribute_short_name(a.type);
        if (short_name == "C") {
            if (value.size() != 2) throw fail("countryName is two letters (X.520)");
            w.printable_string(value);
        } else if (short_name == "DC" || short_name == "emailAddress") {
            w.ia5_string(value);
        } else {
            w.utf8_string(value);
        }
        a.value_der = w.take();
        a.value_tag = read_single(a.value_der, "attribute value").tag;
        a.text = value;
        rdn.push_back(std::move(a));
        if (separator != '+') {
            reversed.push_back(std::move(rdn));
            rdn.clear();
        }
    }
    if (!rdn.empty()) reversed.push_back(std::move(rdn));
    if (reversed.empty()) throw fail("no attributes");

    DerWriter w;
    w.sequence([&](DerWriter& seq) {
        for (auto it = reversed.rbegin(); it != reversed.rend(); ++it) {
            // X.690 §11.6: the SET OF in ascending order of encodings.
            std::vector<Bytes> encoded;
            for (const Attribute& a : *it) {
                DerWriter atv;
                atv.sequence([&](DerWriter& s) {
                    write_oid(s, a.type);
                    s.raw(a.value_der);
                });
                encoded.push_back(atv.take());
            }
            std::sort(encoded.begin(), encoded.end());
            seq.set([&](DerWriter& set) {
                for (const Bytes& b : encoded) set.raw(b);
            });
        }
    });
    const Bytes der = w.take();
    return parse(read_single(der, "Name"));
}

std::string Name::to_string() const {
    std::string out;
    for (auto it = rdns_.rbegin(); it != rdns_.rend(); ++it) {
        if (!out.empty()) out += ",";
        bool first = true;
        for (const Attribute& a : *it) {
            if (!first) out += "+";
            first = false;
            const std::string_view short_name = attribute_short_name(a.type);
            out += short_name.empty() ? a.type.dotted() : std::string(short_name);
            out += "=";
            // §2.4: a value that is not a string is written '#' followed by the hex of its BER encoding.
            out += a.text ? escape_value(*a.text) : "#" + to_hex(a.value_der);
        }
    }
    return out;
}

std::optional<std::string> Name::common_name() const {
    std::optional<std::string> cn;
    for (const RelativeDistinguishedName& rdn : rdns_) {
        for (const Attribute& a : rdn) {
            if (a.type == oids::common_name && a.text) cn = *a.text;
        }
    }
    return cn;
}

// RFC 5280 §7.1.
bool Name::matches(const Name& other) const {
    if (rdns_.size() != other.rdns_.size()) return false;
    for (std::size_t i = 0; i < rdns_.size(); ++i) {
        const RelativeDistinguishedName& a = rdns_[i];
        const RelativeDistinguishedName& b = other.rdns_[i];
        if (a.size() != b.size()) return false;
        for (const Attribute& x : a) {
            const bool found = std::any_of(b.begin(), b.end(), [&](const Attribute& y) { return attribute_matches(x, y); });
            if (!found) return false;
        }
    }
    return true;
}

}  // namespace lucid::x509
