// x509/public_key: SubjectPublicKeyInfo and the PKCS #1 RSAPublicKey.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "x509/error.h"
#include "x509/public_key.h"

using namespace lucid;
using namespace lucid::x509;

TEST_CASE("RFC 8017 A.1.1: RSAPublicKey round-trips; n and e come out without sign bytes") {
    RsaPublicNumbers key{from_hex("c0ffee0000000000000000000000000000000000000000000000000000000001"), from_hex("010001")};
    const Bytes der = encode_rsa_public_key(key);
    CHECK(to_hex(der).rfind("3028022100c0ffee", 0) == 0);  // a 00 byte keeps n positive
    CHECK(parse_rsa_public_key(der) == key);
    CHECK(key.bits() == 256);
    CHECK(RsaPublicNumbers{from_hex("01"), from_hex("03")}.bits() == 1);
}

TEST_CASE("RFC 5280 §4.1.2.7 and RFC 3279 §2.3.1: an RSA SubjectPublicKeyInfo") {
    RsaPublicNumbers key{from_hex("b5" + std::string(253, '1') + "3"), from_hex("010001")};
    const PublicKeyInfo info = parse_public_key_info(encode_public_key_info(key));
    REQUIRE(info.rsa);
    CHECK(*info.rsa == key);
    CHECK(info.description() == "RSA 1024 bits, e = 65537");
    CHECK(info.algorithm.algorithm == oids::rsa_encryption);
    CHECK(info.der == encode_public_key_info(key));
}

TEST_CASE("RFC 5480 §2.1.1: an EC key is parsed and named by its curve, not used") {
    // SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING 04 ... }
    const Bytes der = from_hex("3019301306072a8648ce3d020106082a8648ce3d030107030200" "04");
    const PublicKeyInfo info = parse_public_key_info(der);
    CHECK_FALSE(info.rsa);
    CHECK(info.description() == "id-ecPublicKey prime256v1 (not supported by lucid)");
}

TEST_CASE("RSAPublicKey: negative or zero numbers and a tiny exponent are refused") {
    CHECK_THROWS_AS(parse_rsa_public_key(from_hex("3006020180020103")), DecodeError);  // n negative
    CHECK_THROWS_AS(parse_rsa_public_key(from_hex("3006020100020103")), DecodeError);  // n zero
    CHECK_THROWS_AS(parse_rsa_public_key(from_hex("3006020105020101")), DecodeError);  // e = 1
    CHECK_THROWS_AS(parse_rsa_public_key(from_hex("30070201050201030000")), DecodeError);  // a stray byte inside
}
