#include "x509/hostname.h"

#include <vector>

namespace lucid::x509 {

namespace {

// Lower-case ASCII, one trailing dot removed (RFC 6125 §6.4.1: "the trailing dot ... is ignored").
std::string normalise(std::string_view name) {
    if (!name.empty() && name.back() == '.') name.remove_suffix(1);
    std::string out(name);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return out;
}

std::vector<std::string_view> labels(std::string_view name) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        std::size_t dot = name.find('.', start);
        out.push_back(name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return out;
}

}  // namespace

// RFC 6125 §6.4.1 (exact) and §6.4.3 (wildcard), restricted as described in the header.
bool dns_name_matches(std::string_view presented_raw, std::string_view reference_raw) {
    const std::string presented = normalise(presented_raw);
    const std::string reference = normalise(reference_raw);
    if (presented.empty() || reference.empty()) return false;
    const std::vector<std::string_view> p = labels(presented);
    const std::vector<std::string_view> r = labels(reference);
    for (std::string_view l : r) {
        if (l.empty() || l.find('*') != std::string_view::npos) return false;  // a malformed reference matches nothing
    }
    if (p.size() != r.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i].empty()) return false;
        if (i == 0 && p[i] == "*") {
            if (p.size() < 3) return false;  // "*.com": too broad to mean anything
            continue;                         // matches exactly one non-empty label
        }
        if (p[i].find('*') != std::string_view::npos) return false;  // partial or non-leftmost wildcard
        if (p[i] != r[i]) return false;
    }
    return true;
}

std::optional<std::string> host_mismatch(const Certificate& leaf, std::string_view host) {
    const std::optional<SubjectAltName>& san = leaf.extensions().subject_alt_name;
    const std::string presented = san ? " (the certificate has " + san->to_string() + ")" : "";
    if (std::optional<Bytes> ip = parse_ip_address(host)) {
        // RFC 6125 §6.2.1 / RFC 5280 §4.2.1.6: an IP address is matched against iPAddress only.
        if (san) {
            for (const Bytes& a : san->ip_addresses) {
                if (a == *ip) return std::nullopt;
            }
        }
        return "no subjectAltName iPAddress entry is " + ip_address_text(*ip) + presented +
               " (RFC 6125 §6.2.1: an IP address is matched only against iPAddress entries)";
    }
    if (san) {
        for (const std::string& d : san->dns_names) {
            if (dns_name_matches(d, host)) return std::nullopt;
        }
        return "no subjectAltName dNSName matches \"" + std::string(host) + "\"" + presented +
               " (RFC 6125 §6.4; the CN is not consulted when a subjectAltName is present, §6.4.4)";
    }
    // §6.4.4: no subjectAltName at all, so the most specific CN is the identifier.
    const std::optional<std::string> cn = leaf.subject().common_name();
    if (cn && dns_name_matches(*cn, host)) return std::nullopt;
    return "the certificate has no subjectAltName and its commonName " + (cn ? "\"" + *cn + "\"" : std::string("(none)")) +
           " does not match \"" + std::string(host) + "\" (RFC 6125 §6.4.4)";
}

bool matches_host(const Certificate& leaf, std::string_view host) { return !host_mismatch(leaf, host).has_value(); }

}  // namespace lucid::x509
