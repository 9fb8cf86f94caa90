// x509/validation: RFC 5280 §6.1 path validation. Each rejection rule is tested on a chain that
// differs from good_chain() (test_pki.h) in exactly the one thing the rule is about.
#include <doctest/doctest.h>

#include <algorithm>

#include <type_traits>

#include "crypto/hex.h"
#include "test_pki.h"
#include "x509/validation.h"

using namespace lucid;
using namespace lucid::x509;
using test::at;
using test::good_chain;
using test::issued;
using test::options_at;
using test::self_signed;
using test::store_of;

namespace {

// The rejection of validating leaf with these intermediates against anchor, or fails the test.
Rejection rejection(const Certificate& leaf, std::vector<Certificate> intermediates, const Certificate& anchor,
                    ValidationOptions options = options_at()) {
    try {
        validate_chain(leaf, intermediates, store_of(anchor), options);
    } catch (const CertificateRejected& e) {
        return e.rejection();
    }
    FAIL("the chain was accepted");
    return {};
}

Certificate with_flipped_signature(const Certificate& c) {
    Bytes sig = c.signature().bytes;
    sig.back() ^= 0x01;
    return Certificate::parse(assemble_certificate(c.tbs(), crypto::HashAlgorithm::sha256, sig));
}

}  // namespace

TEST_CASE("ValidatedChain can only be made by the validator") {
    static_assert(!std::is_default_constructible_v<ValidatedChain>);
    static_assert(!std::is_constructible_v<ValidatedChain, std::vector<Certificate>, ValidationOptions>);
    static_assert(std::is_copy_constructible_v<ValidatedChain>);  // a validated chain may be kept
    CHECK(true);
}

TEST_CASE("RFC 5280 §6.1: a good chain validates, leaf first, anchor last") {
    const test::Chain c = good_chain();
    ValidationOptions o = options_at();
    o.host = "localhost";
    const ValidatedChain v = validate_chain(c.leaf, std::vector<Certificate>{c.intermediate}, store_of(c.root), o);
    REQUIRE(v.path().size() == 3);
    CHECK(v.leaf().der() == c.leaf.der());
    CHECK(v.path()[1].der() == c.intermediate.der());
    CHECK(v.trust_anchor().der() == c.root.der());
    CHECK(v.options().host == "localhost");
    CHECK(v.describe().find("depth 2: CN=Test Root CA,O=lucidtls tests  (trust anchor)") != std::string::npos);
}

TEST_CASE("RFC 5246 §7.4.2: the DER list as received validates the same way") {
    const test::Chain c = good_chain();
    const std::vector<Bytes> received = {c.leaf.der(), c.intermediate.der()};
    CHECK(validate_chain(received, store_of(c.root), options_at()).path().size() == 3);
}

TEST_CASE("Path building: intermediates in any order, with strangers, and an unneeded root in the list") {
    const test::Chain c = good_chain();
    const Certificate stranger = self_signed(test::ca_spec("CN=Stranger CA"), 5);
    const ValidatedChain v =
        validate_chain(c.leaf, std::vector<Certificate>{stranger, c.root, c.intermediate}, store_of(c.root), options_at());
    CHECK(v.path().size() == 3);
}

TEST_CASE("A leaf that is itself a trust anchor is a path of one") {
    const Certificate self = self_signed(test::leaf_spec("CN=localhost"), 4);
    CHECK(validate_chain(self, {}, store_of(self), options_at()).path().size() == 1);
}

TEST_CASE("RFC 5280 §6.1.3 (a)(1): a bad signature is rejected at its depth") {
    const test::Chain c = good_chain();
    Rejection leaf = rejection(with_flipped_signature(c.leaf), {c.intermediate}, c.root);
    CHECK(leaf.kind == RejectionKind::bad_signature);
    CHECK(leaf.depth == 0u);
    CHECK(leaf.rule == "RFC 5280 §6.1.3 (a)(1)");
    CHECK(leaf.sentence.find("certificate at depth 0 (CN=localhost) has a bad signature") == 0);

    Rejection inter = rejection(c.leaf, {with_flipped_signature(c.intermediate)}, c.root);
    CHECK(inter.kind == RejectionKind::bad_signature);
    CHECK(inter.depth == 1u);
    CHECK(inter.subject == "CN=Test Intermediate CA,O=lucidtls tests");
}

TEST_CASE("RFC 5280 §6.1.3 (a)(1): a signature lucid cannot verify is unsupported_algorithm") {
    const test::Chain c = good_chain();
    Bytes der = c.leaf.der();
    const Bytes oid = from_hex("06092a864886f70d01010b");  // sha256WithRSAEncryption -> md5WithRSAEncryption
    for (auto it = std::search(der.begin(), der.end(), oid.begin(), oid.end()); it != der.end();
         it = std::search(it + 1, der.end(), oid.begin(), oid.end())) {
        *(it + static_cast<std::ptrdiff_t>(oid.size()) - 1) = 0x04;
    }
    Rejection r = rejection(Certificate::parse(der), {c.intermediate}, c.root);
    CHECK(r.kind == RejectionKind::unsupported_algorithm);
    CHECK(r.depth == 0u);
    CHECK(r.sentence.find("md5WithRSAEncryption") != std::string::npos);
}

TEST_CASE("RFC 5280 §6.1.3 (a)(2): expired and not yet valid, at each depth, with both times named") {
    const test::Chain c = good_chain();
    Rejection late = rejection(c.leaf, {c.intermediate}, c.root, options_at("2036-01-01T00:00:01Z"));
    CHECK(late.kind == RejectionKind::expired);
    CHECK(late.depth == 2u);  // checked from the anchor down: the root expires first here
    CHECK(late.sentence ==
          "certificate at depth 2 (CN=Test Root CA,O=lucidtls tests) expired: notAfter 2036-01-01T00:00:00Z < "
          "2036-01-01T00:00:01Z (RFC 5280 §6.1.3 (a)(2))");

    x509::CertificateSpec spec = test::leaf_spec();
    spec.not_after = at("2027-01-01T00:00:00Z");
    const Certificate expired_leaf = issued(spec, 2, c.intermediate, 1);
    Rejection e = rejection(expired_leaf, {c.intermediate}, c.root, options_at("2027-06-01T00:00:00Z"));
    CHECK(e.kind == RejectionKind::expired);
    CHECK(e.depth == 0u);
    CHECK(e.sentence.find("certificate at depth 0 (CN=localhost) expired: notAfter 2027-01-01T00:00:00Z < 2027-06-01T00:00:00Z") == 0);

    x509::CertificateSpec ispec = test::ca_spec("CN=Test Intermediate CA,O=lucidtls tests", 0);
    ispec.not_before = at("2028-01-01T00:00:00Z");
    const Certificate future_inter = issued(ispec, 1, c.root, 0);
    Rejection n = rejection(c.leaf, {future_inter}, c.root);
    CHECK(n.kind == RejectionKind::not_yet_valid);
    CHECK(n.depth == 1u);
    CHECK(n.sentence.find("notBefore 2028-01-01T00:00:00Z > 2027-06-01T00:00:00Z") != std::string::npos);

    // Exactly at the bounds is inside the period.
    CHECK_NOTHROW(validate_chain(c.leaf, std::vector<Certificate>{c.intermediate}, store_of(c.root), options_at("2026-01-01T00:00:00Z")));
}

TEST_CASE("RFC 5280 §6.1: no path to a trust anchor is unknown_issuer, naming the missing issuer") {
    const test::Chain c = good_chain();
    const Certificate other_root = self_signed(test::ca_spec("CN=Other Root"), 5);
    Rejection r = rejection(c.leaf, {c.intermediate}, other_root);
    CHECK(r.kind == RejectionKind::unknown_issuer);
    CHECK(r.depth == 1u);  // the deepest point reached: the intermediate's issuer is missing
    CHECK(r.sentence.find("its issuer CN=Test Root CA,O=lucidtls tests is the subject of no certificate") != std::string::npos);

    // The peer sent its root too: a root the client does not trust is named as such.
    Rejection untrusted_root = rejection(c.leaf, {c.intermediate, c.root}, other_root);
    CHECK(untrusted_root.kind == RejectionKind::unknown_issuer);
    CHECK(untrusted_root.depth == 2u);
    CHECK(untrusted_root.sentence.find("is self-issued (a root) but not one of the trust anchors") != std::string::npos);

    Rejection missing = rejection(c.leaf, {}, c.root);
    CHECK(missing.kind == RejectionKind::unknown_issuer);
    CHECK(missing.depth == 0u);
}

TEST_CASE("RFC 5280 §6.1.3 (a)(4): name chaining; a same-named issuer with another key does not chain") {
    const test::Chain c = good_chain();
    // An intermediate with the right name but a different key (key 3): names chain, the signature does not.
    const Certificate impostor = issued(test::ca_spec("CN=Test Intermediate CA,O=lucidtls tests", 0), 3, c.root, 0);
    Rejection r = rejection(c.leaf, {impostor}, c.root);
    CHECK(r.kind == RejectionKind::bad_signature);
    CHECK(r.depth == 0u);
    // With both present, the builder finds the right one.
    CHECK(validate_chain(c.leaf, std::vector<Certificate>{impostor, c.intermediate}, store_of(c.root), options_at()).path().size() == 3);
}

TEST_CASE("RFC 5280 §6.1.4 (k): an issuer with cA FALSE, without basicConstraints, or of version 1 is not a CA") {
    const test::Chain c = good_chain();
    x509::CertificateSpec no_ca = test::ca_spec("CN=Test Intermediate CA,O=lucidtls tests");
    no_ca.basic_constraints = BasicConstraints{false, std::nullopt};
    Rejection r = rejection(c.leaf, {issued(no_ca, 1, c.root, 0)}, c.root);
    CHECK(r.kind == RejectionKind::not_a_ca);
    CHECK(r.depth == 1u);
    CHECK(r.sentence.find("basicConstraints cA is FALSE") != std::string::npos);

    x509::CertificateSpec no_bc = test::ca_spec("CN=Test Intermediate CA,O=lucidtls tests");
    no_bc.basic_constraints.reset();
    Rejection r2 = rejection(c.leaf, {issued(no_bc, 1, c.root, 0)}, c.root);
    CHECK(r2.kind == RejectionKind::not_a_ca);
    CHECK(r2.sentence.find("no basicConstraints extension") != std::string::npos);

    x509::CertificateSpec v1 = test::ca_spec("CN=Test Intermediate CA,O=lucidtls tests");
    v1.version = 1;
    Rejection r3 = rejection(c.leaf, {issued(v1, 1, c.root, 0)}, c.root);
    CHECK(r3.kind == RejectionKind::not_a_ca);
    CHECK(r3.sentence.find("version 1") != std::string::npos);

    // A version 1 trust anchor is trusted as it is (out-of-band, §6.1.4 (k)).
    x509::CertificateSpec v1_root = test::ca_spec("CN=Old Root");
    v1_root.version = 1;
    const Certificate old_root = self_signed(v1_root, 0);
    const Certificate inter = issued(test::ca_spec("CN=Test Intermediate CA,O=lucidtls tests", 0), 1, old_root, 0);
    CHECK_NOTHROW(validate_chain(c.leaf, std::vector<Certificate>{inter}, store_of(old_root), options_at()));
}

TEST_CASE("RFC 5280 §6.1.4 (l)(m): pathLenConstraint limits the CAs below, self-issued ones excepted") {
    const test::Chain c = good_chain();  // the intermediate has pathLenConstraint 0
    const Certificate sub = issued(test::ca_spec("CN=Sub CA"), 3, c.intermediate, 1);
    const Certificate leaf = issued(test::leaf_spec(), 2, sub, 3);
    Rejection r = rejection(leaf, {sub, c.intermediate}, c.root);
    CHECK(r.kind == RejectionKind::path_too_long);
    CHECK(r.depth == 1u);
    CHECK(r.rule == "RFC 5280 §6.1.4 (l)");
    CHECK(r.sentence.find("(pathLenConstraint 0) allows no further CA below it") != std::string::npos);

    // The same with pathLenConstraint 1 on the intermediate is fine.
    const Certificate inter1 = issued(test::ca_spec("CN=Test Intermediate CA,O=lucidtls tests", 1), 1, c.root, 0);
    CHECK_NOTHROW(validate_chain(leaf, std::vector<Certificate>{sub, inter1}, store_of(c.root), options_at()));

    // A self-issued CA (same name, new key) below a pathLenConstraint 0 CA does not count (PKITS 4.6.15).
    const Certificate rollover = issued(test::ca_spec("CN=Test Intermediate CA,O=lucidtls tests"), 4, c.intermediate, 1);
    const Certificate leaf_below_rollover = issued(test::leaf_spec(), 2, rollover, 4);
    CHECK(rollover.is_self_issued());
    CHECK_NOTHROW(validate_chain(leaf_below_rollover, std::vector<Certificate>{rollover, c.intermediate}, store_of(c.root),
                                 options_at()));

    // The anchor's own pathLenConstraint counts too.
    const Certificate root0 = self_signed(test::ca_spec("CN=Test Root CA,O=lucidtls tests", 0), 0);
    Rejection a = rejection(c.leaf, {c.intermediate}, root0);
    CHECK(a.kind == RejectionKind::path_too_long);
    CHECK(a.depth == 1u);
}

TEST_CASE("RFC 5280 §6.1.4 (n): an issuer whose keyUsage lacks keyCertSign may not sign certificates") {
    const test::Chain c = good_chain();
    x509::CertificateSpec spec = test::ca_spec("CN=Test Intermediate CA,O=lucidtls tests", 0);
    KeyUsage ku;
    ku.set(KeyUsageBit::crl_sign);
    ku.set(KeyUsageBit::digital_signature);
    spec.key_usage = ku;
    Rejection r = rejection(c.leaf, {issued(spec, 1, c.root, 0)}, c.root);
    CHECK(r.kind == RejectionKind::key_usage);
    CHECK(r.depth == 1u);
    CHECK(r.sentence.find("its keyUsage is digitalSignature, cRLSign, without keyCertSign") != std::string::npos);
    // Without a keyUsage extension at all, nothing restricts it.
    spec.key_usage.reset();
    CHECK_NOTHROW(validate_chain(c.leaf, std::vector<Certificate>{issued(spec, 1, c.root, 0)}, store_of(c.root), options_at()));
}

TEST_CASE("RFC 5280 §4.2.1.12: extKeyUsage must allow the purpose, in the leaf and in intermediates") {
    const test::Chain c = good_chain();
    ValidationOptions client = options_at();
    client.purpose = Purpose::client_auth;
    Rejection r = rejection(c.leaf, {c.intermediate}, c.root, client);
    CHECK(r.kind == RejectionKind::wrong_purpose);
    CHECK(r.depth == 0u);
    CHECK(r.sentence.find("is not for clientAuth: extKeyUsage lists serverAuth") != std::string::npos);

    x509::CertificateSpec any = test::leaf_spec();
    any.ext_key_usage = {oids::any_extended_key_usage};
    CHECK_NOTHROW(validate_chain(issued(any, 2, c.intermediate, 1), std::vector<Certificate>{c.intermediate}, store_of(c.root), client));
    x509::CertificateSpec none = test::leaf_spec();
    none.ext_key_usage.clear();
    CHECK_NOTHROW(validate_chain(issued(none, 2, c.intermediate, 1), std::vector<Certificate>{c.intermediate}, store_of(c.root), client));

    x509::CertificateSpec ispec = test::ca_spec("CN=Test Intermediate CA,O=lucidtls tests", 0);
    ispec.ext_key_usage = {oids::client_auth};
    Rejection ri = rejection(c.leaf, {issued(ispec, 1, c.root, 0)}, c.root);
    CHECK(ri.kind == RejectionKind::wrong_purpose);
    CHECK(ri.depth == 1u);
}

TEST_CASE("RFC 5280 §4.2: an unknown critical extension is rejected; an unknown non-critical one is not") {
    const test::Chain c = good_chain();
    x509::CertificateSpec spec = test::leaf_spec();
    spec.extra_extensions.push_back({Oid::from_dotted("1.3.6.1.4.1.99999.1"), true, from_hex("0500")});
    Rejection r = rejection(issued(spec, 2, c.intermediate, 1), {c.intermediate}, c.root);
    CHECK(r.kind == RejectionKind::unknown_critical_extension);
    CHECK(r.depth == 0u);
    CHECK(r.sentence.find("1.3.6.1.4.1.99999.1") != std::string::npos);

    spec.extra_extensions.back().critical = false;
    CHECK_NOTHROW(validate_chain(issued(spec, 2, c.intermediate, 1), std::vector<Certificate>{c.intermediate}, store_of(c.root), options_at()));

    // nameConstraints is not processed by lucid: critical, it is rejected in an intermediate too.
    x509::CertificateSpec ispec = test::ca_spec("CN=Test Intermediate CA,O=lucidtls tests", 0);
    ispec.extra_extensions.push_back({oids::name_constraints, true, from_hex("3000")});
    Rejection ri = rejection(c.leaf, {issued(ispec, 1, c.root, 0)}, c.root);
    CHECK(ri.kind == RejectionKind::unknown_critical_extension);
    CHECK(ri.depth == 1u);
    CHECK(ri.sentence.find("nameConstraints") != std::string::npos);
}

TEST_CASE("RFC 6125: the host name is checked against the leaf when given") {
    const test::Chain c = good_chain();
    ValidationOptions o = options_at();
    o.host = "example.org";
    Rejection r = rejection(c.leaf, {c.intermediate}, c.root, o);
    CHECK(r.kind == RejectionKind::host_mismatch);
    CHECK(r.depth == 0u);
    CHECK(r.sentence.find("certificate at depth 0 (CN=localhost) does not match the host name \"example.org\"") == 0);
    o.host = "127.0.0.1";
    CHECK_NOTHROW(validate_chain(c.leaf, std::vector<Certificate>{c.intermediate}, store_of(c.root), o));
}

TEST_CASE("RFC 5246 §7.4.2: no certificate, or one that does not parse, is rejected with its own kind") {
    const test::Chain c = good_chain();
    try {
        validate_chain(std::vector<Bytes>{}, store_of(c.root), options_at());
        FAIL("accepted");
    } catch (const CertificateRejected& e) {
        CHECK(e.kind() == RejectionKind::no_certificate);
    }
    Bytes truncated = c.leaf.der();
    truncated.pop_back();
    try {
        validate_chain(std::vector<Bytes>{truncated}, store_of(c.root), options_at());
        FAIL("accepted");
    } catch (const CertificateRejected& e) {
        CHECK(e.kind() == RejectionKind::malformed);
        CHECK(e.rejection().depth == 0u);
        CHECK(std::string(e.what()).find("offset") != std::string::npos);
    }
}

TEST_CASE("Every rejection kind has a name for the alert mapping and for people") {
    for (RejectionKind k : {RejectionKind::no_certificate, RejectionKind::malformed, RejectionKind::unsupported_algorithm,
                            RejectionKind::unknown_critical_extension, RejectionKind::bad_signature,
                            RejectionKind::not_yet_valid, RejectionKind::expired, RejectionKind::unknown_issuer,
                            RejectionKind::not_a_ca, RejectionKind::path_too_long, RejectionKind::key_usage,
                            RejectionKind::wrong_purpose, RejectionKind::host_mismatch}) {
        CHECK(rejection_kind_name(k) != "?");
    }
    CHECK(rejection_kind_name(RejectionKind::expired) == "expired");
    CHECK(purpose_name(Purpose::server_auth) == "serverAuth");
}
