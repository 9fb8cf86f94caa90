// Certificate times (the ASN.1 Time of RFC 5280): UTCTime and GeneralizedTime as §4.1.2.5 restricts them.
// (Named asn1_time.h, not time.h, so that it can never stand in for the C library header.)
//
//   UTCTime          YYMMDDHHMMSSZ      YY >= 50 means 19YY, YY < 50 means 20YY (§4.1.2.5.1)
//   GeneralizedTime  YYYYMMDDHHMMSSZ    no fractional seconds (§4.1.2.5.2)
//
// Both "MUST be expressed in Greenwich Mean Time (Zulu) and MUST include seconds". Certificate
// issuers "MUST encode dates through the year 2049 as UTCTime; ... in 2050 or later MUST [use]
// GeneralizedTime"; the writer follows that, the reader accepts either (PKITS test 4.2.4 checks a
// GeneralizedTime before 2050 is accepted).
//
// Time is a count of seconds since 1970-01-01T00:00:00Z (negative before), computed with the
// proleptic Gregorian calendar, no leap seconds, no time zones: nothing here asks the OS.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "x509/der.h"

namespace lucid::x509 {

class Time {
public:
    Time() = default;
    static Time from_unix(std::int64_t seconds) { return Time(seconds); }
    // Throws lucid::Error for an impossible date (month 13, February 30 ...).
    static Time from_civil(int year, int month, int day, int hour, int minute, int second);
    // ISO 8601 as lucid prints it and as --at takes it: "2026-01-01T00:00:00Z"; also accepts a bare
    // date "2026-01-01" (midnight UTC). Throws lucid::Error naming the problem.
    static Time parse_iso8601(std::string_view text);

    std::int64_t unix_seconds() const { return seconds_; }
    std::string iso8601() const;  // "2026-01-01T00:00:00Z"
    int year() const;

    auto operator<=>(const Time&) const = default;

private:
    explicit Time(std::int64_t seconds) : seconds_(seconds) {}
    std::int64_t seconds_ = 0;
};

// Reads a UTCTime or GeneralizedTime element (RFC 5280 §4.1.2.5); DecodeError with the offset
// of the offending character otherwise.
Time der_time(const Element& e, std::string_view what);
// UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5).
void write_time(DerWriter& w, Time t);

}  // namespace lucid::x509
