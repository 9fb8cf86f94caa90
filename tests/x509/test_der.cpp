// x509/der: the strict X.690 DER reader and the writer.
#include <doctest/doctest.h>

#include <functional>

#include "crypto/hex.h"
#include "x509/der.h"
#include "x509/error.h"

using namespace lucid;
using namespace lucid::x509;

namespace {

// The offset a DecodeError names for this input, or SIZE_MAX if it parses.
std::size_t error_offset(const std::function<void()>& f) {
    try {
        f();
    } catch (const DecodeError& e) {
        return e.offset();
    }
    return SIZE_MAX;
}

std::string error_text(const std::function<void()>& f) {
    try {
        f();
    } catch (const DecodeError& e) {
        return e.what();
    }
    return "";
}

// Reads every TLV of a hex string, one level.
void read_all(const std::string& hex) {
    Bytes b = from_hex(hex);
    DerReader r(b);
    while (!r.empty()) r.read();
}

}  // namespace

TEST_CASE("X.690 §8.1: a definite short-form TLV is read with its offsets") {
    // 30 06 | 02 01 05 | 01 01 ff
    Bytes b = from_hex("3006020105" "0101ff");
    DerReader outer(b);
    Element seq = outer.read(tags::sequence, "test");
    CHECK(seq.offset == 0);
    CHECK(seq.header_length == 2);
    CHECK(seq.content.size() == 6);
    DerReader inner = DerReader::contents_of(seq);
    Element i = inner.read(tags::integer, "i");
    CHECK(i.offset == 2);
    CHECK(i.content_offset() == 4);
    CHECK(der_small_integer(i, "i", 0, 10) == 5);
    Element t = inner.read(tags::boolean, "b");
    CHECK(t.offset == 5);
    CHECK(der_boolean(t, "b"));
    inner.expect_end("test");
    CHECK(outer.empty());
}

TEST_CASE("X.690 §10.1: the indefinite length 0x80 (BER) is rejected at its offset") {
    // 30 80 02 01 00 00 00: a SEQUENCE closed by an end-of-contents marker
    CHECK(error_offset([] { read_all("3080020100" "0000"); }) == 1);
    CHECK(error_text([] { read_all("3080020100" "0000"); }).find("indefinite") != std::string::npos);
}

TEST_CASE("X.690 §10.1: a long-form length where the short form fits is rejected") {
    // 04 81 03 ...: length 3 written in two bytes
    CHECK(error_offset([] { read_all("048103616263"); }) == 1);
    CHECK(error_text([] { read_all("048103616263"); }).find("minimum number of octets") != std::string::npos);
}

TEST_CASE("X.690 §10.1: a length with a leading zero byte is rejected") {
    // 04 82 00 81 + 129 bytes: 0x0081 could be written 81 81
    std::string hex = "04820081" + std::string(129 * 2, 'a');
    CHECK(error_offset([&] { read_all(hex); }) == 2);
    // ... while the minimal 04 81 81 + 129 bytes is fine.
    CHECK(error_offset([&] { read_all("048181" + std::string(129 * 2, 'a')); }) == SIZE_MAX);
}

TEST_CASE("X.690 §8.1.3.5: the reserved length byte 0xFF is rejected") {
    CHECK(error_offset([] { read_all("04ff"); }) == 1);
}

TEST_CASE("X.690 §8.3.2: INTEGERs with a redundant leading byte are rejected at the content offset") {
    Bytes zero_pad = from_hex("30040202007f");  // INTEGER 00 7F: 7F alone is the same value
    DerReader r(zero_pad);
    Element i = DerReader::contents_of(r.read()).read();
    CHECK(error_offset([&] { der_integer(i, "n"); }) == 4);
    CHECK(error_text([&] { der_integer(i, "n"); }).find("not minimally encoded") != std::string::npos);

    Bytes ff_pad = from_hex("0202ff80");  // FF 80 is -128, which 80 alone already says
    Element j = read_single(ff_pad, "n");
    CHECK(error_offset([&] { der_integer(j, "n"); }) == 2);

    // The necessary leading byte stays: 00 80 is +128, FF 7F is -129.
    CHECK(der_small_integer(read_single(from_hex("02020080"), "n"), "n", -1000, 1000) == 128);
    CHECK(der_small_integer(read_single(from_hex("0202ff7f"), "n"), "n", -1000, 1000) == -129);
    // An INTEGER needs at least one byte (§8.3.1).
    Bytes empty_int = from_hex("0200");
    CHECK(error_offset([&] { der_integer(read_single(empty_int, "n"), "n"); }) == 0);
}

TEST_CASE("X.690 §11.1: a BOOLEAN is 00 or FF, one byte") {
    CHECK_FALSE(der_boolean(read_single(from_hex("010100"), "b"), "b"));
    CHECK(der_boolean(read_single(from_hex("0101ff"), "b"), "b"));
    Bytes one = from_hex("010101");  // TRUE in BER, not in DER
    CHECK(error_offset([&] { der_boolean(read_single(one, "b"), "b"); }) == 2);
    CHECK(error_text([&] { der_boolean(read_single(one, "b"), "b"); }).find("0x01") != std::string::npos);
    Bytes two = from_hex("01020000");
    CHECK(error_offset([&] { der_boolean(read_single(two, "b"), "b"); }) == 0);
}

TEST_CASE("X.690 §10.2 and §8.9.1: constructed strings and primitive SEQUENCEs are rejected") {
    // 24 ...: OCTET STRING in the constructed form (BER may split a string into pieces)
    CHECK(error_offset([] { read_all("2405" "0403616263"); }) == 0);
    CHECK(error_text([] { read_all("2405" "0403616263"); }).find("constructed form") != std::string::npos);
    // 10 00: SEQUENCE with the constructed bit clear
    CHECK(error_offset([] { read_all("1000"); }) == 0);
}

TEST_CASE("X.690 §8.1.2.4: a tag number below 31 in the long form is rejected; a real one is read") {
    CHECK(error_offset([] { read_all("9f0500"); }) == 0);
    Bytes ok = from_hex("9f2001aa");  // [32] primitive, one byte
    Element e = read_single(ok, "x");
    CHECK(e.tag == Tag{TagClass::context_specific, false, 32});
    CHECK(e.header_length == 3);
    CHECK(error_offset([] { read_all("9f802000"); }) == 1);  // leading 0x80 in the tag number
}

TEST_CASE("DER reader: truncation and lengths past the end are errors, never reads past the input") {
    CHECK(error_offset([] { read_all("30"); }) == 1);
    CHECK(error_offset([] { read_all("3005020100"); }) == 1);
    CHECK(error_offset([] { read_all("0482"); }) == 2);
    // Every strict prefix of a valid encoding fails.
    const std::string full = "300d06092a864886f70d01010b0500";
    Bytes whole = from_hex(full);
    for (std::size_t n = 1; n < whole.size(); ++n) {
        INFO("prefix of " << n << " bytes");
        CHECK_THROWS_AS(read_single(ByteView(whole).first(n), "x"), DecodeError);
    }
    CHECK_NOTHROW(read_single(whole, "x"));
}

TEST_CASE("X.690 §10.1: the end-of-contents tag is rejected; trailing bytes after one TLV too") {
    CHECK(error_offset([] { read_all("0000"); }) == 0);
    Bytes trailing = from_hex("050000");
    CHECK(error_offset([&] { read_single(trailing, "x"); }) == 2);
}

TEST_CASE("X.690 §11.2.1: BIT STRING unused bits are at most 7 and zero in DER") {
    BitString ok = der_bit_string(read_single(from_hex("03020680"), "b"), "b");
    CHECK(ok.unused_bits == 6);
    CHECK(ok.bit_length() == 2);
    CHECK(ok.bit(0));
    CHECK_FALSE(ok.bit(1));
    Bytes nonzero = from_hex("03020681");  // the lowest (unused) bit is set
    CHECK(error_offset([&] { der_bit_string(read_single(nonzero, "b"), "b"); }) == 3);
    Bytes eight = from_hex("030208ff");
    CHECK(error_offset([&] { der_bit_string(read_single(eight, "b"), "b"); }) == 2);
    Bytes empty_with_unused = from_hex("030101");
    CHECK(error_offset([&] { der_bit_string(read_single(empty_with_unused, "b"), "b"); }) == 2);
}

TEST_CASE("X.680 §41: string types are checked against their character sets") {
    CHECK(der_string(read_single(from_hex("13024142"), "s"), "s") == "AB");
    Bytes at_sign = from_hex("1303614062");  // '@' is not a PrintableString character
    CHECK(error_offset([&] { der_string(read_single(at_sign, "s"), "s"); }) == 3);
    Bytes bad_utf8 = from_hex("0c02c328");  // a lead byte followed by a non-continuation byte
    CHECK(error_offset([&] { der_string(read_single(bad_utf8, "s"), "s"); }) == 2);
    Bytes overlong = from_hex("0c02c0af");  // an overlong encoding of '/'
    CHECK_THROWS_AS(der_string(read_single(overlong, "s"), "s"), DecodeError);
    Bytes ia5_high = from_hex("160180");
    CHECK(error_offset([&] { der_string(read_single(ia5_high, "s"), "s"); }) == 2);
    // BMPString (UCS-2) becomes UTF-8: U+00E9
    CHECK(der_string(read_single(from_hex("1e0200e9"), "s"), "s") == "\xc3\xa9");
}

TEST_CASE("DER writer: INTEGERs are minimal, lengths use the short form up to 127") {
    auto int_hex = [](std::int64_t v) {
        DerWriter w;
        w.integer(v);
        return to_hex(w.data());
    };
    CHECK(int_hex(0) == "020100");
    CHECK(int_hex(127) == "02017f");
    CHECK(int_hex(128) == "02020080");
    CHECK(int_hex(256) == "02020100");
    CHECK(int_hex(-1) == "0201ff");
    CHECK(int_hex(-128) == "020180");
    CHECK(int_hex(-129) == "0202ff7f");
    DerWriter u;
    u.unsigned_integer(from_hex("0000ff"));  // leading zeros dropped, a sign byte added
    CHECK(to_hex(u.data()) == "020200ff");
    // Whatever the writer makes, the strict reader accepts and reads back.
    for (std::int64_t v : {0LL, 1LL, 127LL, 128LL, 32767LL, 32768LL, -1LL, -32768LL, -32769LL, 1LL << 40}) {
        DerWriter w;
        w.integer(v);
        CHECK(der_small_integer(read_single(w.data(), "n"), "n", INT64_MIN, INT64_MAX) == v);
    }
    for (std::size_t len : {0u, 127u, 128u, 255u, 256u, 70000u}) {
        DerWriter w;
        w.octet_string(Bytes(len, 0x55));
        Element e = read_single(w.data(), "o");
        CHECK(e.content.size() == len);
        CHECK(e.header_length == (len < 128 ? 2u : len < 256 ? 3u : len < 65536 ? 4u : 5u));
    }
}

TEST_CASE("DER writer: nested constructed blocks get their lengths filled in") {
    DerWriter w;
    w.sequence([](DerWriter& s) {
        s.boolean(true);
        s.explicit_tag(3, [](DerWriter& x) { x.null(); });
        s.set([](DerWriter& set) { set.printable_string("hi"); });
    });
    CHECK(to_hex(w.data()) == "300d" "0101ff" "a3020500" "310413026869");
    Element e = read_single(w.data(), "s");
    DerReader r = DerReader::contents_of(e);
    CHECK(r.read().tag == tags::boolean);
    CHECK(r.read().tag == tags::context(3, true));
    CHECK(r.read().tag == tags::set);
    CHECK(r.empty());
    CHECK(der_header(tags::context(40, false), 300) == from_hex("9f28" "82012c"));
}
