// A small PKI made in memory for the engine tests, deterministic (fixed-seed HMAC_DRBG):
//   "Test CA" (self-signed, 2048-bit)  ->  "localhost" (2048-bit; DNS:localhost, IP:127.0.0.1)
//                                      ->  an expired "localhost" (valid 2019-2020 only)
//   "Other CA" (self-signed, 1024-bit): trusted by nobody's server, for the unknown-CA test.
//   "Test Client" (clientAuth, issued by Test CA, with the server's key to save a key generation),
//   and "Stranger" (clientAuth, self-signed by Other CA's key: no trusted issuer), for RFC 5246 §7.4.6.
// Every certificate is valid from 2020-01-01 to 2040-01-01 unless said otherwise.
#pragma once

#include <memory>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "crypto/rsa_keygen.h"
#include "x509/builder.h"
#include "x509/oid.h"

namespace lucid::handshake::testing {

struct TestPki {
    crypto::RsaPrivateKey ca_key;
    Bytes ca_cert;
    crypto::RsaPrivateKey server_key;
    Bytes server_cert;
    Bytes expired_server_cert;
    Bytes other_ca_cert;
    Bytes client_cert;    // key: server_key
    Bytes stranger_cert;  // key: server_key, issued by "Other CA"
    Bytes server_only_client_cert;  // key: server_key, extKeyUsage serverAuth only
};

// 2030-01-01T00:00:00Z: inside the validity of every certificate but the expired one.
inline constexpr std::int64_t test_now = 1893456000;

inline const TestPki& test_pki() {
    static const TestPki pki = [] {
        crypto::HmacDrbg rng(as_bytes("lucidtls handshake test PKI seed"), as_bytes("nonce"), {});
        crypto::RsaPrivateKey ca_key = crypto::generate_rsa_key(2048, rng);
        crypto::RsaPrivateKey server_key = crypto::generate_rsa_key(2048, rng);
        crypto::RsaPrivateKey other_key = crypto::generate_rsa_key(1024, rng);

        x509::CertificateSpec ca;
        ca.subject = x509::Name::from_string("CN=Test CA,O=lucidtls tests");
        ca.not_before = x509::Time::from_civil(2020, 1, 1, 0, 0, 0);
        ca.not_after = x509::Time::from_civil(2040, 1, 1, 0, 0, 0);
        ca.basic_constraints = x509::BasicConstraints{true, std::nullopt};
        x509::KeyUsage ca_usage;
        ca_usage.set(x509::KeyUsageBit::key_cert_sign);
        ca_usage.set(x509::KeyUsageBit::crl_sign);
        ca.key_usage = ca_usage;
        const x509::Certificate ca_cert = x509::self_sign(ca, ca_key, rng);

        x509::CertificateSpec leaf;
        leaf.serial = {0x02};
        leaf.subject = x509::Name::from_string("CN=localhost");
        leaf.not_before = ca.not_before;
        leaf.not_after = ca.not_after;
        x509::KeyUsage usage;
        usage.set(x509::KeyUsageBit::digital_signature);
        usage.set(x509::KeyUsageBit::key_encipherment);
        leaf.key_usage = usage;
        leaf.ext_key_usage = {x509::oids::server_auth};
        leaf.subject_alt_name.dns_names = {"localhost"};
        leaf.subject_alt_name.ip_addresses = {Bytes{127, 0, 0, 1}};
        const x509::Issuer issuer = x509::Issuer::from_certificate(ca_cert, ca_key);
        const x509::Certificate server_cert = x509::issue_certificate(leaf, server_key.public_key(), issuer, rng);

        x509::CertificateSpec expired = leaf;
        expired.serial = {0x03};
        expired.not_before = x509::Time::from_civil(2019, 1, 1, 0, 0, 0);
        expired.not_after = x509::Time::from_civil(2020, 1, 1, 0, 0, 0);
        const x509::Certificate expired_cert = x509::issue_certificate(expired, server_key.public_key(), issuer, rng);

        x509::CertificateSpec other = ca;
        other.subject = x509::Name::from_string("CN=Other CA");
        const x509::Certificate other_cert = x509::self_sign(other, other_key, rng);

        x509::CertificateSpec client;
        client.serial = {0x04};
        client.subject = x509::Name::from_string("CN=Test Client");
        client.not_before = ca.not_before;
        client.not_after = ca.not_after;
        x509::KeyUsage signing;
        signing.set(x509::KeyUsageBit::digital_signature);
        client.key_usage = signing;
        client.ext_key_usage = {x509::oids::client_auth};
        const x509::Certificate client_cert = x509::issue_certificate(client, server_key.public_key(), issuer, rng);
        x509::CertificateSpec stranger = client;
        stranger.serial = {0x05};
        stranger.subject = x509::Name::from_string("CN=Stranger");
        const x509::Certificate stranger_cert = x509::issue_certificate(
            stranger, server_key.public_key(), x509::Issuer::from_certificate(other_cert, other_key), rng);
        x509::CertificateSpec server_only = client;
        server_only.serial = {0x06};
        server_only.ext_key_usage = {x509::oids::server_auth};
        const x509::Certificate server_only_cert = x509::issue_certificate(server_only, server_key.public_key(), issuer, rng);

        return TestPki{std::move(ca_key),    ca_cert.der(),          std::move(server_key), server_cert.der(),
                       expired_cert.der(),   other_cert.der(),       client_cert.der(),     stranger_cert.der(),
                       server_only_cert.der()};
    }();
    return pki;
}

}  // namespace lucid::handshake::testing
