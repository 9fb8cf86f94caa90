// x509/private_key: PKCS #1 and PKCS #8 RSA private keys, SubjectPublicKeyInfo.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "test_pki.h"
#include "x509/error.h"
#include "x509/pem.h"
#include "x509/private_key.h"

using namespace lucid;
using namespace lucid::x509;

namespace {
bool same_key(const crypto::RsaPrivateKey& a, const crypto::RsaPrivateKey& b) {
    return a.n() == b.n() && a.e() == b.e() && a.d() == b.d() && a.p() == b.p() && a.q() == b.q() && a.dp() == b.dp() &&
           a.dq() == b.dq() && a.qinv() == b.qinv();
}
std::string text(const SecretBytes& s) { return std::string(reinterpret_cast<const char*>(s.data()), s.size()); }
}  // namespace

TEST_CASE("RFC 8017 A.1.2 and RFC 5208 §5: PKCS #1 and PKCS #8 round-trip, DER and PEM") {
    const crypto::RsaPrivateKey& key = test::pki_key(0);
    const SecretBytes pkcs1 = encode_rsa_private_key_pkcs1(key);
    const SecretBytes pkcs8 = encode_private_key_pkcs8(key);
    CHECK(same_key(parse_rsa_private_key_pkcs1(pkcs1.view()), key));
    CHECK(same_key(parse_private_key_pkcs8(pkcs8.view()), key));
    // parse_private_key tells the forms apart, in DER and in PEM.
    CHECK(same_key(parse_private_key(pkcs1.view()), key));
    CHECK(same_key(parse_private_key(pkcs8.view()), key));
    const SecretBytes pem = private_key_pem(key);
    CHECK(text(pem).rfind("-----BEGIN PRIVATE KEY-----\n", 0) == 0);
    CHECK(same_key(parse_private_key(pem.view()), key));
    const std::string pkcs1_pem = pem_encode("RSA PRIVATE KEY", pkcs1.view());
    CHECK(same_key(parse_private_key(as_bytes(pkcs1_pem)), key));
    // PKCS #8 wraps PKCS #1 in an OCTET STRING after version 0 and rsaEncryption/NULL.
    CHECK(to_hex(ByteView(pkcs8.view()).subspan(4, 18)) == "020100300d06092a864886f70d0101010500");
}

TEST_CASE("RFC 8017 A.1.2: a key whose numbers do not belong together is refused, with the offset") {
    const crypto::RsaPrivateKey& key = test::pki_key(1);
    Bytes der = encode_rsa_private_key_pkcs1(key).reveal();
    der[der.size() - 5] ^= 0x01;  // a bit of the coefficient qInv
    try {
        parse_rsa_private_key_pkcs1(der);
        FAIL("a broken key was accepted");
    } catch (const DecodeError& e) {
        CHECK(e.offset() == 0);
    }
    Bytes multi = encode_rsa_private_key_pkcs1(key).reveal();
    REQUIRE(to_hex(ByteView(multi).subspan(4, 3)) == "020100");
    multi[6] = 1;  // version 1: multi-prime
    CHECK_THROWS_WITH_AS(parse_rsa_private_key_pkcs1(multi), doctest::Contains("multi-prime"), DecodeError);
}

TEST_CASE("Key files: encrypted keys and non-RSA keys are named and refused") {
    CHECK_THROWS_WITH_AS(parse_private_key(as_bytes(pem_encode("ENCRYPTED PRIVATE KEY", from_hex("3000")))),
                         doctest::Contains("encrypted"), DecodeError);
    // PKCS #8 with id-ecPublicKey (1.2.840.10045.2.1) as the algorithm.
    DerWriter w;
    w.sequence([](DerWriter& s) {
        s.integer(0);
        s.sequence([](DerWriter& a) { write_oid(a, Oid::from_dotted("1.2.840.10045.2.1")); });
        s.octet_string(from_hex("3000"));
    });
    CHECK_THROWS_WITH_AS(parse_private_key_pkcs8(w.data()), doctest::Contains("id-ecPublicKey"), DecodeError);
}

TEST_CASE("RFC 5280 §4.1.2.7: SubjectPublicKeyInfo for RSA round-trips; the public key is found in any key file") {
    const crypto::RsaPrivateKey& key = test::pki_key(2);
    const std::string pem = public_key_pem(key.public_key());
    CHECK(parse_public_key(as_bytes(pem)).n() == key.n());
    const PublicKeyInfo info = parse_public_key_info(encode_public_key_info(rsa_public_numbers(key.public_key())));
    CHECK(info.rsa->bits() == 1024);
    CHECK(rsa_public_key(info).e() == key.e());
    CHECK(parse_public_key(private_key_pem(key).view()).n() == key.n());
    CHECK(parse_public_key(as_bytes(pem_encode("CERTIFICATE", test::good_chain().leaf.der()))).n() == key.n());
    // rsaEncryption parameters MUST be NULL (RFC 3279 §2.3.1).
    DerWriter w;
    w.sequence([&](DerWriter& s) {
        write_algorithm_identifier(s, oids::rsa_encryption, false);
        s.bit_string(encode_rsa_public_key(rsa_public_numbers(key.public_key())));
    });
    CHECK_THROWS_WITH_AS(parse_public_key_info(w.data()), doctest::Contains("NULL"), DecodeError);
}
