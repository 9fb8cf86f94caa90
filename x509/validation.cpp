#include "x509/validation.h"

#include <algorithm>

#include "x509/error.h"
#include "x509/hostname.h"
#include "x509/signature.h"

namespace lucid::x509 {

std::string_view purpose_name(Purpose p) {
    switch (p) {
        case Purpose::any: return "any";
        case Purpose::server_auth: return "serverAuth";
        case Purpose::client_auth: return "clientAuth";
    }
    return "?";
}

std::string_view rejection_kind_name(RejectionKind k) {
    switch (k) {
        case RejectionKind::no_certificate: return "no_certificate";
        case RejectionKind::malformed: return "malformed";
        case RejectionKind::unsupported_algorithm: return "unsupported_algorithm";
        case RejectionKind::unknown_critical_extension: return "unknown_critical_extension";
        case RejectionKind::bad_signature: return "bad_signature";
        case RejectionKind::not_yet_valid: return "not_yet_valid";
        case RejectionKind::expired: return "expired";
        case RejectionKind::unknown_issuer: return "unknown_issuer";
        case RejectionKind::not_a_ca: return "not_a_ca";
        case RejectionKind::path_too_long: return "path_too_long";
        case RejectionKind::key_usage: return "key_usage";
        case RejectionKind::wrong_purpose: return "wrong_purpose";
        case RejectionKind::host_mismatch: return "host_mismatch";
    }
    return "?";
}

std::string ValidatedChain::describe() const {
    std::string out;
    for (std::size_t i = 0; i < path_.size(); ++i) {
        out += "depth " + std::to_string(i) + ": " + path_[i].subject_text();
        if (i + 1 == path_.size()) out += "  (trust anchor)";
        out += "\n";
    }
    return out;
}

namespace {

// "certificate at depth 0 (CN=example.org)"
std::string at_depth(std::size_t depth, const Certificate& c) {
    return "certificate at depth " + std::to_string(depth) + " (" + c.subject_text() + ")";
}

Rejection make(RejectionKind kind, std::string rule, std::size_t depth, const Certificate& c, const std::string& what) {
    Rejection r;
    r.kind = kind;
    r.depth = depth;
    r.subject = c.subject_text();
    r.sentence = at_depth(depth, c) + " " + what + " (" + rule + ")";
    r.rule = std::move(rule);
    return r;
}

bool allows_purpose(const std::vector<Oid>& eku, Purpose purpose) {
    if (purpose == Purpose::any) return true;
    const Oid& wanted = purpose == Purpose::server_auth ? oids::server_auth : oids::client_auth;
    return std::any_of(eku.begin(), eku.end(),
                       [&](const Oid& o) { return o == wanted || o == oids::any_extended_key_usage; });
}

std::string oid_list(const std::vector<Oid>& oids_) {
    std::string out;
    for (const Oid& o : oids_) out += (out.empty() ? "" : ", ") + o.display();
    return out;
}

}  // namespace

// The path builder and checker. A class so that ValidatedChain can name it as its only friend.
class ChainValidator {
public:
    ChainValidator(const TrustStore& anchors, std::span<const Certificate> untrusted, const ValidationOptions& options)
        : anchors_(anchors), untrusted_(untrusted), options_(options) {}

    ValidatedChain run(const Certificate& leaf) {
        std::vector<const Certificate*> path{&leaf};
        // A leaf that is itself a trust anchor (a self-signed server certificate the user chose to
        // trust) is a path of one certificate.
        if (anchors_.contains(leaf)) {
            if (auto chain = check(path)) return *chain;
        }
        if (auto chain = extend(path)) return *chain;
        throw CertificateRejected(best_);
    }

private:
    // Depth-first search over issuers; returns the first path that passes every check.
    std::optional<ValidatedChain> extend(std::vector<const Certificate*>& path) {
        const Certificate& current = *path.back();
        const std::size_t depth = path.size() - 1;
        std::vector<std::pair<const Certificate*, bool>> candidates;  // (issuer, is anchor)
        for (const Certificate* a : anchors_.issuers_of(current)) candidates.emplace_back(a, true);
        for (const Certificate& u : untrusted_) {
            const bool in_path = std::any_of(path.begin(), path.end(), [&](const Certificate* p) { return p->der() == u.der(); });
            if (!in_path && !anchors_.contains(u) && u.subject().matches(current.issuer())) candidates.emplace_back(&u, false);
        }
        // Prefer the issuer whose subjectKeyIdentifier is the authorityKeyIdentifier (RFC 5280 §4.2.1.1).
        const auto& aki = current.extensions().authority_key_identifier;
        auto key_id_matches = [&](const Certificate* c) {
            return aki && aki->key_identifier && c->extensions().subject_key_identifier &&
                   *aki->key_identifier == *c->extensions().subject_key_identifier;
        };
        std::stable_sort(candidates.begin(), candidates.end(), [&](const auto& x, const auto& y) {
            if (x.second != y.second) return x.second;  // anchors first: the shortest path
            return key_id_matches(x.first) && !key_id_matches(y.first);
        });

        if (candidates.empty()) {
            const std::string why = current.is_self_issued()
                                        ? "is self-issued (a root) but not one of the trust anchors"
                                        : "has no known issuer: its issuer " + current.issuer().to_string() +
                                              " is the subject of no certificate received and of no trust anchor";
            note(make(RejectionKind::unknown_issuer, "RFC 5280 §6.1, name chaining §6.1.3 (a)(4)", depth, current, why),
                 /*complete=*/false, depth);
            return std::nullopt;
        }
        for (const auto& [issuer, is_anchor] : candidates) {
            if (++attempts_ > 64) break;  // a bound on the search, against crafted certificate sets
            path.push_back(issuer);
            std::optional<ValidatedChain> result;
            if (is_anchor) {
                result = check(path);
            } else if (path.size() - 1 <= options_.max_intermediates) {
                result = extend(path);
            } else {
                note(make(RejectionKind::path_too_long, "lucid's bound on path building", depth + 1, *issuer,
                          "would make the path longer than " + std::to_string(options_.max_intermediates) +
                              " intermediate certificates"),
                     false, depth + 1);
            }
            path.pop_back();
            if (result) return result;
        }
        return std::nullopt;
    }

    // Keeps the most telling rejection: one from a path that reached an anchor beats "no issuer",
    // and among "no issuer" the deepest (the furthest the path got).
    void note(Rejection r, bool complete, std::size_t depth) {
        if (!have_best_ || (complete && !best_complete_) || (!complete && !best_complete_ && depth > best_depth_)) {
            best_ = std::move(r);
            have_best_ = true;
            best_complete_ = complete;
            best_depth_ = depth;
        }
    }

    // RFC 5280 §6.1.2 - §6.1.5 over path[0] (leaf) ... path.back() (anchor).
    std::optional<ValidatedChain> check(const std::vector<const Certificate*>& path) {
        if (std::optional<Rejection> r = first_failure(path)) {
            note(std::move(*r), true, path.size());
            return std::nullopt;
        }
        std::vector<Certificate> copy;
        for (const Certificate* c : path) copy.push_back(*c);
        return ValidatedChain(std::move(copy), options_);
    }

    std::optional<Rejection> first_failure(const std::vector<const Certificate*>& path) {
        const std::size_t anchor_depth = path.size() - 1;
        const Certificate& anchor = *path.back();
        // The anchor: its validity and its own constraints (RFC 5937 §3; not required by §6.1).
        if (auto r = check_validity(anchor, anchor_depth)) return r;
        // §6.1.2 (k): max_path_length starts at n, here the number of certificates below the anchor.
        std::size_t max_path_length = anchor_depth;
        std::string limit_origin;
        if (path.size() > 1) {
            if (auto r = check_issuer_role(anchor, anchor_depth, true)) return r;
            if (anchor.extensions().basic_constraints && anchor.extensions().basic_constraints->path_len_constraint) {
                // (m) applied to the anchor: its pathLenConstraint counts the intermediate CAs below it.
                const std::uint32_t limit = *anchor.extensions().basic_constraints->path_len_constraint;
                max_path_length = std::min<std::size_t>(max_path_length, limit);
                limit_origin = at_depth(anchor_depth, anchor) + " (pathLenConstraint " + std::to_string(limit) + ")";
            }
        }

        // §6.1.3 and §6.1.4 for each certificate, from the one the anchor issued down to the leaf.
        for (std::size_t depth = anchor_depth; depth-- > 0;) {
            const Certificate& cert = *path[depth];
            const Certificate& issuer = *path[depth + 1];

            // (a)(1) the signature, with the working public key (the issuer's).
            const SignatureResult sig = verify_certificate_signature(cert, issuer.public_key());
            if (sig.status == SignatureStatus::unsupported) {
                return make(RejectionKind::unsupported_algorithm, "RFC 5280 §6.1.3 (a)(1)", depth, cert,
                            "cannot be checked: " + sig.reason);
            }
            if (sig.status == SignatureStatus::invalid) {
                return make(RejectionKind::bad_signature, "RFC 5280 §6.1.3 (a)(1)", depth, cert,
                            "has a bad signature: " + sig.reason + " (checked with the key of " + issuer.subject_text() + ")");
            }
            // (a)(2) the validity period.
            if (auto r = check_validity(cert, depth)) return r;
            // (a)(4) name chaining (the builder matched it; checked again here, where the rule lives).
            if (!cert.issuer().matches(issuer.subject())) {
                return make(RejectionKind::unknown_issuer, "RFC 5280 §6.1.3 (a)(4)", depth, cert,
                            "does not chain: issuer " + cert.issuer().to_string() + " is not the subject " +
                                issuer.subject_text() + " above it");
            }
            // (o) and §6.1.5 (f): critical extensions lucid does not process.
            if (auto unknown = cert.extensions().unknown_critical(); !unknown.empty()) {
                const Extension& e = *unknown.front();
                return make(RejectionKind::unknown_critical_extension, "RFC 5280 §4.2, §6.1.4 (o)", depth, cert,
                            "has a critical extension lucid does not recognise: " + e.id.display() + " (" + e.id.dotted() +
                                ") at offset " + std::to_string(e.offset));
            }
            // extKeyUsage (§4.2.1.12), where present.
            if (const auto& eku = cert.extensions().ext_key_usage; eku && !allows_purpose(*eku, options_.purpose)) {
                return make(RejectionKind::wrong_purpose, "RFC 5280 §4.2.1.12", depth, cert,
                            "is not for " + std::string(purpose_name(options_.purpose)) + ": extKeyUsage lists " + oid_list(*eku));
            }
            if (depth == 0) break;

            // §6.1.4: preparation for the next certificate; cert is an issuer.
            if (auto r = check_issuer_role(cert, depth, false)) return r;
            // (l) a CA that is not self-issued uses up one step of the path length.
            if (!cert.is_self_issued()) {
                if (max_path_length == 0) {
                    return make(RejectionKind::path_too_long, "RFC 5280 §6.1.4 (l)", depth, cert,
                                "is one intermediate CA too many: " + limit_origin +
                                    " allows no further CA below it");
                }
                --max_path_length;
            }
            // (m) its own pathLenConstraint may lower the limit.
            if (const auto& bc = cert.extensions().basic_constraints; bc && bc->path_len_constraint &&
                                                                     *bc->path_len_constraint < max_path_length) {
                max_path_length = *bc->path_len_constraint;
                limit_origin = at_depth(depth, cert) + " (pathLenConstraint " + std::to_string(*bc->path_len_constraint) + ")";
            }
        }

        // The anchor's extKeyUsage is not checked (RFC 5280 §6.1.1: an anchor is taken as it is).
        if (options_.host) {
            if (auto why = host_mismatch(*path.front(), *options_.host)) {
                // The reason already names the paragraph of RFC 6125 it applies.
                Rejection r = make(RejectionKind::host_mismatch, "RFC 6125 §6", 0, *path.front(), "");
                r.sentence = at_depth(0, *path.front()) + " does not match the host name \"" + *options_.host + "\": " + *why;
                return r;
            }
        }
        return std::nullopt;
    }

    // §6.1.3 (a)(2): "The certificate validity period includes the current time."
    std::optional<Rejection> check_validity(const Certificate& cert, std::size_t depth) const {
        const Time now = options_.at;
        if (now < cert.not_before()) {
            return make(RejectionKind::not_yet_valid, "RFC 5280 §6.1.3 (a)(2)", depth, cert,
                        "is not yet valid: notBefore " + cert.not_before().iso8601() + " > " + now.iso8601());
        }
        if (now > cert.not_after()) {
            return make(RejectionKind::expired, "RFC 5280 §6.1.3 (a)(2)", depth, cert,
                        "expired: notAfter " + cert.not_after().iso8601() + " < " + now.iso8601());
        }
        return std::nullopt;
    }

    // §6.1.4 (k) and (n): may this certificate issue certificates? An anchor is trusted by
    // out-of-band means (§6.1.4 (k) allows that for v1 certificates), so only an explicit
    // cA FALSE or a keyUsage without keyCertSign rules it out.
    std::optional<Rejection> check_issuer_role(const Certificate& cert, std::size_t depth, bool is_anchor) const {
        const auto& bc = cert.extensions().basic_constraints;
        if (cert.version() != 3 && !is_anchor) {
            return make(RejectionKind::not_a_ca, "RFC 5280 §6.1.4 (k)", depth, cert,
                        "is a version " + std::to_string(cert.version()) +
                            " certificate, which cannot show it is a CA, yet it issued the certificate below it");
        }
        if (cert.version() == 3 && !cert.is_ca() && (!is_anchor || bc)) {
            return make(RejectionKind::not_a_ca, "RFC 5280 §6.1.4 (k)", depth, cert,
                        std::string("is not a CA (") + (bc ? "basicConstraints cA is FALSE" : "no basicConstraints extension") +
                            "), yet it issued the certificate below it");
        }
        if (const auto& ku = cert.extensions().key_usage; ku && !ku->has(KeyUsageBit::key_cert_sign)) {
            return make(RejectionKind::key_usage, "RFC 5280 §6.1.4 (n)", depth, cert,
                        "may not sign certificates: its keyUsage is " + ku->to_string() + ", without keyCertSign");
        }
        return std::nullopt;
    }

    const TrustStore& anchors_;
    std::span<const Certificate> untrusted_;
    const ValidationOptions& options_;
    Rejection best_;
    bool have_best_ = false;
    bool best_complete_ = false;
    std::size_t best_depth_ = 0;
    std::size_t attempts_ = 0;
};

ValidatedChain validate_chain(const Certificate& leaf, std::span<const Certificate> untrusted, const TrustStore& anchors,
                              const ValidationOptions& options) {
    return ChainValidator(anchors, untrusted, options).run(leaf);
}

ValidatedChain validate_chain(std::span<const Bytes> received, const TrustStore& anchors, const ValidationOptions& options) {
    if (received.empty()) {
        Rejection r;
        r.kind = RejectionKind::no_certificate;
        r.rule = "RFC 5246 §7.4.2";
        r.sentence = "no certificate was received (" + r.rule + ")";
        throw CertificateRejected(r);
    }
    std::vector<Certificate> parsed;
    for (std::size_t i = 0; i < received.size(); ++i) {
        try {
            parsed.push_back(Certificate::parse(received[i]));
        } catch (const DecodeError& e) {
            Rejection r;
            r.kind = RejectionKind::malformed;
            r.rule = "RFC 5280 §4.1";
            r.depth = i == 0 ? std::optional<std::size_t>(0) : std::nullopt;
            r.sentence = (i == 0 ? std::string("the leaf certificate") : "certificate " + std::to_string(i + 1) + " received") +
                         " does not parse: " + e.what() + " (" + r.rule + ")";
            throw CertificateRejected(r);
        }
    }
    return validate_chain(parsed.front(), std::span<const Certificate>(parsed).subspan(1), anchors, options);
}

}  // namespace lucid::x509
