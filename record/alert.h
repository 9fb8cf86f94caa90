// Alerts, RFC 5246 §7.2: the messages that say something went wrong (or that the peer is done).
//
//   struct {
//       AlertLevel level;               enum { warning(1), fatal(2), (255) } AlertLevel;
//       AlertDescription description;
//   } Alert;
#pragma once

#include <cstdint>
#include <string>

namespace lucid::record {

enum class AlertLevel : std::uint8_t { warning = 1, fatal = 2 };

enum class AlertDescription : std::uint8_t {
    close_notify = 0,
    unexpected_message = 10,
    bad_record_mac = 20,
    decryption_failed_RESERVED = 21,
    record_overflow = 22,
    decompression_failure = 30,
    handshake_failure = 40,
    no_certificate_RESERVED = 41,
    bad_certificate = 42,
    unsupported_certificate = 43,
    certificate_revoked = 44,
    certificate_expired = 45,
    certificate_unknown = 46,
    illegal_parameter = 47,
    unknown_ca = 48,
    access_denied = 49,
    decode_error = 50,
    decrypt_error = 51,
    export_restriction_RESERVED = 60,
    protocol_version = 70,
    insufficient_security = 71,
    internal_error = 80,
    inappropriate_fallback = 86,  // RFC 7507
    user_canceled = 90,
    no_renegotiation = 100,
    unsupported_extension = 110,
    unrecognized_name = 112,       // RFC 6066
    no_application_protocol = 120, // RFC 7301
};

// "handshake_failure"; an unknown value prints as "unknown(0x7b)".
std::string alert_name(AlertDescription d);
std::string alert_level_name(AlertLevel l);

}  // namespace lucid::record
