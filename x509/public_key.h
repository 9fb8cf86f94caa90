// Public keys as certificates carry them: SubjectPublicKeyInfo (RFC 5280 §4.1.2.7).
//
//   SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
//
// For RSA (RFC 3279 §2.3.1) the algorithm is rsaEncryption with NULL parameters and the BIT STRING
// holds the DER of the PKCS #1 RSAPublicKey (RFC 8017 Appendix A.1.1):
//
//   RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
//
// Other key types (EC, Ed25519, DSA ...) are parsed and named, not used.
#pragma once

#include <optional>
#include <string>

#include "crypto/bytes.h"
#include "x509/algorithm.h"
#include "x509/der.h"

namespace lucid::x509 {

// n and e as unsigned big-endian bytes, no leading zeros.
struct RsaPublicNumbers {
    Bytes modulus;
    Bytes public_exponent;

    std::size_t bits() const;  // the size of n in bits
    bool operator==(const RsaPublicNumbers&) const = default;
};

struct PublicKeyInfo {
    AlgorithmIdentifier algorithm;
    BitString subject_public_key;
    Bytes der;                           // the whole SubjectPublicKeyInfo
    std::optional<RsaPublicNumbers> rsa; // set for rsaEncryption

    // "RSA 2048 bits, e = 65537" or "id-ecPublicKey prime256v1 (not supported by lucid)".
    std::string description() const;
};

PublicKeyInfo parse_public_key_info(const Element& e);
PublicKeyInfo parse_public_key_info(ByteView der);  // a whole DER SubjectPublicKeyInfo ("PUBLIC KEY")

// RFC 8017 Appendix A.1.1; offset is the absolute offset of der[0] for errors.
RsaPublicNumbers parse_rsa_public_key(ByteView der, std::size_t offset = 0);
Bytes encode_rsa_public_key(const RsaPublicNumbers& key);
Bytes encode_public_key_info(const RsaPublicNumbers& key);

}  // namespace lucid::x509
