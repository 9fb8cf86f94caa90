// The checks of a peer's Certificate message, in TLS terms: the client's check of the server's
// (RFC 5246 §7.4.2) and the server's check of the client's (§7.4.6).
//
// x509/ validates certificate paths and host names and knows nothing of TLS; this file asks it
// the client's questions and turns each rejection into the alert of RFC 5246 §7.2.2:
//   bad_certificate          the certificate is corrupt (unparsable, bad signature)
//   unsupported_certificate  of an unsupported type (not RSA, key usage forbids encipherment)
//   certificate_expired      expired or not yet valid
//   unknown_ca               the chain does not lead to a trusted anchor
//   certificate_unknown      any other reason it is unacceptable (wrong host name, constraints)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/rsa.h"
#include "handshake/cipher_suites.h"

namespace lucid::handshake {

struct ClientConfig;

struct ServerCertificateCheck {
    crypto::RsaPublicKey key;         // the leaf's RSA key: what ClientKeyExchange encrypts to
    std::vector<std::string> notes;   // what was checked ("chain to CN=Lucid Demo CA verified" ...)
};

// chain: the certificate_list as received, leaf first. With config.verify_peer the path must
// validate at validation_time to one of config.trust_anchors and the leaf must match
// config.server_name (RFC 6125). Always: the leaf must parse and hold an RSA key that may be used
// for what the key exchange does with it (RFC 5246 §7.4.2): key encipherment for RSA, signing
// (digitalSignature) for DHE_RSA. Throws record::TlsError with the alert above.
ServerCertificateCheck check_server_certificate(const std::vector<Bytes>& chain, const ClientConfig& config,
                                                std::int64_t validation_time, KeyExchange key_exchange = KeyExchange::rsa);

struct ClientCertificateCheck {
    crypto::RsaPublicKey key;         // the leaf's RSA key: what CertificateVerify is checked with
    std::vector<std::string> notes;
};

// RFC 5246 §7.4.6, server side: chain (non-empty, leaf first) must validate at validation_time to
// one of trust_anchors for the purpose clientAuth (RFC 5280 §4.2.1.12), and the leaf must hold an
// RSA key that may sign (rsa_sign, the one certificate type lucidtls asks for). Throws
// record::TlsError with the alert above.
ClientCertificateCheck check_client_certificate(const std::vector<Bytes>& chain, const std::vector<Bytes>& trust_anchors,
                                                std::int64_t validation_time);

}  // namespace lucid::handshake
