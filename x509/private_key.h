// Key files: RSA private keys in PKCS #1 and PKCS #8, public keys as SubjectPublicKeyInfo.
//
//   RSAPrivateKey ::= SEQUENCE {            -- PKCS #1, RFC 8017 Appendix A.1.2 ("RSA PRIVATE KEY")
//       version Version (0: two primes), modulus n, publicExponent e, privateExponent d,
//       prime1 p, prime2 q, exponent1 d mod (p-1), exponent2 d mod (q-1), coefficient q^-1 mod p }
//
//   PrivateKeyInfo ::= SEQUENCE {           -- PKCS #8, RFC 5208 §5 / RFC 5958 §2 ("PRIVATE KEY")
//       version Version (0, or 1 with an optional publicKey),
//       privateKeyAlgorithm AlgorithmIdentifier,   -- rsaEncryption, NULL
//       privateKey OCTET STRING,                   -- the DER of RSAPrivateKey
//       attributes [0] IMPLICIT Attributes OPTIONAL }
//
// Encrypted keys ("ENCRYPTED PRIVATE KEY", or PEM with a Proc-Type header) are not supported.
// The keys come out as crypto/rsa.h types, which check that the numbers belong together. What is
// written is PKCS #8, the form `openssl pkey` reads and writes by default; the DER of a private key
// only ever lives in SecretBytes.
#pragma once

#include "crypto/bytes.h"
#include "crypto/rsa.h"
#include "crypto/secret.h"
#include "x509/public_key.h"

namespace lucid::x509 {

crypto::RsaPrivateKey parse_rsa_private_key_pkcs1(ByteView der);
crypto::RsaPrivateKey parse_private_key_pkcs8(ByteView der);
// A key file's contents: PEM ("PRIVATE KEY" or "RSA PRIVATE KEY", the first key block) or DER
// (PKCS #8 or PKCS #1, told apart by their first field).
crypto::RsaPrivateKey parse_private_key(ByteView file_contents);

SecretBytes encode_rsa_private_key_pkcs1(const crypto::RsaPrivateKey& key);
SecretBytes encode_private_key_pkcs8(const crypto::RsaPrivateKey& key);
// PKCS #8 in PEM: "-----BEGIN PRIVATE KEY-----".
SecretBytes private_key_pem(const crypto::RsaPrivateKey& key);

// The RSA key of a SubjectPublicKeyInfo; lucid::Error naming the key type if it is not RSA.
crypto::RsaPublicKey rsa_public_key(const PublicKeyInfo& info);
RsaPublicNumbers rsa_public_numbers(const crypto::RsaPublicKey& key);
// A public key file: PEM "PUBLIC KEY" (SubjectPublicKeyInfo) or "RSA PUBLIC KEY" (PKCS #1), or
// the DER of either; a certificate or a private key file gives the public key inside it.
crypto::RsaPublicKey parse_public_key(ByteView file_contents);
// "-----BEGIN PUBLIC KEY-----" (SubjectPublicKeyInfo).
std::string public_key_pem(const crypto::RsaPublicKey& key);

}  // namespace lucid::x509
