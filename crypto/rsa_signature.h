// RSASSA-PKCS1-v1_5 signatures, RFC 8017 §8.2, with the EMSA-PKCS1-v1_5 encoding of §9.2:
//
//   EM = 0x00 || 0x01 || PS (0xff bytes, at least 8) || 0x00 || DigestInfo(hash, H(M))
//
// and the form TLS 1.0 and 1.1 use for ServerKeyExchange and CertificateVerify (RFC 2246 §7.4.3,
// RFC 4346 §7.4.3): the same block with the 36 bytes MD5(M) || SHA-1(M) in place of DigestInfo.
// TLS 1.2 (RFC 5246 §4.7) and certificates use the DigestInfo form.
//
// Verification re-encodes: it computes the block the signer must have produced from the message,
// the hash and the key length, and compares it with s^e mod n in constant time. It never parses the
// recovered block. Parsers of that block were the root of Bleichenbacher's 2006 signature forgery
// (a parser that skips the padding, reads the DigestInfo and ignores what follows accepts a cube
// root computed by hand when e = 3) and of its descendants (BERserk 2014, and more in 2018).
// A block that is not byte for byte the expected one is rejected, whatever it contains.
#pragma once

#include <string>

#include "crypto/bytes.h"
#include "crypto/hash.h"
#include "crypto/random.h"
#include "crypto/rsa.h"

namespace lucid::crypto {

// The outcome of a verification, with the reason for a student or a log ("signature is 255 bytes,
// the modulus is 256"). Nothing secret is involved in verification, so the reason may be precise.
struct SignatureCheck {
    bool valid = false;
    std::string reason;  // empty when valid
    explicit operator bool() const { return valid; }
};

// RFC 8017 §9.2 Note 1: the DER encoding of DigestInfo up to the digest itself, for md5, sha1,
// sha224, sha256, sha384 and sha512.
ByteView digest_info_prefix(HashAlgorithm alg);

// RFC 8017 §9.2 EMSA-PKCS1-v1_5-ENCODE, from a digest already computed (its length must be the
// hash's). Throws "intended encoded message length too short" if em_length < tLen + 11.
Bytes emsa_pkcs1_v15_encode_digest(HashAlgorithm alg, ByteView digest, std::size_t em_length);
// The TLS 1.0/1.1 form: T is the 36-byte MD5(M) || SHA-1(M), no DigestInfo.
Bytes emsa_pkcs1_v15_encode_tls_md5_sha1(ByteView md5_sha1, std::size_t em_length);
// MD5(message) || SHA-1(message), the 36 bytes above.
Bytes md5_sha1(ByteView message);

// RFC 8017 §8.2.1 RSASSA-PKCS1-V1_5-SIGN: hashes the message. The signature is k bytes.
// rng only blinds the private-key operation; the signature does not depend on it.
Bytes rsassa_pkcs1_v15_sign(const RsaPrivateKey& key, HashAlgorithm alg, ByteView message, RandomSource& rng);
// The same from a digest already computed (a TLS handshake hash, a certificate's TBS digest).
Bytes rsassa_pkcs1_v15_sign_digest(const RsaPrivateKey& key, HashAlgorithm alg, ByteView digest, RandomSource& rng);
// TLS 1.0/1.1: signs the 36-byte MD5||SHA-1 digest.
Bytes rsa_sign_tls_md5_sha1(const RsaPrivateKey& key, ByteView md5_sha1_digest, RandomSource& rng);

// RFC 8017 §8.2.2 RSASSA-PKCS1-V1_5-VERIFY: hashes the message, re-encodes, compares.
SignatureCheck rsassa_pkcs1_v15_verify(const RsaPublicKey& key, HashAlgorithm alg, ByteView message,
                                       ByteView signature);
SignatureCheck rsassa_pkcs1_v15_verify_digest(const RsaPublicKey& key, HashAlgorithm alg, ByteView digest,
                                              ByteView signature);
SignatureCheck rsa_verify_tls_md5_sha1(const RsaPublicKey& key, ByteView md5_sha1_digest, ByteView signature);

}  // namespace lucid::crypto
