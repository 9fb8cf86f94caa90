#include "x509/signature.h"

#include "crypto/error.h"
#include "crypto/rsa_signature.h"
#include "x509/private_key.h"

namespace lucid::x509 {

SignatureResult verify_signature(const SignatureAlgorithm& algorithm, ByteView signed_data, const BitString& signature,
                                 const PublicKeyInfo& signer_key) {
    SignatureResult result;
    if (!algorithm.supported()) {
        result.status = SignatureStatus::unsupported;
        result.reason = "signature algorithm " + algorithm.name() + " is not supported by lucid (it verifies "
                        "sha1/sha256/sha384/sha512WithRSAEncryption)";
        return result;
    }
    if (!signer_key.rsa) {
        result.status = SignatureStatus::unsupported;
        result.reason = "the signer's key is " + signer_key.description() + ", which cannot check an RSA signature";
        return result;
    }
    std::optional<crypto::RsaPublicKey> key;
    try {
        key = rsa_public_key(signer_key);
    } catch (const Error& e) {
        result.status = SignatureStatus::unsupported;
        result.reason = std::string("the signer's RSA key is unusable: ") + e.what();
        return result;
    }
    if (signature.unused_bits != 0) {
        result.reason = "the signature BIT STRING has unused bits; an RSA signature is whole bytes";
        return result;
    }
    // RFC 8017 §8.2.2: verification re-encodes and compares; it never parses the recovered block.
    const crypto::SignatureCheck check = crypto::rsassa_pkcs1_v15_verify(*key, *algorithm.rsa_pkcs1_hash, signed_data, signature.bytes);
    if (check.valid) {
        result.status = SignatureStatus::valid;
    } else {
        result.reason = check.reason.empty() ? "the signature does not verify" : check.reason;
    }
    return result;
}

SignatureResult verify_certificate_signature(const Certificate& cert, const PublicKeyInfo& issuer_key) {
    return verify_signature(cert.signature_algorithm(), cert.tbs(), cert.signature(), issuer_key);
}

Bytes rsa_sign(ByteView data, const crypto::RsaPrivateKey& key, crypto::HashAlgorithm hash, crypto::RandomSource& rng) {
    return crypto::rsassa_pkcs1_v15_sign(key, hash, data, rng);
}

}  // namespace lucid::x509
