// Does this certificate name the host we meant to reach? RFC 6125 §6.
//
// The reference identifier (what the user typed) is compared with the presented identifiers of
// the end-entity certificate:
//   - a DNS name is compared with the subjectAltName dNSName entries (§6.4.1): ASCII letters
//     case-insensitively, one trailing dot ignored;
//   - a wildcard "*" matches exactly one label and only as the WHOLE leftmost label (§6.4.3, as
//     the CA/Browser Forum baseline requires): "*.example.com" matches "www.example.com", not
//     "example.com" and not "a.b.example.com"; "w*.example.com" and "www.*.com" match nothing;
//     and a wildcard needs two labels after it ("*.com" matches nothing);
//   - an IP address (IPv4 dotted quad, IPv6) is compared only with iPAddress entries, byte for
//     byte (§6.2.1 / RFC 5280 §4.2.1.6), never with a dNSName or the CN;
//   - the subject's commonName is consulted only when the certificate has no subjectAltName
//     extension at all (§6.4.4: not when a SAN is present).
// Internationalised names are compared as the A-labels (xn--...) the certificate holds; lucid
// does not convert U-labels.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "x509/certificate.h"

namespace lucid::x509 {

// Empty when the certificate matches host; otherwise the reason, naming what the certificate
// presents: `no subjectAltName entry matches "example.org" (the certificate has DNS:localhost, IP:127.0.0.1)`.
std::optional<std::string> host_mismatch(const Certificate& leaf, std::string_view host);
bool matches_host(const Certificate& leaf, std::string_view host);

// One presented DNS identifier against one reference name, with the rules above.
bool dns_name_matches(std::string_view presented, std::string_view reference);

}  // namespace lucid::x509
