#include "record/alert.h"

#include <cstdio>

namespace lucid::record {

namespace {

struct AlertRow {
    AlertDescription description;
    const char* name;
};

// RFC 5246 §7.2, plus the later RFCs named in alert.h.
constexpr AlertRow alert_table[] = {
    {AlertDescription::close_notify, "close_notify"},
    {AlertDescription::unexpected_message, "unexpected_message"},
    {AlertDescription::bad_record_mac, "bad_record_mac"},
    {AlertDescription::decryption_failed_RESERVED, "decryption_failed_RESERVED"},
    {AlertDescription::record_overflow, "record_overflow"},
    {AlertDescription::decompression_failure, "decompression_failure"},
    {AlertDescription::handshake_failure, "handshake_failure"},
    {AlertDescription::no_certificate_RESERVED, "no_certificate_RESERVED"},
    {AlertDescription::bad_certificate, "bad_certificate"},
    {AlertDescription::unsupported_certificate, "unsupported_certificate"},
    {AlertDescription::certificate_revoked, "certificate_revoked"},
    {AlertDescription::certificate_expired, "certificate_expired"},
    {AlertDescription::certificate_unknown, "certificate_unknown"},
    {AlertDescription::illegal_parameter, "illegal_parameter"},
    {AlertDescription::unknown_ca, "unknown_ca"},
    {AlertDescription::access_denied, "access_denied"},
    {AlertDescription::decode_error, "decode_error"},
    {AlertDescription::decrypt_error, "decrypt_error"},
    {AlertDescription::export_restriction_RESERVED, "export_restriction_RESERVED"},
    {AlertDescription::protocol_version, "protocol_version"},
    {AlertDescription::insufficient_security, "insufficient_security"},
    {AlertDescription::internal_error, "internal_error"},
    {AlertDescription::inappropriate_fallback, "inappropriate_fallback"},
    {AlertDescription::user_canceled, "user_canceled"},
    {AlertDescription::no_renegotiation, "no_renegotiation"},
    {AlertDescription::unsupported_extension, "unsupported_extension"},
    {AlertDescription::unrecognized_name, "unrecognized_name"},
    {AlertDescription::no_application_protocol, "no_application_protocol"},
};

}  // namespace

std::string alert_name(AlertDescription d) {
    for (const AlertRow& row : alert_table) {
        if (row.description == d) return row.name;
    }
    char buf[24];
    std::snprintf(buf, sizeof buf, "unknown(0x%02x)", static_cast<unsigned>(d));
    return buf;
}

std::string alert_level_name(AlertLevel l) {
    switch (l) {
        case AlertLevel::warning: return "warning";
        case AlertLevel::fatal: return "fatal";
    }
    char buf[24];
    std::snprintf(buf, sizeof buf, "unknown(0x%02x)", static_cast<unsigned>(l));
    return buf;
}

}  // namespace lucid::record
