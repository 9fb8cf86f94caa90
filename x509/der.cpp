#include "x509/der.h"

#include <limits>

#include "crypto/hex.h"
#include "x509/error.h"

namespace lucid::x509 {

namespace {

std::string what_prefix(std::string_view what) { return what.empty() ? std::string() : std::string(what) + ": "; }

std::string_view universal_name(std::uint32_t n) {
    switch (n) {
        case 0: return "END-OF-CONTENTS";
        case 1: return "BOOLEAN";
        case 2: return "INTEGER";
        case 3: return "BIT STRING";
        case 4: return "OCTET STRING";
        case 5: return "NULL";
        case 6: return "OBJECT IDENTIFIER";
        case 7: return "ObjectDescriptor";
        case 8: return "EXTERNAL";
        case 9: return "REAL";
        case 10: return "ENUMERATED";
        case 11: return "EMBEDDED PDV";
        case 12: return "UTF8String";
        case 13: return "RELATIVE-OID";
        case 16: return "SEQUENCE";
        case 17: return "SET";
        case 18: return "NumericString";
        case 19: return "PrintableString";
        case 20: return "TeletexString";
        case 21: return "VideotexString";
        case 22: return "IA5String";
        case 23: return "UTCTime";
        case 24: return "GeneralizedTime";
        case 25: return "GraphicString";
        case 26: return "VisibleString";
        case 27: return "GeneralString";
        case 28: return "UniversalString";
        case 29: return "CHARACTER STRING";
        case 30: return "BMPString";
        default: return "";
    }
}

// X.690 §10.2: DER uses the primitive form for strings, and these types have no constructed form at all.
bool must_be_primitive(std::uint32_t n) {
    return (n >= 1 && n <= 6) || n == 9 || n == 10 || n == 12 || n == 13 || (n >= 18 && n <= 30);
}
bool must_be_constructed(std::uint32_t n) { return n == 8 || n == 11 || n == 16 || n == 17; }

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// RFC 3629 §4: well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
// Returns the index of the first bad byte, or npos.
std::size_t first_bad_utf8(ByteView s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const std::uint8_t b = s[i];
        std::size_t n = 0;
        std::uint32_t cp = 0, min = 0;
        if (b < 0x80) {
            ++i;
            continue;
        } else if ((b & 0xE0) == 0xC0) {
            n = 1, cp = b & 0x1F, min = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            n = 2, cp = b & 0x0F, min = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            n = 3, cp = b & 0x07, min = 0x10000;
        } else {
            return i;
        }
        if (i + n >= s.size()) return i;  // the sequence is cut short
        for (std::size_t k = 1; k <= n; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += n + 1;
    }
    return std::string::npos;
}

bool printable_char(std::uint8_t c) {
    // X.680 §41.4 table 10: A-Z a-z 0-9 space ' ( ) + , - . / : = ?
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
    return std::string_view(" '()+,-./:=?").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string describe_byte(std::uint8_t b) { return "0x" + to_hex(ByteView(&b, 1)); }

}  // namespace

std::string tag_name(Tag tag) {
    if (tag.tag_class == TagClass::universal) {
        std::string_view n = universal_name(tag.number);
        if (!n.empty()) return std::string(n);
        return "[UNIVERSAL " + std::to_string(tag.number) + "]";
    }
    if (tag.tag_class == TagClass::context_specific) return "[" + std::to_string(tag.number) + "]";
    if (tag.tag_class == TagClass::application) return "[APPLICATION " + std::to_string(tag.number) + "]";
    return "[PRIVATE " + std::to_string(tag.number) + "]";
}

bool is_string_tag(Tag tag) {
    if (tag.tag_class != TagClass::universal || tag.constructed) return false;
    const std::uint32_t n = tag.number;
    return n == 12 || (n >= 18 && n <= 22) || (n >= 25 && n <= 30);
}

DerReader::DerReader(ByteView data, std::size_t base_offset) : data_(data), base_offset_(base_offset) {}

DerReader DerReader::contents_of(const Element& element) {
    return DerReader(element.content, element.content_offset());
}

// X.690 §8.1.2 (identifier), §8.1.3 (length), with the DER restrictions of §10.1 and §8.1.2.4.2.
Element DerReader::read() {
    const std::size_t start = pos_;
    auto at = [&](std::size_t p) { return base_offset_ + p; };
    auto next_byte = [&](std::string_view field) -> std::uint8_t {
        if (pos_ >= data_.size()) {
            throw DecodeError(at(pos_), "truncated: the input ends inside the " + std::string(field) +
                                            " of the element that starts at offset " + std::to_string(at(start)));
        }
        return data_[pos_++];
    };

    const std::uint8_t id = next_byte("identifier");
    Tag tag;
    tag.tag_class = static_cast<TagClass>(id >> 6);
    tag.constructed = (id & 0x20) != 0;
    tag.number = id & 0x1F;
    if (tag.number == 0x1F) {
        // High tag number form: base 128, most significant group first, minimal (§8.1.2.4.2 c).
        std::uint64_t number = 0;
        bool first = true;
        for (;;) {
            const std::size_t byte_pos = pos_;
            const std::uint8_t b = next_byte("tag number");
            if (first && b == 0x80) {
                throw DecodeError(at(byte_pos), "tag number has a leading 0x80 byte (X.690 §8.1.2.4.2 c)");
            }
            first = false;
            number = (number << 7) | (b & 0x7F);
            if (number > std::numeric_limits<std::uint32_t>::max()) {
                throw DecodeError(at(byte_pos), "tag number too large");
            }
            if ((b & 0x80) == 0) break;
        }
        if (number < 31) {
            throw DecodeError(at(start), "tag number " + std::to_string(number) +
                                             " uses the long form where one byte suffices (X.690 §8.1.2.4)");
        }
        tag.number = static_cast<std::uint32_t>(number);
    }
    if (tag.tag_class == TagClass::universal) {
        if (tag.number == 0) {
            throw DecodeError(at(start), "end-of-contents marker: only the indefinite length of BER uses it, "
                                         "DER forbids it (X.690 §10.1)");
        }
        if (tag.constructed && must_be_primitive(tag.number)) {
            throw DecodeError(at(start), tag_name(tag) + " in constructed form: DER requires the primitive "
                                                         "form (X.690 §10.2)");
        }
        if (!tag.constructed && must_be_constructed(tag.number)) {
            throw DecodeError(at(start), tag_name(tag) + " in primitive form: it must be constructed (X.690 §8.9.1)");
        }
    }

    const std::size_t length_pos = pos_;
    const std::uint8_t first = next_byte("length");
    std::size_t length = 0;
    if (first < 0x80) {
        length = first;
    } else if (first == 0x80) {
        throw DecodeError(at(length_pos), "indefinite length (0x80): BER allows it, DER requires the definite "
                                          "form (X.690 §10.1)");
    } else if (first == 0xFF) {
        throw DecodeError(at(length_pos), "length byte 0xFF is reserved (X.690 §8.1.3.5 c)");
    } else {
        const std::size_t count = first & 0x7F;
        if (count > 4) {
            throw DecodeError(at(length_pos), "length of " + std::to_string(count) +
                                                  " bytes: larger than any input lucid reads");
        }
        for (std::size_t i = 0; i < count; ++i) {
            const std::size_t byte_pos = pos_;
            const std::uint8_t b = next_byte("length");
            if (i == 0 && b == 0) {
                throw DecodeError(at(byte_pos), "length has a leading zero byte: DER requires the minimum number "
                                                "of octets (X.690 §10.1)");
            }
            length = (length << 8) | b;
        }
        if (length < 0x80) {
            throw DecodeError(at(length_pos), "length " + std::to_string(length) +
                                                  " in the long form where the short form fits: DER requires "
                                                  "the minimum number of octets (X.690 §10.1)");
        }
    }
    if (length > data_.size() - pos_) {
        throw DecodeError(at(length_pos), tag_name(tag) + " of length " + std::to_string(length) + " but only " +
                                              std::to_string(data_.size() - pos_) + " bytes remain");
    }

    Element e;
    e.tag = tag;
    e.offset = at(start);
    e.header_length = pos_ - start;
    e.content = data_.subspan(pos_, length);
    e.encoding = data_.subspan(start, pos_ - start + length);
    pos_ += length;
    return e;
}

Element DerReader::read(Tag expected, std::string_view what) {
    if (empty()) {
        throw DecodeError(offset(), std::string(what) + ": expected " + tag_name(expected) + ", found the end of its container");
    }
    const std::size_t start = pos_;
    Element e = read();
    if (!(e.tag == expected)) {
        pos_ = start;
        throw DecodeError(e.offset, std::string(what) + ": expected " + tag_name(expected) + ", found " +
                                        tag_name(e.tag) + (e.tag.constructed && !expected.constructed ? " (constructed)" : ""));
    }
    return e;
}

std::optional<Tag> DerReader::peek_tag() const {
    if (empty()) return std::nullopt;
    const std::uint8_t id = data_[pos_];
    if ((id & 0x1F) != 0x1F) {
        return Tag{static_cast<TagClass>(id >> 6), (id & 0x20) != 0, static_cast<std::uint32_t>(id & 0x1F)};
    }
    DerReader copy = *this;  // a multi-byte tag: let read() decode (and check) it
    return copy.read().tag;
}

std::optional<Element> DerReader::read_optional(Tag expected) {
    std::optional<Tag> next = peek_tag();
    if (!next || !(*next == expected)) return std::nullopt;
    return read();
}

DerReader DerReader::sequence(std::string_view what) { return contents_of(read(tags::sequence, what)); }

void DerReader::expect_end(std::string_view what) const {
    if (!empty()) {
        throw DecodeError(offset(), std::to_string(data_.size() - pos_) + " unexpected byte(s) at the end of " +
                                        std::string(what));
    }
}

Element read_single(ByteView der, std::string_view what) {
    DerReader r(der);
    Element e = r.read();
    if (!r.empty()) {
        throw DecodeError(r.offset(), std::to_string(der.size() - r.offset()) + " byte(s) after the end of the " +
                                          std::string(what));
    }
    return e;
}

// X.690 §8.3.2: "the bits of the first octet and bit 8 of the second octet shall not all be ones;
// and shall not all be zero".
ByteView der_integer(const Element& e, std::string_view what) {
    if (e.tag.constructed) throw DecodeError(e.offset, what_prefix(what) + "INTEGER must be primitive");
    if (e.content.empty()) {
        throw DecodeError(e.offset, what_prefix(what) + "INTEGER with no content bytes (X.690 §8.3.1)");
    }
    if (e.content.size() > 1) {
        const std::uint8_t a = e.content[0], b = e.content[1];
        if ((a == 0x00 && (b & 0x80) == 0) || (a == 0xFF && (b & 0x80) != 0)) {
            throw DecodeError(e.content_offset(), what_prefix(what) + "INTEGER is not minimally encoded: leading " +
                                                      describe_byte(a) + " is redundant (X.690 §8.3.2)");
        }
    }
    return e.content;
}

Bytes der_unsigned_integer(const Element& e, std::string_view what) {
    ByteView v = der_integer(e, what);
    if (v[0] & 0x80) throw DecodeError(e.content_offset(), what_prefix(what) + "negative INTEGER where >= 0 is required");
    if (v.size() > 1 && v[0] == 0) v = v.subspan(1);
    return Bytes(v.begin(), v.end());
}

std::int64_t der_small_integer(const Element& e, std::string_view what, std::int64_t min, std::int64_t max) {
    ByteView v = der_integer(e, what);
    if (v.size() > 8) throw DecodeError(e.content_offset(), what_prefix(what) + "INTEGER too large");
    std::int64_t value = (v[0] & 0x80) ? -1 : 0;
    for (std::uint8_t b : v) value = static_cast<std::int64_t>((static_cast<std::uint64_t>(value) << 8) | b);
    if (value < min || value > max) {
        throw DecodeError(e.content_offset(), what_prefix(what) + "value " + std::to_string(value) +
                                                  " is outside [" + std::to_string(min) + ", " + std::to_string(max) + "]");
    }
    return value;
}

// X.690 §11.1: "If the encoding represents the boolean value TRUE, its single contents octet shall
// have all eight bits set to one."
bool der_boolean(const Element& e, std::string_view what) {
    if (e.content.size() != 1) {
        throw DecodeError(e.offset, what_prefix(what) + "BOOLEAN must have exactly one content byte, has " +
                                        std::to_string(e.content.size()) + " (X.690 §8.2.1)");
    }
    if (e.content[0] != 0x00 && e.content[0] != 0xFF) {
        throw DecodeError(e.content_offset(), what_prefix(what) + "BOOLEAN " + describe_byte(e.content[0]) +
                                                  ": DER allows only 0x00 and 0xFF (X.690 §11.1)");
    }
    return e.content[0] == 0xFF;
}

void der_null(const Element& e, std::string_view what) {
    if (!e.content.empty()) throw DecodeError(e.offset, what_prefix(what) + "NULL with content bytes (X.690 §8.8.2)");
}

bool BitString::bit(std::size_t i) const {
    if (i >= bit_length()) return false;
    return (bytes[i / 8] >> (7 - i % 8)) & 1;
}

// X.690 §8.6.2 and §11.2.1: "each unused bit in the final octet ... shall be set to zero".
BitString der_bit_string(const Element& e, std::string_view what) {
    if (e.content.empty()) {
        throw DecodeError(e.offset, what_prefix(what) + "BIT STRING without its unused-bits byte (X.690 §8.6.2)");
    }
    const std::uint8_t unused = e.content[0];
    if (unused > 7) {
        throw DecodeError(e.content_offset(), what_prefix(what) + "BIT STRING says " + std::to_string(unused) +
                                                  " unused bits; at most 7 are possible (X.690 §8.6.2.2)");
    }
    if (e.content.size() == 1 && unused != 0) {
        throw DecodeError(e.content_offset(), what_prefix(what) + "empty BIT STRING with unused bits (X.690 §8.6.2.3)");
    }
    BitString b;
    b.unused_bits = unused;
    b.bytes.assign(e.content.begin() + 1, e.content.end());
    if (unused != 0) {
        const std::uint8_t mask = static_cast<std::uint8_t>((1u << unused) - 1);
        if (b.bytes.back() & mask) {
            throw DecodeError(e.end_offset() - 1, what_prefix(what) + "BIT STRING has non-zero unused bits: DER "
                                                                      "requires zeros (X.690 §11.2.1)");
        }
    }
    return b;
}

std::string der_string(const Element& e, std::string_view what) {
    if (!is_string_tag(e.tag)) {
        throw DecodeError(e.offset, what_prefix(what) + "expected a string type, found " + tag_name(e.tag));
    }
    const ByteView s = e.content;
    auto bad_char = [&](std::size_t i, std::string_view rule) {
        return DecodeError(e.content_offset() + i, what_prefix(what) + tag_name(e.tag) + " holds byte " +
                                                       describe_byte(s[i]) + ", " + std::string(rule));
    };
    std::string out;
    switch (e.tag.number) {
        case 12: {  // UTF8String
            std::size_t bad = first_bad_utf8(s);
            if (bad != std::string::npos) throw bad_char(bad, "which is not well-formed UTF-8 (RFC 3629)");
            out.assign(s.begin(), s.end());
            break;
        }
        case 19:  // PrintableString
            for (std::size_t i = 0; i < s.size(); ++i) {
                if (!printable_char(s[i])) throw bad_char(i, "outside the PrintableString set (X.680 §41.4)");
            }
            out.assign(s.begin(), s.end());
            break;
        case 18:  // NumericString
            for (std::size_t i = 0; i < s.size(); ++i) {
                if (!((s[i] >= '0' && s[i] <= '9') || s[i] == ' ')) throw bad_char(i, "outside the NumericString set");
            }
            out.assign(s.begin(), s.end());
            break;
        case 22:  // IA5String
            for (std::size_t i = 0; i < s.size(); ++i) {
                if (s[i] >= 0x80) throw bad_char(i, "outside IA5 (7-bit ASCII)");
            }
            out.assign(s.begin(), s.end());
            break;
        case 26:  // VisibleString
            for (std::size_t i = 0; i < s.size(); ++i) {
                if (s[i] < 0x20 || s[i] > 0x7E) throw bad_char(i, "outside VisibleString (printable ASCII)");
            }
            out.assign(s.begin(), s.end());
            break;
        case 30:  // BMPString: UCS-2, big-endian
            if (s.size() % 2 != 0) {
                throw DecodeError(e.offset, what_prefix(what) + "BMPString of odd length " + std::to_string(s.size()));
            }
            for (std::size_t i = 0; i < s.size(); i += 2) {
                const std::uint32_t cp = (static_cast<std::uint32_t>(s[i]) << 8) | s[i + 1];
                if (cp >= 0xD800 && cp <= 0xDFFF) throw bad_char(i, "a surrogate, which UCS-2 does not have");
                append_utf8(out, cp);
            }
            break;
        case 28:  // UniversalString: UCS-4, big-endian
            if (s.size() % 4 != 0) {
                throw DecodeError(e.offset, what_prefix(what) + "UniversalString length " + std::to_string(s.size()) +
                                                " is not a multiple of 4");
            }
            for (std::size_t i = 0; i < s.size(); i += 4) {
                const std::uint32_t cp = (static_cast<std::uint32_t>(s[i]) << 24) | (static_cast<std::uint32_t>(s[i + 1]) << 16) |
                                         (static_cast<std::uint32_t>(s[i + 2]) << 8) | s[i + 3];
                if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) throw bad_char(i, "not a Unicode scalar value");
                append_utf8(out, cp);
            }
            break;
        default:  // TeletexString and the other legacy types: ISO 8859-1, byte for byte
            for (std::uint8_t c : s) append_utf8(out, c);
            break;
    }
    return out;
}

Bytes der_header(Tag tag, std::size_t content_length) {
    Bytes out;
    const std::uint8_t high = static_cast<std::uint8_t>((static_cast<unsigned>(tag.tag_class) << 6) | (tag.constructed ? 0x20 : 0));
    if (tag.number < 31) {
        out.push_back(static_cast<std::uint8_t>(high | tag.number));
    } else {
        out.push_back(static_cast<std::uint8_t>(high | 0x1F));
        Bytes groups;
        for (std::uint32_t n = tag.number; n != 0; n >>= 7) groups.insert(groups.begin(), static_cast<std::uint8_t>(n & 0x7F));
        for (std::size_t i = 0; i + 1 < groups.size(); ++i) groups[i] |= 0x80;
        append(out, groups);
    }
    if (content_length < 0x80) {
        out.push_back(static_cast<std::uint8_t>(content_length));
    } else {
        Bytes len;
        for (std::size_t n = content_length; n != 0; n >>= 8) len.insert(len.begin(), static_cast<std::uint8_t>(n & 0xFF));
        out.push_back(static_cast<std::uint8_t>(0x80 | len.size()));
        append(out, len);
    }
    return out;
}

void DerWriter::element(Tag tag, ByteView content) {
    const Bytes header = der_header(tag, content.size());
    out_.insert(out_.end(), header.begin(), header.end());
    out_.insert(out_.end(), content.begin(), content.end());
}

void DerWriter::constructed(Tag tag, const std::function<void(DerWriter&)>& body) {
    DerWriter inner;
    body(inner);
    element(Tag{tag.tag_class, true, tag.number}, inner.data());
}

void DerWriter::unsigned_integer(ByteView magnitude) {
    std::size_t first = 0;
    while (first + 1 < magnitude.size() && magnitude[first] == 0) ++first;
    WipedBytes content;  // may be a private key's prime
    if (magnitude.empty()) {
        content.push_back(0);
    } else {
        if (magnitude[first] & 0x80) content.push_back(0);
        content.insert(content.end(), magnitude.begin() + static_cast<std::ptrdiff_t>(first), magnitude.end());
    }
    element(tags::integer, content);
}

void DerWriter::integer(std::int64_t value) {
    Bytes content;
    for (int shift = 56; shift >= 0; shift -= 8) content.push_back(static_cast<std::uint8_t>(static_cast<std::uint64_t>(value) >> shift));
    // Drop redundant leading bytes (§8.3.2).
    std::size_t first = 0;
    while (first + 1 < content.size() &&
           ((content[first] == 0x00 && !(content[first + 1] & 0x80)) || (content[first] == 0xFF && (content[first + 1] & 0x80)))) {
        ++first;
    }
    element(tags::integer, ByteView(content).subspan(first));
}

void DerWriter::boolean(bool value) {
    const std::uint8_t b = value ? 0xFF : 0x00;
    element(tags::boolean, ByteView(&b, 1));
}

void DerWriter::null() { element(tags::null, {}); }

void DerWriter::bit_string(ByteView bytes, unsigned unused_bits) {
    WipedBytes content{static_cast<std::uint8_t>(unused_bits)};
    content.insert(content.end(), bytes.begin(), bytes.end());
    element(tags::bit_string, content);
}

void DerWriter::octet_string(ByteView bytes) { element(tags::octet_string, bytes); }
void DerWriter::utf8_string(std::string_view text) { element(tags::utf8_string, as_bytes(text)); }
void DerWriter::printable_string(std::string_view text) { element(tags::printable_string, as_bytes(text)); }
void DerWriter::ia5_string(std::string_view text) { element(tags::ia5_string, as_bytes(text)); }

void DerWriter::octet_string_of(const std::function<void(DerWriter&)>& body) {
    DerWriter inner;
    body(inner);
    octet_string(inner.data());
}

void DerWriter::bit_string_of(const std::function<void(DerWriter&)>& body) {
    DerWriter inner;
    body(inner);
    bit_string(inner.data(), 0);
}

void DerWriter::raw(ByteView der) { out_.insert(out_.end(), der.begin(), der.end()); }

}  // namespace lucid::x509
