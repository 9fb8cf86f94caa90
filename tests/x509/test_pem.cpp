// x509/pem: RFC 7468 blocks and strict RFC 4648 base64.
#include <doctest/doctest.h>

#include <functional>

#include "x509/error.h"
#include "x509/pem.h"

using namespace lucid;
using namespace lucid::x509;

namespace {
std::size_t error_offset(const std::function<void()>& f) {
    try {
        f();
    } catch (const DecodeError& e) {
        return e.offset();
    }
    return SIZE_MAX;
}
}  // namespace

TEST_CASE("RFC 4648 §10: the base64 test vectors encode and decode") {
    const std::pair<const char*, const char*> vectors[] = {
        {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
    };
    for (const auto& [plain, encoded] : vectors) {
        CHECK(base64_encode(as_bytes(plain)) == encoded);
        CHECK(base64_decode(encoded) == to_bytes(plain));
    }
}

TEST_CASE("RFC 4648 §3.3 and §3.5: base64 outside the alphabet, bad padding, non-zero pad bits are rejected") {
    CHECK(error_offset([] { base64_decode("Zm9v!mFy"); }) == 4);
    CHECK(error_offset([] { base64_decode("Zm9 v"); }) == 3);          // a space is not a base64 character here
    CHECK_THROWS_AS(base64_decode("Zm8"), DecodeError);                 // padding missing
    CHECK_THROWS_AS(base64_decode("Zg="), DecodeError);                 // one '=' short
    CHECK_THROWS_AS(base64_decode("Zg==Zg=="), DecodeError);            // data after padding
    CHECK(error_offset([] { base64_decode("Zh=="); }) == 1);            // 'h' leaves non-zero bits: not canonical
    CHECK_THROWS_AS(base64_decode("Z==="), DecodeError);
}

TEST_CASE("RFC 7468 §2: blocks round-trip with 64-character lines; text outside them is ignored") {
    Bytes der(100);
    for (std::size_t i = 0; i < der.size(); ++i) der[i] = static_cast<std::uint8_t>(i * 7);
    const std::string pem = pem_encode("CERTIFICATE", der);
    CHECK(pem.rfind("-----BEGIN CERTIFICATE-----\n", 0) == 0);
    CHECK(pem.find("\n-----END CERTIFICATE-----\n") != std::string::npos);
    CHECK(pem.find('\n', 28) - 28 == 64);  // the first base64 line is 64 characters
    const std::string text = "a comment\n" + pem + "between\r\n" + pem_encode("PRIVATE KEY", as_bytes("key")) + "trailer";
    std::vector<PemBlock> blocks = pem_decode_all(text);
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0].label == "CERTIFICATE");
    CHECK(blocks[0].der == der);
    CHECK(blocks[0].line == 2);
    CHECK(blocks[1].label == "PRIVATE KEY");
    CHECK(looks_like_pem(as_bytes(text)));
    CHECK_FALSE(looks_like_pem(der));
    // CRLF line ends are accepted.
    std::string crlf;
    for (char c : pem) {
        if (c == '\n') crlf += "\r";
        crlf += c;
    }
    CHECK(pem_decode_all(crlf).at(0).der == der);
}

TEST_CASE("RFC 7468 §2: a mismatched END, a missing END, headers and bad base64 are errors with offsets") {
    const std::string body = "Zm9vYmFy\n";
    const std::string mismatched = "-----BEGIN CERTIFICATE-----\n" + body + "-----END PRIVATE KEY-----\n";
    CHECK(error_offset([&] { pem_decode_all(mismatched); }) == 28 + body.size());
    CHECK_THROWS_AS(pem_decode_all("-----BEGIN CERTIFICATE-----\n" + body), DecodeError);
    const std::string headers = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n" + body + "-----END RSA PRIVATE KEY-----\n";
    CHECK_THROWS_WITH_AS(pem_decode_all(headers), doctest::Contains("RFC 1421 headers"), DecodeError);
    const std::string bad = "-----BEGIN CERTIFICATE-----\nZm9v*mFy\n-----END CERTIFICATE-----\n";
    CHECK(error_offset([&] { pem_decode_all(bad); }) == 28 + 4);
    CHECK_THROWS_AS(pem_decode_all("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"), DecodeError);
}

TEST_CASE("A private key's PEM text stays in SecretBytes and matches the public encoding") {
    const Bytes der = to_bytes("pretend this is a key");
    SecretBytes secret = pem_encode_secret("PRIVATE KEY", der);
    const std::string text(reinterpret_cast<const char*>(secret.data()), secret.size());
    CHECK(text == pem_encode("PRIVATE KEY", der));
}

TEST_CASE("issue 10: text without a BEGIN line is named 'neither PEM nor DER', not a DER error") {
    const std::string readme = "# The demo PKI \xe2\x80\x94 DEMO-ONLY KEYS\n\nEverything here was made by lucid cert.\n";
    const std::string why = neither_pem_nor_der(as_bytes(readme));
    CHECK(why.rfind("neither PEM (no \"-----BEGIN\" line) nor DER", 0) == 0);
    CHECK(why.find("0x23 '#'") != std::string::npos);
    CHECK(neither_pem_nor_der(Bytes{}) == "neither PEM nor DER: the file is empty");
}

TEST_CASE("issue 10: DER (30 82 ...) and PEM are left to their parsers, which name the precise problem") {
    CHECK(neither_pem_nor_der(Bytes{0x30, 0x82, 0x01, 0x0a, 0x02, 0x01}).empty());
    CHECK(neither_pem_nor_der(as_bytes("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")).empty());
}
