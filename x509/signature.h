// Certificate signatures (RFC 5280 §4.1.1.3): the issuer's key over the DER of the TBSCertificate.
//
// This is where x509/ meets crypto/rsa_signature.h. lucid verifies RSASSA-PKCS1-v1_5 (RFC 8017
// §8.2) with SHA-1, SHA-256, SHA-384 and SHA-512; any other algorithm, or a key that is not RSA,
// is "unsupported" (a different answer from "the signature is wrong", and a different TLS alert).
#pragma once

#include <string>

#include "crypto/bytes.h"
#include "crypto/hash.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "x509/algorithm.h"
#include "x509/certificate.h"
#include "x509/der.h"
#include "x509/public_key.h"

namespace lucid::x509 {

enum class SignatureStatus { valid, invalid, unsupported };

struct SignatureResult {
    SignatureStatus status = SignatureStatus::invalid;
    std::string reason;  // empty when valid: "the signature does not match the key of ...", "ecdsa-with-SHA256 is not supported"
};

// Verifies signature over signed_data with the algorithm and the signer's public key.
SignatureResult verify_signature(const SignatureAlgorithm& algorithm, ByteView signed_data, const BitString& signature,
                                 const PublicKeyInfo& signer_key);
// The signature on cert, checked with the issuer's key.
SignatureResult verify_certificate_signature(const Certificate& cert, const PublicKeyInfo& issuer_key);

// RSASSA-PKCS1-v1_5 over data with this hash: what a CA does to a TBSCertificate.
// rng blinds the private-key operation only (the signature does not depend on it).
Bytes rsa_sign(ByteView data, const crypto::RsaPrivateKey& key, crypto::HashAlgorithm hash, crypto::RandomSource& rng);

}  // namespace lucid::x509
