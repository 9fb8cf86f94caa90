// x509/asn1_time: UTCTime and GeneralizedTime as RFC 5280 §4.1.2.5 allows them.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "x509/asn1_time.h"
#include "x509/error.h"

using namespace lucid;
using namespace lucid::x509;

namespace {
Time utc(const std::string& text) {
    Bytes der = {0x17, static_cast<std::uint8_t>(text.size())};
    append(der, as_bytes(text));
    return der_time(read_single(der, "t"), "t");
}
Time generalized(const std::string& text) {
    Bytes der = {0x18, static_cast<std::uint8_t>(text.size())};
    append(der, as_bytes(text));
    return der_time(read_single(der, "t"), "t");
}
}  // namespace

TEST_CASE("RFC 5280 §4.1.2.5.1: UTCTime YY >= 50 is 19YY, YY < 50 is 20YY") {
    CHECK(utc("491231235959Z").iso8601() == "2049-12-31T23:59:59Z");
    CHECK(utc("500101000000Z").iso8601() == "1950-01-01T00:00:00Z");
    CHECK(utc("700101000000Z").unix_seconds() == 0);
    CHECK(utc("260101000000Z").iso8601() == "2026-01-01T00:00:00Z");
}

TEST_CASE("RFC 5280 §4.1.2.5.2: GeneralizedTime YYYYMMDDHHMMSSZ, Zulu, no fractions") {
    CHECK(generalized("20500101000000Z").iso8601() == "2050-01-01T00:00:00Z");
    CHECK(generalized("99991231235959Z").year() == 9999);
    CHECK_THROWS_AS(generalized("20500101000000.5Z"), DecodeError);
    CHECK_THROWS_AS(generalized("20500101000000+0100"), DecodeError);
    CHECK_THROWS_AS(generalized("205001010000Z"), DecodeError);
}

TEST_CASE("RFC 5280 §4.1.2.5: times without Z, without seconds or impossible dates are rejected") {
    CHECK_THROWS_AS(utc("2601010000Z"), DecodeError);      // no seconds
    CHECK_THROWS_AS(utc("260101000000"), DecodeError);     // no Z
    CHECK_THROWS_AS(utc("260101000000+0000"), DecodeError);
    CHECK_THROWS_AS(utc("261301000000Z"), DecodeError);    // month 13
    CHECK_THROWS_AS(utc("250229000000Z"), DecodeError);    // 2025 is not a leap year
    CHECK_NOTHROW(utc("240229000000Z"));                   // 2024 is
    CHECK_THROWS_AS(utc("260101240000Z"), DecodeError);
    CHECK_THROWS_AS(utc("26010100006 Z"), DecodeError);
    try {
        utc("2601010a0000Z");
    } catch (const DecodeError& e) {
        CHECK(e.offset() == 2 + 7);  // the 'a', after the two header bytes
    }
}

TEST_CASE("RFC 5280 §4.1.2.5: the writer uses UTCTime through 2049 and GeneralizedTime from 2050") {
    for (const char* iso : {"1999-12-31T23:59:59Z", "2026-01-01T00:00:00Z", "2049-12-31T23:59:59Z"}) {
        DerWriter w;
        write_time(w, Time::parse_iso8601(iso));
        Element e = read_single(w.data(), "t");
        CHECK(e.tag == tags::utc_time);
        CHECK(der_time(e, "t").iso8601() == iso);
    }
    DerWriter w;
    write_time(w, Time::parse_iso8601("2050-01-01T00:00:00Z"));
    CHECK(to_hex(w.data()) == to_hex(concat({from_hex("180f"), as_bytes("20500101000000Z")})));
}

TEST_CASE("ISO 8601 for --at: full form and bare date, anything else refused") {
    CHECK(Time::parse_iso8601("2026-11-22").iso8601() == "2026-11-22T00:00:00Z");
    CHECK(Time::parse_iso8601("1969-12-31T23:59:59Z").unix_seconds() == -1);
    CHECK_THROWS(Time::parse_iso8601("2026-11-22 10:00:00"));
    CHECK_THROWS(Time::parse_iso8601("2026-02-30"));
    CHECK(Time::parse_iso8601("2026-01-01") < Time::parse_iso8601("2026-01-01T00:00:01Z"));
}
