// Trust anchors: the certificates a validator starts from (RFC 5280 §6.1.1 (d)).
//
// A TrustStore is built from a PEM bundle (`--CAfile`, or the system's bundle, on Debian
// /etc/ssl/certs/ca-certificates.crt). Reading the file is the caller's job (x509/ does no I/O);
// this takes its text. A certificate in a bundle that lucid cannot parse is not fatal to the
// others: it is left out and listed in skipped() with the reason, so nothing is dropped silently.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "x509/certificate.h"

namespace lucid::x509 {

// Debian's bundle of the system's trusted CAs, the default of `lucid verify` and `lucid client`.
inline constexpr std::string_view default_trust_bundle_path = "/etc/ssl/certs/ca-certificates.crt";

class TrustStore {
public:
    TrustStore() = default;
    // Every CERTIFICATE block of the text (an empty store if there are none).
    static TrustStore from_pem_bundle(std::string_view text);

    void add(Certificate anchor);

    const std::vector<Certificate>& anchors() const { return anchors_; }
    // "certificate in the PEM block of line 40: offset 12: ..." for each one left out.
    const std::vector<std::string>& skipped() const { return skipped_; }
    std::size_t size() const { return anchors_.size(); }
    bool empty() const { return anchors_.empty(); }

    // The anchors whose subject matches the issuer name of cert (RFC 5280 §7.1).
    std::vector<const Certificate*> issuers_of(const Certificate& cert) const;
    // True when this exact certificate (same DER) is an anchor.
    bool contains(const Certificate& cert) const;

private:
    std::vector<Certificate> anchors_;
    std::vector<std::string> skipped_;
};

}  // namespace lucid::x509
