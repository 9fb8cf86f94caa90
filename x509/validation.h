// Certification path validation: RFC 5280 §6.1, the subset a TLS client or server needs.
//
// Given the certificates a peer sent (leaf first), a TrustStore, the time and the purpose, the
// validator:
//   1. builds a path from the leaf through the received certificates (in any order, they are not
//      trusted) to a trust anchor, matching each issuer name with a subject name (§7.1); when
//      several candidates fit, each is tried in turn (preferring a matching key identifier);
//   2. checks the path from the anchor down (§6.1.3, §6.1.4, §6.1.5):
//        (a)(1) every signature, with the key of the certificate above;
//        (a)(2) every validity period contains the time (the anchor's too, as OpenSSL does);
//        (a)(4) name chaining;
//        (k)    every issuer is a v3 certificate with basicConstraints cA TRUE;
//        (l)(m) pathLenConstraint: how many non-self-issued CAs may follow (the anchor's own
//               constraint counts too, as RFC 5937 suggests);
//        (n)    an issuer with a keyUsage extension has keyCertSign;
//        (o)    no certificate carries a critical extension lucid does not recognise (§4.2);
//        and extKeyUsage, where present, allows the purpose (§4.2.1.12; checked on every
//        certificate below the anchor, as the Web PKI does);
//   3. checks the host name against the leaf (x509/hostname.h), if one is given.
// Not done (yet): revocation (CRLs, OCSP: §6.1.3 (a)(3)), name constraints and certificate
// policies (§6.1.3 (b)-(f)); a critical extension for those is therefore rejected as unknown.
//
// The result is a ValidatedChain, a type only this validator can construct: code that holds one
// knows the checks above passed. A failure is a CertificateRejected exception carrying a
// Rejection: a machine-readable kind (for the TLS alert), the rule, the depth and subject of the
// certificate concerned, and one sentence, e.g.
//   certificate at depth 0 (CN=example.org) expired: notAfter 2024-01-01T00:00:00Z < 2026-11-22T10:00:00Z (RFC 5280 §6.1.3 (a)(2))
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/error.h"
#include "x509/asn1_time.h"
#include "x509/certificate.h"
#include "x509/trust_store.h"

namespace lucid::x509 {

// What the certificate is to be used for (RFC 5280 §4.2.1.12 KeyPurposeId).
enum class Purpose { any, server_auth, client_auth };
std::string_view purpose_name(Purpose p);  // "any", "serverAuth", "clientAuth"

// Why a chain was rejected. x509/ knows nothing of TLS; the handshake maps each kind to an alert
// (RFC 5246 §7.2.2). The mapping lucid uses is given beside each kind.
enum class RejectionKind {
    no_certificate,              // the peer sent none                          -> (handshake decides)
    malformed,                   // does not parse (DER, RFC 5280 §4.1)         -> bad_certificate
    unsupported_algorithm,       // signature or key type lucid cannot verify   -> unsupported_certificate
    unknown_critical_extension,  // RFC 5280 §4.2                               -> unsupported_certificate
    bad_signature,               // §6.1.3 (a)(1)                               -> bad_certificate
    not_yet_valid,               // §6.1.3 (a)(2), before notBefore             -> certificate_expired
    expired,                     // §6.1.3 (a)(2), after notAfter               -> certificate_expired
    unknown_issuer,              // no path to a trust anchor                   -> unknown_ca
    not_a_ca,                    // §6.1.4 (k)                                  -> unknown_ca
    path_too_long,               // §6.1.4 (l)                                  -> unknown_ca
    key_usage,                   // §6.1.4 (n)                                  -> bad_certificate
    wrong_purpose,               // extKeyUsage, §4.2.1.12                      -> unsupported_certificate
    host_mismatch,               // RFC 6125 §6                                 -> certificate_unknown
};
std::string_view rejection_kind_name(RejectionKind k);  // "expired", "unknown_issuer" ...

struct Rejection {
    RejectionKind kind = RejectionKind::malformed;
    std::string rule;                  // "RFC 5280 §6.1.3 (a)(2)"
    std::optional<std::size_t> depth;  // 0 = the leaf; empty when no single certificate is at fault
    std::string subject;               // RFC 4514 subject of that certificate ("" if unknown)
    std::string sentence;              // the whole explanation, for people
};

class CertificateRejected : public Error {
public:
    explicit CertificateRejected(Rejection r) : Error(r.sentence), rejection_(std::move(r)) {}
    const Rejection& rejection() const { return rejection_; }
    RejectionKind kind() const { return rejection_.kind; }

private:
    Rejection rejection_;
};

struct ValidationOptions {
    Time at;                          // the moment to validate at (the engine injects its clock)
    Purpose purpose = Purpose::server_auth;
    std::optional<std::string> host;  // checked against the leaf when set (RFC 6125)
    std::size_t max_intermediates = 8;  // a bound on path building, not an RFC rule
};

class ChainValidator;

// A path that passed validation: only the validator can make one.
class ValidatedChain {
public:
    // path()[0] is the leaf, path().back() the trust anchor (the same certificate when the leaf
    // itself is an anchor).
    const std::vector<Certificate>& path() const { return path_; }
    const Certificate& leaf() const { return path_.front(); }
    const Certificate& trust_anchor() const { return path_.back(); }
    const ValidationOptions& options() const { return options_; }
    // "depth 0: CN=localhost\ndepth 1: CN=...\n" with the anchor marked.
    std::string describe() const;

private:
    friend class ChainValidator;
    ValidatedChain(std::vector<Certificate> path, ValidationOptions options)
        : path_(std::move(path)), options_(std::move(options)) {}
    std::vector<Certificate> path_;
    ValidationOptions options_;
};

// The entry point for the TLS engine: the DER certificates as received (RFC 5246 §7.4.2
// certificate_list, leaf first). Throws CertificateRejected.
ValidatedChain validate_chain(std::span<const Bytes> received, const TrustStore& anchors, const ValidationOptions& options);
// The same with certificates already parsed: the leaf and any untrusted intermediates.
ValidatedChain validate_chain(const Certificate& leaf, std::span<const Certificate> untrusted, const TrustStore& anchors,
                              const ValidationOptions& options);

}  // namespace lucid::x509
