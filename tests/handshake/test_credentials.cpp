// Tests of handshake/credentials.cpp: loading the server's chain and key.
#include <doctest/doctest.h>

#include "crypto/error.h"
#include "handshake/credentials.h"
#include "tests/handshake/test_pki.h"
#include "x509/pem.h"
#include "x509/private_key.h"

using namespace lucid;
using namespace lucid::handshake;
using namespace lucid::handshake::testing;

namespace {
std::string text(const SecretBytes& s) { return std::string(reinterpret_cast<const char*>(s.data()), s.size()); }
}  // namespace

TEST_CASE("credentials: a PEM chain and its key load, leaf first") {
    const TestPki& pki = test_pki();
    const std::string chain = x509::pem_encode("CERTIFICATE", pki.server_cert) + x509::pem_encode("CERTIFICATE", pki.ca_cert);
    const auto creds = ServerCredentials::from_pem(chain, text(x509::private_key_pem(pki.server_key)));
    REQUIRE(creds->chain().size() == 2);
    CHECK(creds->chain()[0] == pki.server_cert);
    CHECK(creds->chain()[1] == pki.ca_cert);
}

TEST_CASE("credentials: a key that does not match the certificate is refused, naming the problem") {
    const TestPki& pki = test_pki();
    CHECK_THROWS_WITH_AS(ServerCredentials::from_key({pki.server_cert}, pki.ca_key), doctest::Contains("does not match"),
                         Error);
    CHECK_THROWS_AS(ServerCredentials::from_key({}, pki.server_key), Error);
}

TEST_CASE("certificates_from_pem: every CERTIFICATE block in order; none is an error") {
    const TestPki& pki = test_pki();
    const std::string bundle = "comment\n" + x509::pem_encode("CERTIFICATE", pki.ca_cert) + x509::pem_encode("CERTIFICATE", pki.other_ca_cert);
    const std::vector<Bytes> certs = certificates_from_pem(bundle);
    REQUIRE(certs.size() == 2);
    CHECK(certs[1] == pki.other_ca_cert);
    CHECK_THROWS_AS(certificates_from_pem("no pem here"), Error);
}
