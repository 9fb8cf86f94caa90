// How much a peer may send that carries nothing: the abuse limits of docs/robustness.md.
//
// TLS 1.2 lets a peer send records that move nothing forward: an empty application_data record
// (RFC 5246 §6.2.1 allows it, as a CBC countermeasure), a warning alert (§7.2), a HelloRequest
// or a ClientHello after the handshake that we refuse with a no_renegotiation warning (§7.4.1.1,
// RFC 5746 §4). Each is cheap for the peer and for us, but an endless stream of them keeps a
// connection (and a core) busy without a byte of data: the "SSL Death Alert" of CVE-2016-8610.
// So each kind is counted, and the count starts again only when the peer makes progress
// (application data, or a handshake message that advances the handshake). One more than the
// limit ends the connection with a fatal unexpected_message, "An inappropriate message was
// received" (§7.2.2), the alert OpenSSL sends for its two such limits (MAX_EMPTY_RECORDS 32 in
// ssl/record/ssl3_record.c, MAX_WARN_ALERT_COUNT 5 in ssl/record/record_local.h, reason
// SSL_R_TOO_MANY_WARN_ALERTS).
//
// The other limits a peer meets live beside the data they bound, and are listed here so that a
// reader finds them all: a record's length (record/record_layer.cpp, record_overflow), one
// handshake message's length (record/handshake_assembler.h, decode_error), the certificates in a
// Certificate message (max_certificates below), the path built from them
// (x509::ValidationOptions::max_intermediates, unknown_ca), and time (net/connection.h, Timeouts).
#pragma once

#include <cstddef>

namespace lucid::handshake {

// Empty application_data records in a row. OpenSSL's MAX_EMPTY_RECORDS; a peer using the empty
// record countermeasure sends one before each data record, never 33 in a row.
inline constexpr std::size_t max_empty_records = 32;
// Warning alerts in a row (close_notify ends the connection and is not counted). OpenSSL's
// MAX_WARN_ALERT_COUNT, where the fifth is already fatal; here five are accepted, the sixth is not.
inline constexpr std::size_t max_warning_alerts = 5;
// Renegotiation requests (HelloRequest to a client, ClientHello to a server after the handshake)
// refused in a row: a peer that asks again after three refusals will not learn anything new from
// a fourth.
inline constexpr std::size_t max_renegotiation_requests = 3;
// Renegotiations accepted on one connection (RFC 5746, handshake/renegotiation.h). Each costs a
// full handshake (a private-key operation for the server), so a peer renegotiating in a loop
// could keep a core busy on one connection; past this count every further request is refused
// with a no_renegotiation warning (and then counts as refused above, so a peer that keeps asking
// ends with unexpected_message). OpenSSL has no such count; 16 is far above what a server that
// asks for a client certificate once, or a client refreshing its keys, ever needs.
inline constexpr std::size_t max_renegotiations = 16;
// Certificates in one Certificate message (RFC 5246 §7.4.2, §7.4.6): a leaf, up to
// x509::ValidationOptions::max_intermediates (8) intermediates, and the root some servers send.
// More is refused with bad_certificate before any of them is parsed.
inline constexpr std::size_t max_certificates = 10;

// The counts of records that carried nothing, since the peer last made progress.
class NoProgressCounter {
public:
    // Each throws record::TlsError(unexpected_message) when its kind goes past its limit.
    void empty_record();
    void warning_alert();
    void renegotiation_request();
    // Application data or a step of the handshake: every count starts again.
    void progress();

private:
    std::size_t empty_records_ = 0;
    std::size_t warning_alerts_ = 0;
    std::size_t renegotiation_requests_ = 0;
};

}  // namespace lucid::handshake
