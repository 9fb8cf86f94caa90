// Version negotiation, RFC 5246 Appendix E.1, RFC 7568, RFC 7507 and RFC 8446 §4.1.3
// (handshake/protocol_versions.h).
#include "handshake/protocol_versions.h"

#include <algorithm>
#include <cstdio>

#include "record/tls_error.h"

namespace lucid::handshake {

using record::AlertDescription;
using record::TlsError;

std::string version_label(std::uint16_t version) {
    switch (version) {
        case ssl30_version: return "SSL 3.0";
        case tls10_version: return "TLS 1.0";
        case tls11_version: return "TLS 1.1";
        case tls12_version: return "TLS 1.2";
        default: break;
    }
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%04x", static_cast<unsigned>(version));
    return hex;
}

std::string range_label(VersionRange range) {
    if (range.min == range.max) return version_label(range.min);
    // "TLS 1.0–1.2": the second label without its "TLS ".
    return version_label(range.min) + "\u2013" + version_label(range.max).substr(4);
}

std::string version_flag_name(std::uint16_t version) {
    switch (version) {
        case tls10_version: return "TLSv1";
        case tls11_version: return "TLSv1.1";
        default: return "TLSv1.2";
    }
}

// RFC 5246 Appendix E.1
VersionChoice choose_server_version(std::uint16_t client_version, VersionRange server) {
    // RFC 7568 §3: "SSLv3 MUST NOT be used. Negotiation of SSLv3 from any version of TLS MUST NOT
    // be permitted."
    if (client_version <= ssl30_version) {
        throw TlsError(AlertDescription::protocol_version,
                       "the client offers at most " + version_label(client_version) +
                           ", which must not be used (RFC 7568 §3: \"SSLv3 MUST NOT be used\"); this server allows " +
                           range_label(server));
    }
    const std::uint16_t offered_up_to = std::min(client_version, tls12_version);
    const std::string ranges = "client offers up to " + version_label(offered_up_to) + "; server allows " +
                               range_label(server);
    if (offered_up_to < server.min) {
        throw TlsError(AlertDescription::protocol_version,
                       ranges + ": no version in common (RFC 5246 Appendix E.1)" +
                           (server.min == tls12_version ? "; older versions are off by default (RFC 8996)" : ""));
    }
    VersionChoice choice;
    choice.version = std::min(offered_up_to, server.max);
    choice.reason = ranges + "; chosen " + version_label(choice.version) +
                    ", the highest both support (RFC 5246 Appendix E.1)";
    if (client_version > tls12_version) {
        choice.reason += "; the client's " + version_label(client_version) +
                         " is above TLS 1.2 and is answered with the highest this server speaks";
    }
    return choice;
}

// RFC 5246 §7.4.1.3, Appendix E.1
void check_server_version(std::uint16_t server_version, VersionRange client) {
    if (client.allows(server_version)) return;
    std::string sentence = "the server chose " + version_label(server_version) + "; this client allows " +
                           range_label(client);
    if (server_version >= tls10_version && server_version < client.min) {
        sentence += " (--min-protocol " + version_flag_name(server_version) +
                    " would allow it; TLS 1.0 and 1.1 are deprecated, RFC 8996)";
    } else if (server_version <= ssl30_version) {
        sentence += " (SSL 3.0 must not be used, RFC 7568)";
    } else {
        sentence += " (above the highest version it offered: RFC 5246 Appendix E.1)";
    }
    throw TlsError(AlertDescription::protocol_version, sentence);
}

// RFC 7507 §3
void check_fallback_scsv(const ClientHello& ch, VersionRange server) {
    if (!ch.offers_suite(TLS_FALLBACK_SCSV) || server.max <= ch.client_version) return;
    throw TlsError(AlertDescription::inappropriate_fallback,
                   "the client signals a fallback retry (TLS_FALLBACK_SCSV) with " + version_label(ch.client_version) +
                       ", but this server supports " + version_label(server.max) +
                       ": someone may have made the first attempt fail (RFC 7507 §3)");
}

// RFC 8446 §4.1.3
bool set_downgrade_sentinel(Random& random, std::uint16_t chosen, VersionRange server) {
    if (server.max < tls12_version || chosen >= tls12_version) return false;
    std::copy(downgrade_sentinel_tls11.begin(), downgrade_sentinel_tls11.end(), random.end() - 8);
    return true;
}

// RFC 8446 §4.1.3
void check_downgrade_sentinel(const Random& server_random, std::uint16_t chosen, VersionRange client) {
    if (client.max < tls12_version || chosen >= tls12_version) return;
    if (!std::equal(downgrade_sentinel_tls11.begin(), downgrade_sentinel_tls11.end(), server_random.end() - 8)) return;
    throw TlsError(AlertDescription::illegal_parameter,
                   "the server chose " + version_label(chosen) +
                       " but its random ends with the downgrade sentinel \"DOWNGRD\\x00\": it supports TLS 1.2, so "
                       "someone in the middle removed it from this client's offer (RFC 8446 §4.1.3)");
}

}  // namespace lucid::handshake
