// x509/algorithm: AlgorithmIdentifier and the signature algorithms lucid verifies.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "x509/algorithm.h"
#include "x509/error.h"

using namespace lucid;
using namespace lucid::x509;

namespace {
AlgorithmIdentifier parse(const std::string& hex) { return parse_algorithm_identifier(read_single(from_hex(hex), "alg"), "alg"); }
}  // namespace

TEST_CASE("RFC 4055 §5: sha*WithRSAEncryption with NULL parameters, or none, is verifiable") {
    const SignatureAlgorithm with_null = signature_algorithm(parse("300d06092a864886f70d01010b0500"));
    CHECK(with_null.supported());
    CHECK(with_null.rsa_pkcs1_hash == crypto::HashAlgorithm::sha256);
    CHECK(with_null.name() == "sha256WithRSAEncryption");
    const SignatureAlgorithm absent = signature_algorithm(parse("300b06092a864886f70d010105"));
    CHECK(absent.rsa_pkcs1_hash == crypto::HashAlgorithm::sha1);
    CHECK(signature_algorithm(parse("300d06092a864886f70d01010c0500")).rsa_pkcs1_hash == crypto::HashAlgorithm::sha384);
    CHECK(signature_algorithm(parse("300d06092a864886f70d01010d0500")).rsa_pkcs1_hash == crypto::HashAlgorithm::sha512);
}

TEST_CASE("RFC 4055 §5: other parameters on an RSA signature algorithm are an error") {
    CHECK_THROWS_WITH_AS(signature_algorithm(parse("300e06092a864886f70d01010b020100")), doctest::Contains("NULL or absent"),
                         DecodeError);
}

TEST_CASE("Algorithms lucid does not verify are parsed and named, not refused") {
    const SignatureAlgorithm md5 = signature_algorithm(parse("300d06092a864886f70d0101040500"));
    CHECK_FALSE(md5.supported());
    CHECK(md5.name() == "md5WithRSAEncryption");
    const SignatureAlgorithm ecdsa = signature_algorithm(parse("300a06082a8648ce3d040302"));
    CHECK_FALSE(ecdsa.supported());
    CHECK(ecdsa.name() == "ecdsa-with-SHA256");
    CHECK(rsa_pkcs1_signature_oid(crypto::HashAlgorithm::sha256) == oids::sha256_with_rsa);
    CHECK_THROWS(rsa_pkcs1_signature_oid(crypto::HashAlgorithm::md5));
}

TEST_CASE("RFC 5280 §4.1.1.2: an AlgorithmIdentifier is one OID and at most one parameter") {
    CHECK_THROWS_AS(parse("30020500"), DecodeError);
    CHECK_THROWS_AS(parse("300f06092a864886f70d01010b05000500"), DecodeError);
    DerWriter w;
    write_algorithm_identifier(w, oids::rsa_encryption, true);
    CHECK(to_hex(w.data()) == "300d06092a864886f70d0101010500");
    CHECK(parse(to_hex(w.data())).parameters_are_null());
}
