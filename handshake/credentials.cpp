// Loading what the server proves itself with (credentials.h), with x509/ doing the parsing.
#include "handshake/credentials.h"

#include "crypto/error.h"
#include "handshake/credentials_impl.h"
#include "x509/certificate.h"
#include "x509/pem.h"
#include "x509/private_key.h"

namespace lucid::handshake {

ServerCredentials::ServerCredentials(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ServerCredentials::~ServerCredentials() = default;

const std::vector<Bytes>& ServerCredentials::chain() const { return impl_->chain; }

std::shared_ptr<const ServerCredentials> ServerCredentials::from_key(std::vector<Bytes> certificates,
                                                                     crypto::RsaPrivateKey key) {
    if (certificates.empty()) throw Error("server credentials: no certificate");
    const x509::Certificate leaf = x509::Certificate::parse(certificates.front());
    if (!leaf.public_key().rsa) {
        throw Error("server credentials: the certificate holds a " + leaf.public_key().description() +
                    " key; lucidtls's RSA key exchange needs an RSA key");
    }
    // The key must be the one the certificate names, or no client could ever finish a handshake.
    if (x509::rsa_public_numbers(key.public_key()) != *leaf.public_key().rsa) {
        throw Error("server credentials: the private key does not match the certificate's public key (" +
                    leaf.subject_text() + ")");
    }
    auto impl = std::unique_ptr<Impl>(new Impl{std::move(certificates), std::move(key)});
    return std::shared_ptr<const ServerCredentials>(new ServerCredentials(std::move(impl)));
}

std::shared_ptr<const ServerCredentials> ServerCredentials::from_der(std::vector<Bytes> certificates,
                                                                     ByteView private_key_der) {
    return from_key(std::move(certificates), x509::parse_private_key(private_key_der));
}

std::shared_ptr<const ServerCredentials> ServerCredentials::from_pem(std::string_view certificates_pem,
                                                                     std::string_view private_key_pem) {
    return from_key(certificates_from_pem(certificates_pem), x509::parse_private_key(as_bytes(private_key_pem)));
}

std::vector<Bytes> certificates_from_pem(std::string_view pem) {
    std::vector<Bytes> out;
    for (x509::PemBlock& block : x509::pem_decode_all(pem)) {
        if (block.label == "CERTIFICATE") out.push_back(std::move(block.der));
    }
    if (out.empty()) throw Error("no CERTIFICATE block in the PEM text");
    return out;
}

}  // namespace lucid::handshake
