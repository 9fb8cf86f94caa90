// x509/builder: the certificates lucid issues are well-formed RFC 5280 certificates.
#include <doctest/doctest.h>

#include <algorithm>

#include "crypto/hash.h"
#include "crypto/hex.h"
#include "test_pki.h"
#include "x509/builder.h"
#include "x509/signature.h"

using namespace lucid;
using namespace lucid::x509;

TEST_CASE("RFC 5280 §4.1: an issued leaf carries exactly what its spec asked for") {
    const test::Chain chain = test::good_chain();
    const Certificate& leaf = chain.leaf;
    CHECK(leaf.version() == 3);
    CHECK(leaf.issuer().matches(chain.intermediate.subject()));
    CHECK(leaf.subject_text() == "CN=localhost");
    CHECK(leaf.not_before().iso8601() == "2026-01-01T00:00:00Z");
    CHECK(leaf.not_after().iso8601() == "2036-01-01T00:00:00Z");
    CHECK(leaf.signature_algorithm().name() == "sha256WithRSAEncryption");
    CHECK(leaf.extensions().ext_key_usage == std::vector<Oid>{oids::server_auth});
    CHECK(leaf.extensions().subject_alt_name->to_string() == "DNS:localhost, IP:127.0.0.1");
    CHECK_FALSE(leaf.is_ca());
    REQUIRE(leaf.extensions().basic_constraints);
    CHECK(leaf.extensions().find(oids::basic_constraints)->critical);
    CHECK(leaf.extensions().find(oids::key_usage)->critical);
    CHECK(leaf.public_key().rsa->modulus == test::pki_key(2).public_key().n_bytes());
}

TEST_CASE("RFC 5280 §4.2.1.2 (1) and §4.2.1.1: key identifiers are SHA-1 of the key, repeated as the AKI below") {
    const test::Chain chain = test::good_chain();
    const Bytes ski = crypto::digest(crypto::HashAlgorithm::sha1, chain.intermediate.public_key().subject_public_key.bytes);
    CHECK(chain.intermediate.extensions().subject_key_identifier == ski);
    CHECK(chain.leaf.extensions().authority_key_identifier->key_identifier == ski);
    CHECK(key_identifier_of(test::pki_key(1).public_key()) == ski);
}

TEST_CASE("RFC 5280 §4.1.2.5: validity after 2049 is written as GeneralizedTime and read back") {
    CertificateSpec spec = test::ca_spec("CN=Long Lived CA");
    spec.not_after = test::at("2051-06-01T00:00:00Z");
    const Certificate c = test::self_signed(spec, 0);
    CHECK(c.not_after().iso8601() == "2051-06-01T00:00:00Z");
    const Bytes generalized = concat({from_hex("180f"), as_bytes("20510601000000Z")});
    CHECK(std::search(c.der().begin(), c.der().end(), generalized.begin(), generalized.end()) != c.der().end());
}

TEST_CASE("A version 1 certificate has no extensions; extra extensions are written as given") {
    CertificateSpec v1 = test::leaf_spec();
    v1.version = 1;
    const Certificate c = test::issued(v1, 2, test::good_chain().intermediate, 1);
    CHECK(c.version() == 1);
    CHECK(c.extensions().all.empty());

    CertificateSpec extra = test::leaf_spec();
    extra.extra_extensions.push_back({Oid::from_dotted("1.3.6.1.4.1.99999.7"), true, from_hex("0500")});
    const Certificate e = test::issued(extra, 2, test::good_chain().intermediate, 1);
    REQUIRE(e.extensions().unknown_critical().size() == 1);
    CHECK(e.extensions().unknown_critical()[0]->value == from_hex("0500"));
}

TEST_CASE("The same spec, key and seeded randomness give the same certificate bytes") {
    CHECK(test::good_chain().leaf.der() == test::good_chain().leaf.der());
    CHECK(verify_certificate_signature(test::good_chain().intermediate, test::good_chain().root.public_key()).status ==
          SignatureStatus::valid);
}

TEST_CASE("RFC 5280 §6.1.3 (a)(1): an issuer key that does not match the issuer certificate is refused, not used") {
    const test::Chain chain = test::good_chain();
    CHECK_THROWS_WITH_AS(Issuer::from_certificate(chain.intermediate, test::pki_key(2)),
                         doctest::Contains("the issuer's private key does not match the issuer certificate's public key"),
                         Error);
    CHECK_NOTHROW(Issuer::from_certificate(chain.intermediate, test::pki_key(1)));
}
