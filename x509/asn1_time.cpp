#include "x509/asn1_time.h"

#include <cstdio>

#include "crypto/error.h"
#include "x509/error.h"

namespace lucid::x509 {

namespace {

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(std::int64_t y, int m) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return (m == 2 && is_leap(y)) ? 29 : days[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level
// date algorithms", days_from_civil).
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct Civil {
    std::int64_t year;
    int month, day, hour, minute, second;
};

// The inverse (civil_from_days), plus the time of day.
Civil civil_from_seconds(std::int64_t seconds) {
    std::int64_t days = seconds / 86400;
    std::int64_t rem = seconds % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    Civil c;
    c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    c.year = yoe + era * 400 + (c.month <= 2);
    c.hour = static_cast<int>(rem / 3600);
    c.minute = static_cast<int>(rem / 60 % 60);
    c.second = static_cast<int>(rem % 60);
    return c;
}

const char* range_problem(std::int64_t y, int mo, int d, int h, int mi, int s) {
    if (mo < 1 || mo > 12) return "month out of range";
    if (d < 1 || d > days_in_month(y, mo)) return "day out of range for its month";
    if (h > 23) return "hour out of range";
    if (mi > 59) return "minute out of range";
    if (s > 59) return "second out of range";
    return nullptr;
}

}  // namespace

Time Time::from_civil(int year, int month, int day, int hour, int minute, int second) {
    if (const char* p = range_problem(year, month, day, hour, minute, second)) {
        throw Error(std::string("impossible date: ") + p);
    }
    if (hour < 0 || minute < 0 || second < 0) throw Error("impossible time of day");
    return Time(days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second);
}

Time Time::parse_iso8601(std::string_view text) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    auto digits = [&](std::size_t pos, std::size_t n, int& out) {
        out = 0;
        for (std::size_t i = pos; i < pos + n; ++i) {
            if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
            out = out * 10 + (text[i] - '0');
        }
        return true;
    };
    const bool date_ok = text.size() >= 10 && digits(0, 4, y) && text[4] == '-' && digits(5, 2, mo) &&
                         text[7] == '-' && digits(8, 2, d);
    bool ok = date_ok && (text.size() == 10 ||
                          (text.size() == 20 && text[10] == 'T' && digits(11, 2, h) && text[13] == ':' &&
                           digits(14, 2, mi) && text[16] == ':' && digits(17, 2, s) && text[19] == 'Z'));
    if (!ok) {
        throw Error("time '" + std::string(text) + "' is not of the form 2026-01-01T00:00:00Z or 2026-01-01");
    }
    return from_civil(y, mo, d, h, mi, s);
}

std::string Time::iso8601() const {
    Civil c = civil_from_seconds(seconds_);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02dZ", static_cast<long long>(c.year), c.month,
                  c.day, c.hour, c.minute, c.second);
    return buf;
}

int Time::year() const { return static_cast<int>(civil_from_seconds(seconds_).year); }

// RFC 5280 §4.1.2.5.1 (UTCTime) and §4.1.2.5.2 (GeneralizedTime).
Time der_time(const Element& e, std::string_view what) {
    const bool utc = e.tag == tags::utc_time;
    if (!utc && !(e.tag == tags::generalized_time)) {
        throw DecodeError(e.offset, std::string(what) + ": expected UTCTime or GeneralizedTime, found " + tag_name(e.tag));
    }
    const ByteView s = e.content;
    const std::string type = utc ? "UTCTime" : "GeneralizedTime";
    const std::size_t year_digits = utc ? 2 : 4;
    const std::size_t expected = year_digits + 10 + 1;  // YY(YY) MM DD HH MM SS Z
    const std::string form = utc ? "YYMMDDHHMMSSZ" : "YYYYMMDDHHMMSSZ";
    const std::string text(s.begin(), s.end());
    if (s.size() != expected || s.back() != 'Z') {
        throw DecodeError(e.content_offset(), std::string(what) + ": " + type + " '" + text + "' is not of the form " +
                                                  form + " (RFC 5280 §4.1.2.5: Zulu time, seconds included" +
                                                  (utc ? "" : ", no fractional seconds") + ")");
    }
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') {
            throw DecodeError(e.content_offset() + i, std::string(what) + ": " + type + " '" + text +
                                                          "' has a non-digit where a digit belongs (form " + form + ")");
        }
    }
    auto num = [&](std::size_t pos, std::size_t n) {
        int v = 0;
        for (std::size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
        return v;
    };
    int year = num(0, year_digits);
    if (utc) year += year >= 50 ? 1900 : 2000;
    const std::size_t p = year_digits;
    const int mo = num(p, 2), d = num(p + 2, 2), h = num(p + 4, 2), mi = num(p + 6, 2), sec = num(p + 8, 2);
    if (const char* problem = range_problem(year, mo, d, h, mi, sec)) {
        throw DecodeError(e.content_offset(), std::string(what) + ": " + type + " '" + text + "': " + problem);
    }
    return Time::from_civil(year, mo, d, h, mi, sec);
}

void write_time(DerWriter& w, Time t) {
    Civil c = civil_from_seconds(t.unix_seconds());
    char buf[32];
    if (c.year >= 1950 && c.year <= 2049) {
        std::snprintf(buf, sizeof buf, "%02d%02d%02d%02d%02d%02dZ", static_cast<int>(c.year % 100), c.month, c.day,
                      c.hour, c.minute, c.second);
        w.element(tags::utc_time, as_bytes(buf));
    } else {
        std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02dZ", static_cast<int>(c.year), c.month, c.day, c.hour,
                      c.minute, c.second);
        w.element(tags::generalized_time, as_bytes(buf));
    }
}

}  // namespace lucid::x509
