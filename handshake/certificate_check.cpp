#include "handshake/certificate_check.h"

#include "handshake/engine.h"
#include "handshake/peer_limits.h"
#include "record/tls_error.h"
#include "x509/certificate.h"
#include "x509/error.h"
#include "x509/private_key.h"
#include "x509/trust_store.h"
#include "x509/validation.h"

namespace lucid::handshake {

using record::AlertDescription;
using record::TlsError;

namespace {

// RFC 5246 §7.2.2, one row per way x509/ can reject a chain.
AlertDescription alert_for(x509::RejectionKind kind) {
    using K = x509::RejectionKind;
    switch (kind) {
        case K::no_certificate: return AlertDescription::bad_certificate;
        case K::malformed: return AlertDescription::bad_certificate;
        case K::unsupported_algorithm: return AlertDescription::unsupported_certificate;
        case K::unknown_critical_extension: return AlertDescription::unsupported_certificate;
        case K::bad_signature: return AlertDescription::bad_certificate;
        case K::not_yet_valid: return AlertDescription::certificate_expired;
        case K::expired: return AlertDescription::certificate_expired;
        case K::unknown_issuer: return AlertDescription::unknown_ca;
        case K::not_a_ca: return AlertDescription::unknown_ca;
        case K::path_too_long: return AlertDescription::unknown_ca;
        case K::key_usage: return AlertDescription::bad_certificate;
        case K::wrong_purpose: return AlertDescription::unsupported_certificate;
        case K::host_mismatch: return AlertDescription::certificate_unknown;
    }
    return AlertDescription::certificate_unknown;
}

x509::TrustStore trust_store_of(const std::vector<Bytes>& anchors) {
    x509::TrustStore store;
    for (std::size_t i = 0; i < anchors.size(); ++i) {
        try {
            store.add(x509::Certificate::parse(anchors[i]));
        } catch (const Error& e) {
            throw TlsError(AlertDescription::internal_error,
                           "trust anchor " + std::to_string(i) + " cannot be parsed: " + e.what());
        }
    }
    return store;
}

// The leaf, parsed, with an RSA key that allows `usage` if it has a keyUsage extension. `whose`
// is "server" or "client"; `why` names the rule for the sentence.
std::pair<x509::Certificate, crypto::RsaPublicKey> rsa_leaf(const Bytes& der, std::string_view whose,
                                                            x509::KeyUsageBit usage, const std::string& why) {
    const x509::Certificate leaf = [&] {
        try {
            return x509::Certificate::parse(der);
        } catch (const Error& e) {
            throw TlsError(AlertDescription::bad_certificate,
                           "the " + std::string(whose) + "'s certificate cannot be parsed: " + e.what());
        }
    }();
    if (!leaf.public_key().rsa) {
        throw TlsError(AlertDescription::unsupported_certificate,
                       "the " + std::string(whose) + "'s certificate holds a " + leaf.public_key().description() +
                           " key; " + why + " needs an RSA key");
    }
    if (leaf.extensions().key_usage && !leaf.extensions().key_usage->has(usage)) {
        const char* bit = usage == x509::KeyUsageBit::key_encipherment ? "keyEncipherment" : "digitalSignature";
        throw TlsError(AlertDescription::unsupported_certificate,
                       "the " + std::string(whose) + "'s certificate does not allow " + bit + " (key usage: " +
                           leaf.extensions().key_usage->to_string() + "), which " + why + " needs");
    }
    try {
        crypto::RsaPublicKey key = x509::rsa_public_key(leaf.public_key());
        return {leaf, std::move(key)};
    } catch (const Error& e) {
        throw TlsError(AlertDescription::bad_certificate,
                       "the " + std::string(whose) + "'s RSA key is not usable: " + e.what());
    }
}

// docs/robustness.md: the chain a peer may make us hold and parse is bounded, before any of it is
// parsed and whether or not it is checked (--insecure). A chain this long is no certificate we
// could accept, so bad_certificate (RFC 5246 §7.2.2); x509/ bounds the path built from it too.
void check_chain_length(const std::vector<Bytes>& chain, std::string_view whose) {
    if (chain.size() <= max_certificates) return;
    throw TlsError(AlertDescription::bad_certificate,
                   "the " + std::string(whose) + " sent " + std::to_string(chain.size()) + " certificates; at most " +
                       std::to_string(max_certificates) +
                       " are accepted (a leaf, up to 8 intermediates and a root; docs/robustness.md)");
}

}  // namespace

ServerCertificateCheck check_server_certificate(const std::vector<Bytes>& chain, const ClientConfig& config,
                                                std::int64_t validation_time, KeyExchange key_exchange) {
    // RFC 5246 §7.4.2: "RSA ... the certificate MUST allow the key to be used for encryption
    // (the keyEncipherment bit MUST be set if the key usage extension is present)." and
    // "DHE_RSA ... the certificate MUST allow the key to be used for signing (the
    // digitalSignature bit MUST be set if the key usage extension is present)"; the same for
    // ECDHE_RSA (RFC 8422 §5.3: "the certificate MUST allow the key to be used for signing").
    const bool signs = key_exchange == KeyExchange::dhe_rsa || key_exchange == KeyExchange::ecdhe_rsa;
    const char* why = key_exchange == KeyExchange::dhe_rsa     ? "DHE_RSA key exchange (RFC 5246 §7.4.2)"
                      : key_exchange == KeyExchange::ecdhe_rsa ? "ECDHE_RSA key exchange (RFC 8422 §5.3)"
                                                               : "RSA key exchange (RFC 5246 §7.4.2)";
    check_chain_length(chain, "server");
    auto [leaf, key] = rsa_leaf(chain.front(), "server",
                                signs ? x509::KeyUsageBit::digital_signature : x509::KeyUsageBit::key_encipherment, why);
    ServerCertificateCheck out{std::move(key), {}};
    if (!config.verify_peer) return out;

    // RFC 5280 §6.1 path validation and RFC 6125 host name check, by x509/.
    const x509::TrustStore anchors = trust_store_of(config.trust_anchors);
    x509::ValidationOptions options;
    options.at = x509::Time::from_unix(validation_time);
    options.purpose = x509::Purpose::server_auth;
    options.host = config.server_name;
    try {
        const x509::ValidatedChain validated = x509::validate_chain(chain, anchors, options);
        out.notes.push_back("certificate chain verified at " + options.at.iso8601() + ":\n" + validated.describe());
        out.notes.push_back("host name \"" + config.server_name + "\" matches the certificate");
    } catch (const x509::CertificateRejected& e) {
        throw TlsError(alert_for(e.kind()), std::string("server certificate rejected: ") + e.what());
    } catch (const x509::DecodeError& e) {
        throw TlsError(AlertDescription::bad_certificate, std::string("server certificate cannot be parsed: ") + e.what());
    }
    return out;
}

// RFC 5246 §7.4.6
ClientCertificateCheck check_client_certificate(const std::vector<Bytes>& chain, const std::vector<Bytes>& trust_anchors,
                                                std::int64_t validation_time) {
    // §7.4.6 rsa_sign: "Certificate type rsa_sign: RSA public key; the certificate MUST allow the
    // key to be used for signing with the signature scheme and hash algorithm that will be
    // employed in the certificate verify message."
    check_chain_length(chain, "client");
    auto [leaf, key] = rsa_leaf(chain.front(), "client", x509::KeyUsageBit::digital_signature,
                                "a CertificateVerify signature (RFC 5246 §7.4.6)");
    ClientCertificateCheck out{std::move(key), {}};
    const x509::TrustStore anchors = trust_store_of(trust_anchors);
    x509::ValidationOptions options;
    options.at = x509::Time::from_unix(validation_time);
    options.purpose = x509::Purpose::client_auth;
    try {
        const x509::ValidatedChain validated = x509::validate_chain(chain, anchors, options);
        out.notes.push_back("client certificate chain verified for clientAuth at " + options.at.iso8601() + ":\n" +
                            validated.describe());
    } catch (const x509::CertificateRejected& e) {
        throw TlsError(alert_for(e.kind()), std::string("client certificate rejected: ") + e.what());
    } catch (const x509::DecodeError& e) {
        throw TlsError(AlertDescription::bad_certificate, std::string("client certificate cannot be parsed: ") + e.what());
    }
    return out;
}

}  // namespace lucid::handshake
