// x509/trust_store: trust anchors from a PEM bundle.
#include <doctest/doctest.h>

#include <algorithm>

#include "test_pki.h"
#include "x509/pem.h"
#include "x509/trust_store.h"

using namespace lucid;
using namespace lucid::x509;

TEST_CASE("A PEM bundle: every good certificate is an anchor, a bad one is listed with its reason") {
    const test::Chain c = test::good_chain();
    Bytes bad = c.root.der();
    bad.push_back(0);
    const std::string bundle = "# my anchors\n" + pem_encode("CERTIFICATE", c.root.der()) + pem_encode("CERTIFICATE", bad) +
                               pem_encode("CERTIFICATE", c.intermediate.der()) + pem_encode("CERTIFICATE", c.root.der());
    const TrustStore store = TrustStore::from_pem_bundle(bundle);
    CHECK(store.size() == 2);  // the duplicate root is kept once
    REQUIRE(store.skipped().size() == 1);
    // The bad block starts on the line after the comment and the first block.
    const std::string first = pem_encode("CERTIFICATE", c.root.der());
    const auto bad_line = 2 + std::count(first.begin(), first.end(), '\n');
    CHECK(store.skipped()[0].find("PEM block of line " + std::to_string(bad_line) + ": offset " + std::to_string(c.root.der().size())) !=
          std::string::npos);
    CHECK(store.contains(c.root));
    CHECK_FALSE(store.contains(c.leaf));
    const auto issuers = store.issuers_of(c.leaf);
    REQUIRE(issuers.size() == 1);
    CHECK(issuers[0]->der() == c.intermediate.der());
    CHECK(TrustStore::from_pem_bundle("no PEM here").empty());
}
