// What a server proves itself with, and what a client trusts, loaded from PEM text.
//
// These wrap the x509/ and crypto/ types so that tools/ (which reads the files) and the engines
// (which use them) agree on one shape that does not change when those layers grow. A client's
// certificate and key (ClientConfig::credentials, RFC 5246 §7.4.6) use the same type: a chain,
// leaf first, and the RSA key that matches the leaf.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"

namespace lucid::crypto {
class RsaPrivateKey;
}

namespace lucid::handshake {

class ServerCredentials {
public:
    // certificates_pem: one or more CERTIFICATE blocks, the server's own certificate first, then
    // the intermediates (RFC 5246 §7.4.2: "The sender's certificate MUST come first in the list").
    // private_key_pem: the RSA key of the first certificate ("RSA PRIVATE KEY" or "PRIVATE KEY").
    // Throws lucid::Error naming the problem: no certificate, unreadable key, a key that is not RSA,
    // or a key that does not match the certificate's public key.
    static std::shared_ptr<const ServerCredentials> from_pem(std::string_view certificates_pem,
                                                             std::string_view private_key_pem);
    // The same from DER: certificates (leaf first) and a PKCS#1 or PKCS#8 RSA private key.
    static std::shared_ptr<const ServerCredentials> from_der(std::vector<Bytes> certificates,
                                                             ByteView private_key_der);

    // The same from a key already in memory (tests, generated keys). The key is taken over.
    static std::shared_ptr<const ServerCredentials> from_key(std::vector<Bytes> certificates,
                                                             crypto::RsaPrivateKey key);

    // The DER certificates sent in the Certificate message, leaf first.
    const std::vector<Bytes>& chain() const;

    ServerCredentials(const ServerCredentials&) = delete;
    ServerCredentials& operator=(const ServerCredentials&) = delete;
    ~ServerCredentials();

    struct Impl;  // holds the parsed RSA private key; see credentials.cpp
    const Impl& impl() const { return *impl_; }

private:
    explicit ServerCredentials(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// Every CERTIFICATE block of a PEM text, as DER, in order (for --CAfile and --cert). Throws
// lucid::Error if there is none or a block is malformed.
std::vector<Bytes> certificates_from_pem(std::string_view pem);

}  // namespace lucid::handshake
