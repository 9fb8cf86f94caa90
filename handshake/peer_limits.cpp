#include "handshake/peer_limits.h"

#include <string>

#include "record/tls_error.h"

namespace lucid::handshake {

namespace {

// RFC 5246 §7.2.2: unexpected_message, "An inappropriate message was received."
void count(std::size_t& n, std::size_t limit, const std::string& what) {
    if (++n <= limit) return;
    throw record::TlsError(record::AlertDescription::unexpected_message,
                           "the peer sent " + std::to_string(n) + " " + what +
                               " in a row without any data or handshake progress; at most " + std::to_string(limit) +
                               " are accepted (docs/robustness.md)");
}

}  // namespace

void NoProgressCounter::empty_record() { count(empty_records_, max_empty_records, "empty application_data records"); }

void NoProgressCounter::warning_alert() { count(warning_alerts_, max_warning_alerts, "warning alerts"); }

void NoProgressCounter::renegotiation_request() {
    count(renegotiation_requests_, max_renegotiation_requests, "renegotiation requests (refused: no_renegotiation)");
}

void NoProgressCounter::progress() {
    empty_records_ = 0;
    warning_alerts_ = 0;
    renegotiation_requests_ = 0;
}

}  // namespace lucid::handshake
