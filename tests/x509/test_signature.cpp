// x509/signature: certificate signatures with crypto/rsa_signature.h.
#include <doctest/doctest.h>

#include <algorithm>

#include "crypto/hex.h"
#include "test_pki.h"
#include "x509/private_key.h"
#include "x509/signature.h"

using namespace lucid;
using namespace lucid::x509;

TEST_CASE("RFC 5280 §4.1.1.3: the issuer's key verifies the signature over the TBSCertificate") {
    const test::Chain chain = test::good_chain();
    CHECK(verify_certificate_signature(chain.leaf, chain.intermediate.public_key()).status == SignatureStatus::valid);
    CHECK(verify_certificate_signature(chain.root, chain.root.public_key()).status == SignatureStatus::valid);
    // Another key: invalid, with a reason.
    const SignatureResult wrong = verify_certificate_signature(chain.leaf, chain.root.public_key());
    CHECK(wrong.status == SignatureStatus::invalid);
    CHECK_FALSE(wrong.reason.empty());
    // One bit of the TBS changed: invalid.
    Bytes tampered = chain.leaf.der();
    tampered[chain.leaf.tbs().size() / 2] ^= 0x01;
    CHECK(verify_certificate_signature(Certificate::parse(tampered), chain.intermediate.public_key()).status ==
          SignatureStatus::invalid);
}

TEST_CASE("Algorithms lucid does not verify are 'unsupported', not 'invalid'") {
    const test::Chain chain = test::good_chain();
    // sha256WithRSAEncryption -> md5WithRSAEncryption in both AlgorithmIdentifiers.
    Bytes der = chain.leaf.der();
    const Bytes oid = from_hex("06092a864886f70d01010b");
    for (auto it = std::search(der.begin(), der.end(), oid.begin(), oid.end()); it != der.end();
         it = std::search(it + 1, der.end(), oid.begin(), oid.end())) {
        *(it + static_cast<std::ptrdiff_t>(oid.size()) - 1) = 0x04;
    }
    const Certificate md5 = Certificate::parse(der);
    CHECK(md5.signature_algorithm().name() == "md5WithRSAEncryption");
    const SignatureResult r = verify_certificate_signature(md5, chain.intermediate.public_key());
    CHECK(r.status == SignatureStatus::unsupported);
    CHECK(r.reason.find("md5WithRSAEncryption") != std::string::npos);
}

TEST_CASE("RFC 8017 §8.2: rsa_sign makes what verify_signature accepts, for each hash lucid offers") {
    const crypto::RsaPrivateKey& key = test::pki_key(3);
    PublicKeyInfo info = parse_public_key_info(encode_public_key_info(rsa_public_numbers(key.public_key())));
    crypto::HmacDrbg rng = test::x509_random("rsa_sign");
    for (crypto::HashAlgorithm h : {crypto::HashAlgorithm::sha1, crypto::HashAlgorithm::sha256, crypto::HashAlgorithm::sha384,
                                    crypto::HashAlgorithm::sha512}) {
        AlgorithmIdentifier id;
        id.algorithm = rsa_pkcs1_signature_oid(h);
        SignatureAlgorithm alg = signature_algorithm(id);
        BitString sig;
        sig.bytes = rsa_sign(as_bytes("to be signed"), key, h, rng);
        CHECK(verify_signature(alg, as_bytes("to be signed"), sig, info).status == SignatureStatus::valid);
        CHECK(verify_signature(alg, as_bytes("to be signed!"), sig, info).status == SignatureStatus::invalid);
    }
}
