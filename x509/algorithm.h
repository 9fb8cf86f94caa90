// AlgorithmIdentifier (RFC 5280 §4.1.1.2) and the signature algorithms lucid can verify.
//
//   AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
//
// lucid verifies RSASSA-PKCS1-v1_5 with SHA-1, SHA-256, SHA-384 and SHA-512 (RFC 4055 §5,
// RFC 8017 §8.2). Every other algorithm is still parsed and reported by name ("ecdsa-with-SHA256",
// "md5WithRSAEncryption"), and a signature made with it is rejected as unsupported, never as bad.
#pragma once

#include <optional>
#include <string>

#include "crypto/bytes.h"
#include "crypto/hash.h"
#include "x509/der.h"
#include "x509/oid.h"

namespace lucid::x509 {

struct AlgorithmIdentifier {
    Oid algorithm;
    std::optional<Bytes> parameters;  // the parameters TLV, if present
    std::size_t offset = 0;
    Bytes der;                        // the whole AlgorithmIdentifier, as encoded

    bool parameters_are_null() const;  // present and exactly NULL (05 00)
};

AlgorithmIdentifier parse_algorithm_identifier(const Element& e, std::string_view what);
// { algorithm, NULL } when null_parameters, else { algorithm } alone.
void write_algorithm_identifier(DerWriter& w, const Oid& algorithm, bool null_parameters);

struct SignatureAlgorithm {
    AlgorithmIdentifier identifier;
    // Set when lucid can verify it: RSASSA-PKCS1-v1_5 with this hash.
    std::optional<crypto::HashAlgorithm> rsa_pkcs1_hash;

    std::string name() const { return identifier.algorithm.display(); }
    bool supported() const { return rsa_pkcs1_hash.has_value(); }
};

// RFC 4055 §5: for sha*WithRSAEncryption "the parameters MUST be NULL. Implementations MUST accept
// the parameters being absent as well as present." Anything else in them is a DecodeError.
SignatureAlgorithm signature_algorithm(const AlgorithmIdentifier& id);

// The OID for RSASSA-PKCS1-v1_5 with this hash (sha1, sha256, sha384, sha512); lucid::Error otherwise.
const Oid& rsa_pkcs1_signature_oid(crypto::HashAlgorithm hash);

}  // namespace lucid::x509
