// Shared by the x509 tests: a small PKI made in memory with lucid's own builder and RSA.
//
// Keys are 1024-bit (fast to make, big enough for RsaPublicKey) and come from a seeded HMAC_DRBG,
// so every run builds the same certificates. Each test starts from good_chain() (a root CA, an
// intermediate, a server leaf, valid 2026-2036) and changes exactly the one thing its rule is about.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crypto/random.h"
#include "crypto/rsa.h"
#include "crypto/rsa_keygen.h"
#include "x509/builder.h"
#include "x509/certificate.h"
#include "x509/trust_store.h"
#include "x509/validation.h"

namespace lucid::test {

inline crypto::HmacDrbg x509_random(std::string_view label) {
    return crypto::HmacDrbg(as_bytes("lucidtls x509 test entropy, not secret"), as_bytes("nonce"), as_bytes(label));
}

// Keys 0..7, generated on first use.
inline const crypto::RsaPrivateKey& pki_key(int index) {
    static std::vector<crypto::RsaPrivateKey> keys = [] {
        std::vector<crypto::RsaPrivateKey> out;
        for (int i = 0; i < 8; ++i) {
            crypto::HmacDrbg rng = x509_random("key " + std::to_string(i));
            out.push_back(crypto::generate_rsa_key(1024, rng));
        }
        return out;
    }();
    return keys.at(static_cast<std::size_t>(index));
}

inline x509::Time at(const char* iso) { return x509::Time::parse_iso8601(iso); }

// A CA profile: cA TRUE, keyCertSign + cRLSign.
inline x509::CertificateSpec ca_spec(const char* subject, std::optional<std::uint32_t> path_len = std::nullopt) {
    x509::CertificateSpec s;
    s.subject = x509::Name::from_string(subject);
    s.not_before = at("2026-01-01T00:00:00Z");
    s.not_after = at("2036-01-01T00:00:00Z");
    s.basic_constraints = x509::BasicConstraints{true, path_len};
    x509::KeyUsage ku;
    ku.set(x509::KeyUsageBit::key_cert_sign);
    ku.set(x509::KeyUsageBit::crl_sign);
    s.key_usage = ku;
    return s;
}

// A server leaf: serverAuth, DNS:localhost, IP:127.0.0.1.
inline x509::CertificateSpec leaf_spec(const char* subject = "CN=localhost") {
    x509::CertificateSpec s;
    s.subject = x509::Name::from_string(subject);
    s.not_before = at("2026-01-01T00:00:00Z");
    s.not_after = at("2036-01-01T00:00:00Z");
    s.basic_constraints = x509::BasicConstraints{};
    x509::KeyUsage ku;
    ku.set(x509::KeyUsageBit::digital_signature);
    ku.set(x509::KeyUsageBit::key_encipherment);
    s.key_usage = ku;
    s.ext_key_usage = {x509::oids::server_auth};
    s.subject_alt_name.dns_names = {"localhost"};
    s.subject_alt_name.ip_addresses = {Bytes{127, 0, 0, 1}};
    return s;
}

inline x509::Certificate self_signed(const x509::CertificateSpec& spec, int key) {
    crypto::HmacDrbg rng = x509_random("sign");
    return x509::self_sign(spec, pki_key(key), rng);
}

inline x509::Certificate issued(const x509::CertificateSpec& spec, int subject_key, const x509::Certificate& issuer,
                                int issuer_key) {
    crypto::HmacDrbg rng = x509_random("sign");
    return x509::issue_certificate(spec, pki_key(subject_key).public_key(),
                                   x509::Issuer::from_certificate(issuer, pki_key(issuer_key)), rng);
}

// Root (key 0) -> intermediate (key 1, pathLen 0) -> leaf (key 2).
struct Chain {
    x509::Certificate root, intermediate, leaf;
};

inline Chain good_chain() {
    x509::Certificate root = self_signed(ca_spec("CN=Test Root CA,O=lucidtls tests"), 0);
    x509::Certificate inter = issued(ca_spec("CN=Test Intermediate CA,O=lucidtls tests", 0), 1, root, 0);
    x509::Certificate leaf = issued(leaf_spec(), 2, inter, 1);
    return {root, inter, leaf};
}

inline x509::TrustStore store_of(const x509::Certificate& anchor) {
    x509::TrustStore s;
    s.add(anchor);
    return s;
}

inline x509::ValidationOptions options_at(const char* iso = "2027-06-01T00:00:00Z") {
    x509::ValidationOptions o;
    o.at = at(iso);
    o.purpose = x509::Purpose::server_auth;
    return o;
}

}  // namespace lucid::test
