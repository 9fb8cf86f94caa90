// tools/trust_anchors.cpp: CA certificates that cannot be read are left out of the trust, and said.
#include <doctest/doctest.h>

#include "crypto/error.h"
#include "tests/tools/engine_pair.h"
#include "tools/trust_anchors.h"

using namespace lucid;
using namespace lucid::tools;

namespace {

// A well-formed PEM block whose DER (SEQUENCE { INTEGER 1 }) is no certificate.
const std::string not_a_certificate =
    "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n";

}  // namespace

TEST_CASE("trust anchors: the demo CA is read and trusted") {
    const TrustAnchors a = load_trust_anchors(testing::read_file(LUCID_SOURCE_DIR "/demo/ca.pem"), "ca.pem");
    CHECK(a.certificates.size() == 1);
    CHECK(a.skipped.empty());
}

TEST_CASE("trust anchors: an unreadable certificate is skipped, named by its position and reason") {
    const std::string ca = testing::read_file(LUCID_SOURCE_DIR "/demo/ca.pem");
    const TrustAnchors a = load_trust_anchors(not_a_certificate + ca, "bundle.pem");
    CHECK(a.certificates.size() == 1);
    REQUIRE(a.skipped.size() == 1);
    CHECK(a.skipped[0].rfind("certificate 1 of bundle.pem: ", 0) == 0);
}

TEST_CASE("trust anchors: a text without any certificate is an error") {
    CHECK_THROWS_AS(load_trust_anchors("no PEM here\n", "empty.pem"), Error);
}
