// x509/certificate: RFC 5280 §4.1 parsing, on PKITS certificates (vectors/x509/pkits/data) and on
// certificates built to break one rule each.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "crypto/hex.h"
#include "test_pki.h"
#include "x509/certificate.h"
#include "x509/error.h"
#include "x509/pem.h"

using namespace lucid;
using namespace lucid::x509;

namespace {

Bytes pkits(const std::string& name) {
    std::ifstream in(std::string(LUCID_VECTORS_DIR) + "/x509/pkits/data/" + name + ".crt", std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    const std::string text = s.str();
    return to_bytes(text);
}

// The offset of the DecodeError of parsing der, or SIZE_MAX.
std::size_t parse_error_offset(const Bytes& der) {
    try {
        Certificate::parse(der);
    } catch (const DecodeError& e) {
        return e.offset();
    }
    return SIZE_MAX;
}

// Replaces the first occurrence of `from` (hex) in der by `to` (same length).
Bytes patched(Bytes der, const std::string& from, const std::string& to) {
    const Bytes f = from_hex(from), t = from_hex(to);
    REQUIRE(f.size() == t.size());
    auto it = std::search(der.begin(), der.end(), f.begin(), f.end());
    REQUIRE(it != der.end());
    std::copy(t.begin(), t.end(), it);
    return der;
}

}  // namespace

TEST_CASE("RFC 5280 §4.1: a PKITS CA certificate parses field by field") {
    const Certificate c = Certificate::parse(pkits("GoodCACert"));
    CHECK(c.version() == 3);
    CHECK(c.serial() == Bytes{0x02});
    CHECK(c.signature_algorithm().name() == "sha256WithRSAEncryption");
    CHECK(c.signature_algorithm().supported());
    CHECK(c.issuer().to_string() == "CN=Trust Anchor,O=Test Certificates 2011,C=US");
    CHECK(c.subject_text() == "CN=Good CA,O=Test Certificates 2011,C=US");
    CHECK(c.not_before().iso8601() == "2010-01-01T08:30:00Z");
    CHECK(c.not_after().iso8601() == "2030-12-31T08:30:00Z");
    REQUIRE(c.public_key().rsa);
    CHECK(c.public_key().rsa->bits() == 2048);
    CHECK(c.public_key().description() == "RSA 2048 bits, e = 65537");
    CHECK(c.is_ca());
    CHECK(c.extensions().key_usage->has(KeyUsageBit::key_cert_sign));
    CHECK(c.extensions().subject_key_identifier.has_value());
    CHECK(c.extensions().authority_key_identifier->key_identifier.has_value());
    CHECK_FALSE(c.is_self_issued());
    // The TBS is the signed part: a whole TLV starting at offset 4.
    CHECK(c.tbs().data() == c.der().data() + 4);
    CHECK(read_single(c.tbs(), "tbs").tag == tags::sequence);
    CHECK(Certificate::parse(pkits("TrustAnchorRootCertificate")).is_self_issued());
}

TEST_CASE("RFC 5280 §4.1.2.5: PKITS validity encodings (pre-2000 UTCTime, GeneralizedTime) are read") {
    CHECK(Certificate::parse(pkits("Validpre2000UTCnotBeforeDateTest3EE")).not_before().year() == 1950);
    CHECK(Certificate::parse(pkits("ValidGeneralizedTimenotAfterDateTest8EE")).not_after().iso8601() == "2050-01-01T12:01:00Z");
}

TEST_CASE("RFC 5280 §4.1.1.2: signatureAlgorithm must equal the TBSCertificate signature field") {
    const test::Chain chain = test::good_chain();
    // The outer AlgorithmIdentifier is the second one: patch only it (sha256 -> sha384 OID).
    Bytes der = chain.leaf.der();
    const Bytes oid = from_hex("06092a864886f70d01010b");
    auto first = std::search(der.begin(), der.end(), oid.begin(), oid.end());
    auto second = std::search(first + 1, der.end(), oid.begin(), oid.end());
    REQUIRE(second != der.end());
    *(second + static_cast<std::ptrdiff_t>(oid.size()) - 1) = 0x0c;
    CHECK(parse_error_offset(der) == static_cast<std::size_t>(second - der.begin()) - 2);
}

TEST_CASE("X.690 §11.5: an explicit version v1 is not DER; RFC 5280 §4.1.2.9: extensions need v3") {
    const test::Chain chain = test::good_chain();
    // [0] { INTEGER 2 } -> [0] { INTEGER 0 }
    const Bytes v1_written = patched(chain.leaf.der(), "a003020102", "a003020100");
    CHECK_THROWS_WITH_AS(Certificate::parse(v1_written), doctest::Contains("DEFAULT"), DecodeError);
    // [0] { INTEGER 1 }: version 2 with extensions
    const Bytes v2 = patched(chain.leaf.der(), "a003020102", "a003020101");
    CHECK_THROWS_WITH_AS(Certificate::parse(v2), doctest::Contains("§4.1.2.9"), DecodeError);
}

TEST_CASE("Certificate::parse: trailing bytes and every truncation are errors, never a crash") {
    const Bytes der = test::good_chain().leaf.der();
    Bytes longer = der;
    longer.push_back(0);
    CHECK(parse_error_offset(longer) == der.size());
    for (std::size_t n = 0; n < der.size(); ++n) {
        INFO("prefix " << n);
        CHECK_THROWS_AS(Certificate::parse(ByteView(der).first(n)), DecodeError);
    }
}

TEST_CASE("RFC 5280 §4.1.2.4: an empty issuer is rejected") {
    CertificateSpec spec = test::leaf_spec();
    const crypto::RsaPrivateKey& key = test::pki_key(2);
    Issuer nobody;
    nobody.name = Name::parse(read_single(from_hex("3000"), "Name"));
    nobody.key = &key;
    crypto::HmacDrbg rng = test::x509_random("empty issuer");
    CHECK_THROWS_WITH_AS(issue_certificate(spec, key.public_key(), nobody, rng), doctest::Contains("§4.1.2.4"), DecodeError);
}

TEST_CASE("parse_certificates: PEM chains, legacy labels, other blocks skipped, DER alone") {
    const test::Chain chain = test::good_chain();
    const std::string pem = "junk\n" + pem_encode("CERTIFICATE", chain.leaf.der()) + pem_encode("PRIVATE KEY", from_hex("3000")) +
                            pem_encode("X509 CERTIFICATE", chain.intermediate.der());
    const std::vector<Certificate> certs = parse_certificates(as_bytes(pem));
    REQUIRE(certs.size() == 2);
    CHECK(certs[0].der() == chain.leaf.der());
    CHECK(certs[1].der() == chain.intermediate.der());
    CHECK(parse_certificates(chain.root.der()).size() == 1);
    CHECK_THROWS_AS(parse_certificates(as_bytes(pem_encode("PRIVATE KEY", from_hex("3000")))), DecodeError);
    // An error in the second block names its line.
    Bytes broken = chain.intermediate.der();
    broken.push_back(0);  // one trailing byte
    const std::string bad = pem_encode("CERTIFICATE", chain.leaf.der()) + pem_encode("CERTIFICATE", broken);
    CHECK_THROWS_WITH_AS(parse_certificates(as_bytes(bad)), doctest::Contains("line"), DecodeError);
}
