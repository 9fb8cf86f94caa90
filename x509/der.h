// DER, the Distinguished Encoding Rules of X.690: how every certificate and key is written.
//
// Every DER value is a TLV: an identifier (the tag), a length, and that many content bytes.
//
//   identifier   bits 8-7 class (universal, application, context-specific, private)
//                bit 6    constructed (the contents are more TLVs) or primitive
//                bits 5-1 tag number; 11111 means "the number follows in base 128"
//   length       one byte 0..127, or 0x80|n followed by n bytes of length (X.690 §8.1.3)
//   contents     the value
//
// BER allows several encodings of one value; DER allows exactly one (X.690 §10). The reader here is
// strict about it, because a certificate is signed over its bytes: two encodings of "the same"
// certificate that parsers read differently is how signature checks have been fooled. So it
// rejects, with the offset, every BER freedom:
//   - the indefinite length 0x80 (§10.1), a long form where the short one fits and leading zero
//     length bytes (§10.1: "the definite form of length encoding shall be used, encoded in the
//     minimum number of octets");
//   - an INTEGER with a redundant leading 00 or FF byte (§8.3.2);
//   - a BOOLEAN other than 00 or FF (§11.1);
//   - a constructed string, a primitive SEQUENCE or SET, a non-zero unused bit in a BIT STRING
//     (§10.2, §11.2.1), a tag number written longer than needed (§8.1.2.4.2).
//
// DerReader reads one level of TLVs from a span and never reads past it. DerWriter builds DER with
// nested blocks whose length it fills in itself: no length is ever counted by hand.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/ct.h"
#include "crypto/secret.h"

namespace lucid::x509 {

enum class TagClass : std::uint8_t { universal = 0, application = 1, context_specific = 2, private_use = 3 };

struct Tag {
    TagClass tag_class = TagClass::universal;
    bool constructed = false;
    std::uint32_t number = 0;

    bool operator==(const Tag&) const = default;
};

// The universal tags X.509 uses (X.680 §8.4). Strings and times are primitive in DER.
namespace tags {
constexpr Tag boolean{TagClass::universal, false, 1};
constexpr Tag integer{TagClass::universal, false, 2};
constexpr Tag bit_string{TagClass::universal, false, 3};
constexpr Tag octet_string{TagClass::universal, false, 4};
constexpr Tag null{TagClass::universal, false, 5};
constexpr Tag object_identifier{TagClass::universal, false, 6};
constexpr Tag enumerated{TagClass::universal, false, 10};
constexpr Tag utf8_string{TagClass::universal, false, 12};
constexpr Tag sequence{TagClass::universal, true, 16};
constexpr Tag set{TagClass::universal, true, 17};
constexpr Tag numeric_string{TagClass::universal, false, 18};
constexpr Tag printable_string{TagClass::universal, false, 19};
constexpr Tag teletex_string{TagClass::universal, false, 20};
constexpr Tag ia5_string{TagClass::universal, false, 22};
constexpr Tag utc_time{TagClass::universal, false, 23};
constexpr Tag generalized_time{TagClass::universal, false, 24};
constexpr Tag visible_string{TagClass::universal, false, 26};
constexpr Tag universal_string{TagClass::universal, false, 28};
constexpr Tag bmp_string{TagClass::universal, false, 30};

// [n] in the ASN.1 module: context-specific, constructed when it wraps other TLVs (EXPLICIT or a
// SEQUENCE-like IMPLICIT type), primitive when it replaces the tag of a primitive value.
constexpr Tag context(std::uint32_t n, bool constructed) {
    return Tag{TagClass::context_specific, constructed, n};
}
}  // namespace tags

// "SEQUENCE", "INTEGER", "[0]", "[APPLICATION 3]", "[UNIVERSAL 99]".
std::string tag_name(Tag tag);
// True for the universal string types (UTF8String, PrintableString, IA5String ...).
bool is_string_tag(Tag tag);

// One TLV as found in the input. Views point into the caller's buffer.
struct Element {
    Tag tag;
    std::size_t offset = 0;         // absolute offset of the identifier byte
    std::size_t header_length = 0;  // identifier and length bytes
    ByteView content;               // the value
    ByteView encoding;              // the whole TLV, identifier to last content byte

    std::size_t content_offset() const { return offset + header_length; }
    std::size_t end_offset() const { return content_offset() + content.size(); }
};

class DerReader {
public:
    // base_offset: where data starts in the outermost object, so error offsets are absolute.
    explicit DerReader(ByteView data, std::size_t base_offset = 0);
    // A reader over the contents of a constructed element.
    static DerReader contents_of(const Element& element);

    bool empty() const { return pos_ == data_.size(); }
    std::size_t offset() const { return base_offset_ + pos_; }

    // The next TLV, whatever its tag. X.690 §8.1 with the DER restrictions of §10.
    Element read();
    // The next TLV, which must have this tag; `what` names it in the error ("TBSCertificate").
    Element read(Tag expected, std::string_view what);
    // The next TLV if it has this tag (an OPTIONAL or DEFAULT field), otherwise nothing is consumed.
    std::optional<Element> read_optional(Tag expected);
    // The tag of the next TLV without consuming it; empty at the end.
    std::optional<Tag> peek_tag() const;

    // read(SEQUENCE) and a reader over its contents.
    DerReader sequence(std::string_view what);

    // "trailing data after ..." unless everything was read.
    void expect_end(std::string_view what) const;

private:
    ByteView data_;
    std::size_t pos_ = 0;
    std::size_t base_offset_ = 0;
};

// Reads exactly one TLV that fills all of `der` (a certificate file, a key): trailing bytes are an error.
Element read_single(ByteView der, std::string_view what);

// Content decoders. Each checks the DER rules of its type and throws DecodeError with the offset.

// X.690 §8.3: two's complement, at least one byte, minimal. Returns the content bytes.
ByteView der_integer(const Element& e, std::string_view what);
// An INTEGER that must be >= 0: its magnitude as unsigned big-endian bytes without leading zeros
// (zero is one 00 byte).
Bytes der_unsigned_integer(const Element& e, std::string_view what);
// An INTEGER that must fit in [min, max].
std::int64_t der_small_integer(const Element& e, std::string_view what, std::int64_t min, std::int64_t max);
// X.690 §11.1: one byte, 00 (FALSE) or FF (TRUE).
bool der_boolean(const Element& e, std::string_view what);
// X.690 §8.8: no contents.
void der_null(const Element& e, std::string_view what);

// X.690 §8.6 and §11.2: the first content byte counts the unused bits at the end (0..7); in DER
// those bits are zero.
struct BitString {
    Bytes bytes;
    unsigned unused_bits = 0;
    std::size_t bit_length() const { return bytes.size() * 8 - unused_bits; }
    bool bit(std::size_t i) const;  // bit 0 is the most significant bit of the first byte
};
BitString der_bit_string(const Element& e, std::string_view what);

// The text of a string type, as UTF-8. Checks the character set of PrintableString, IA5String,
// NumericString and VisibleString, the UTF-8 of UTF8String; converts BMPString (UCS-2) and
// UniversalString (UCS-4). TeletexString is read as ISO 8859-1, the reading most software uses.
std::string der_string(const Element& e, std::string_view what);

// An allocator that zeroes memory before handing it back. DerWriter keeps its buffers in it, so
// that writing a private key (x509/private_key.h) leaves no copy of it in freed heap memory, even
// when a buffer grows and is moved.
template <typename T>
struct WipingAllocator {
    using value_type = T;
    WipingAllocator() = default;
    template <typename U>
    WipingAllocator(const WipingAllocator<U>&) {}
    T* allocate(std::size_t n) { return std::allocator<T>().allocate(n); }
    void deallocate(T* p, std::size_t n) {
        ct::wipe(p, n * sizeof(T));
        std::allocator<T>().deallocate(p, n);
    }
    template <typename U>
    bool operator==(const WipingAllocator<U>&) const { return true; }
};
using WipedBytes = std::vector<std::uint8_t, WipingAllocator<std::uint8_t>>;

class DerWriter {
public:
    // One TLV with these contents.
    void element(Tag tag, ByteView content);
    // A constructed TLV whose contents body writes; the length is filled in afterwards.
    void constructed(Tag tag, const std::function<void(DerWriter&)>& body);
    void sequence(const std::function<void(DerWriter&)>& body) { constructed(tags::sequence, body); }
    void set(const std::function<void(DerWriter&)>& body) { constructed(tags::set, body); }
    // [n] EXPLICIT: a constructed context tag around body.
    void explicit_tag(std::uint32_t n, const std::function<void(DerWriter&)>& body) {
        constructed(tags::context(n, true), body);
    }

    // A non-negative INTEGER from its unsigned big-endian magnitude (leading zeros are dropped and
    // a 00 is added when the top bit is set, §8.3.2).
    void unsigned_integer(ByteView magnitude);
    void integer(std::int64_t value);
    void boolean(bool value);
    void null();
    void bit_string(ByteView bytes, unsigned unused_bits = 0);
    void octet_string(ByteView bytes);
    void utf8_string(std::string_view text);
    void printable_string(std::string_view text);
    void ia5_string(std::string_view text);
    // An OCTET STRING whose contents body writes (extnValue, which wraps DER in DER).
    void octet_string_of(const std::function<void(DerWriter&)>& body);
    // A BIT STRING with no unused bits whose contents body writes (subjectPublicKey).
    void bit_string_of(const std::function<void(DerWriter&)>& body);
    // Bytes that are already a DER TLV (a Name kept from a parsed certificate).
    void raw(ByteView der);

    ByteView data() const { return out_; }
    Bytes take() const { return Bytes(out_.begin(), out_.end()); }
    // For private keys: the result goes straight into memory that is wiped when freed.
    SecretBytes take_secret() const { return SecretBytes(ByteView(out_)); }

private:
    WipedBytes out_;
};

// The identifier and length octets of one TLV (X.690 §8.1.2, §8.1.3, definite minimal form).
Bytes der_header(Tag tag, std::size_t content_length);

}  // namespace lucid::x509
