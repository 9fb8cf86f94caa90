#include "crypto/rsa_signature.h"

#include <array>

#include "crypto/ct.h"
#include "crypto/error.h"

namespace lucid::crypto {

namespace {

// RFC 8017 §9.2 Note 1. Each is SEQUENCE { SEQUENCE { OID, NULL }, OCTET STRING (digest) }
// without the digest bytes; the NULL parameters are written, as the RFC's encodings have them.
struct DigestInfoRow {
    HashAlgorithm alg;
    std::array<std::uint8_t, 19> prefix;
    std::size_t length;  // 18 for md5 and sha1, 19 for SHA-2
};

constexpr DigestInfoRow digest_info_table[] = {
    {HashAlgorithm::md5, {0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05, 0x05,
                          0x00, 0x04, 0x10}, 18},
    {HashAlgorithm::sha1, {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14},
     15},
    {HashAlgorithm::sha224, {0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                             0x04, 0x05, 0x00, 0x04, 0x1c}, 19},
    {HashAlgorithm::sha256, {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                             0x01, 0x05, 0x00, 0x04, 0x20}, 19},
    {HashAlgorithm::sha384, {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                             0x02, 0x05, 0x00, 0x04, 0x30}, 19},
    {HashAlgorithm::sha512, {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                             0x03, 0x05, 0x00, 0x04, 0x40}, 19},
};

// RFC 8017 §9.2 steps 3 to 5: EM = 0x00 || 0x01 || PS || 0x00 || T, PS all 0xff.
Bytes encode_block(ByteView t, std::size_t em_length) {
    // Step 3: "If emLen < tLen + 11, output 'intended encoded message length too short'".
    if (em_length < t.size() + 11) throw Error("EMSA-PKCS1-v1_5: intended encoded message length too short");
    Bytes em;
    em.reserve(em_length);
    em.push_back(0x00);
    em.push_back(0x01);
    em.insert(em.end(), em_length - t.size() - 3, 0xff);
    em.push_back(0x00);
    append(em, t);
    return em;
}

// RFC 8017 §8.2.1 steps 2 and 3: RSASP1 on the encoded block, I2OSP to k bytes.
Bytes sign_block(const RsaPrivateKey& key, ByteView em, RandomSource& rng) {
    return i2osp(rsasp1(key, os2ip(em), rng), key.size_bytes());
}

// RFC 8017 §8.2.2: length check, RSAVP1, and the comparison of step 4 with the block we built.
SignatureCheck verify_block(const RsaPublicKey& key, ByteView signature, ByteView expected_em) {
    const std::size_t k = key.size_bytes();
    // Step 1: "If the length of the signature S is not k octets, output 'invalid signature'".
    if (signature.size() != k) {
        return {false, "signature is " + std::to_string(signature.size()) + " bytes, the modulus is " +
                           std::to_string(k)};
    }
    // Step 2: RSAVP1 rejects s >= n.
    const BigInt s = os2ip(signature);
    if (s >= key.n()) return {false, "signature representative is not below the modulus"};
    const Bytes em = i2osp(rsavp1(key, s), k);
    // Step 4: "Compare the encoded message EM and the second encoded message EM'". Byte for byte,
    // never by parsing EM (Bleichenbacher 2006). Constant time is not needed for public data but
    // costs nothing and keeps every comparison of this kind the same.
    if (!ct::equal(em, expected_em)) {
        return {false, "the signed block is not the expected PKCS#1 v1.5 encoding of this digest"};
    }
    return {true, ""};
}

void check_digest_size(HashAlgorithm alg, ByteView digest) {
    if (digest.size() != digest_size(alg)) {
        throw Error("RSASSA-PKCS1-v1_5: a " + std::string(hash_name(alg)) + " digest is " +
                    std::to_string(digest_size(alg)) + " bytes, not " + std::to_string(digest.size()));
    }
}

}  // namespace

ByteView digest_info_prefix(HashAlgorithm alg) {
    for (const DigestInfoRow& row : digest_info_table) {
        if (row.alg == alg) return ByteView(row.prefix.data(), row.length);
    }
    throw Error("EMSA-PKCS1-v1_5: no DigestInfo for " + std::string(hash_name(alg)));
}

// RFC 8017 §9.2, steps 2 to 5 (step 1, hashing, is done by the caller).
Bytes emsa_pkcs1_v15_encode_digest(HashAlgorithm alg, ByteView digest, std::size_t em_length) {
    check_digest_size(alg, digest);
    // Step 2: T = DER encoding of DigestInfo { digestAlgorithm, digest }.
    const Bytes t = concat({digest_info_prefix(alg), digest});
    return encode_block(t, em_length);
}

// RFC 2246 §7.4.3 / RFC 4346 §7.4.3: "the 36-byte structure of two hashes (one SHA and one MD5)
// is signed (encrypted with the private key). It is encoded with PKCS #1 block type 1".
Bytes emsa_pkcs1_v15_encode_tls_md5_sha1(ByteView md5_sha1_digest, std::size_t em_length) {
    if (md5_sha1_digest.size() != 36) throw Error("TLS 1.0/1.1 RSA signature: the MD5||SHA-1 digest must be 36 bytes");
    return encode_block(md5_sha1_digest, em_length);
}

Bytes md5_sha1(ByteView message) {
    return concat({digest(HashAlgorithm::md5, message), digest(HashAlgorithm::sha1, message)});
}

// RFC 8017 §8.2.1
Bytes rsassa_pkcs1_v15_sign(const RsaPrivateKey& key, HashAlgorithm alg, ByteView message, RandomSource& rng) {
    return rsassa_pkcs1_v15_sign_digest(key, alg, digest(alg, message), rng);
}

Bytes rsassa_pkcs1_v15_sign_digest(const RsaPrivateKey& key, HashAlgorithm alg, ByteView digest, RandomSource& rng) {
    return sign_block(key, emsa_pkcs1_v15_encode_digest(alg, digest, key.size_bytes()), rng);
}

Bytes rsa_sign_tls_md5_sha1(const RsaPrivateKey& key, ByteView md5_sha1_digest, RandomSource& rng) {
    return sign_block(key, emsa_pkcs1_v15_encode_tls_md5_sha1(md5_sha1_digest, key.size_bytes()), rng);
}

// RFC 8017 §8.2.2
SignatureCheck rsassa_pkcs1_v15_verify(const RsaPublicKey& key, HashAlgorithm alg, ByteView message,
                                       ByteView signature) {
    return rsassa_pkcs1_v15_verify_digest(key, alg, digest(alg, message), signature);
}

SignatureCheck rsassa_pkcs1_v15_verify_digest(const RsaPublicKey& key, HashAlgorithm alg, ByteView digest,
                                              ByteView signature) {
    check_digest_size(alg, digest);
    const std::size_t k = key.size_bytes();
    const Bytes t = concat({digest_info_prefix(alg), digest});
    // Step 3: EM' = EMSA-PKCS1-V1_5-ENCODE(M, k); too short a key cannot have signed this hash.
    if (k < t.size() + 11) return {false, "RSA key too short for a " + std::string(hash_name(alg)) + " signature"};
    return verify_block(key, signature, encode_block(t, k));
}

SignatureCheck rsa_verify_tls_md5_sha1(const RsaPublicKey& key, ByteView md5_sha1_digest, ByteView signature) {
    return verify_block(key, signature, emsa_pkcs1_v15_encode_tls_md5_sha1(md5_sha1_digest, key.size_bytes()));
}

}  // namespace lucid::crypto
