// The RSA vector files run through their runners with their full case counts, none failed.
#include <doctest/doctest.h>

#include <filesystem>

#include "conformance/rsa_labs_text.h"
#include "conformance/vector_files.h"

using namespace lucid;
namespace fs = std::filesystem;

namespace {

conformance::FileReport run(const char* name) {
    return conformance::run_vector_file(fs::path(LUCID_VECTORS_DIR) / "rsa" / name);
}

void check_all_passed(const conformance::FileReport& report, std::size_t expected_cases) {
    INFO(report.file << " error: " << report.error);
    INFO("first failure: " << (report.failures.empty() ? std::string("none") : report.failures.front()));
    CHECK(report.ok());
    CHECK(report.error.empty());
    CHECK(report.cases == expected_cases);
    CHECK(report.passed == expected_cases);
    CHECK(report.failed == 0);
    CHECK(report.skipped == 0);
}

}  // namespace

TEST_CASE("RFC 8017 §7.2: pkcs1v15crypt-vectors.txt, 15 keys x 20 examples, each decrypted and re-encrypted") {
    check_all_passed(run("pkcs1v15crypt-vectors.txt"), 300);
}

TEST_CASE("RFC 8017 §8.2: pkcs1v15sign-vectors.txt, 15 keys x 20 SHA-1 signatures, each made and verified") {
    check_all_passed(run("pkcs1v15sign-vectors.txt"), 300);
}

TEST_CASE("FIPS 186-3 SigGen15_186-3.rsp: 5 moduli x 5 hashes x 10 signatures verified (the file has no d)") {
    check_all_passed(run("SigGen15_186-3.rsp"), 250);
}

TEST_CASE("FIPS 186-2 SigGen15_186-2.txt: 250 signatures produced from (n, e, d) and compared byte for byte") {
    check_all_passed(run("SigGen15_186-2.txt"), 250);
}

TEST_CASE("FIPS 186-3 SigVer15_186-3.rsp: 450 verdicts, 75 valid and 375 invalid of five kinds, all as expected") {
    check_all_passed(run("SigVer15_186-3.rsp"), 450);
}

TEST_CASE("the RSA Labs reader: values in order, labels with their bytes, key headers as empty values") {
    const std::string text =
        "Preamble text: not a value\r\n"
        "# Example 1: A key\r\n"
        "# ------\r\n"
        "\r\n"
        "# Modulus: \r\n"
        "0a 0b \r\n"
        "0c\r\n"
        "\r\n"
        "# PKCS#1 v1.5 Encryption Example 1.2\r\n"
        "# Message:\r\n"
        "ff\r\n";
    const std::vector<conformance::RsaLabsValue> values = conformance::parse_rsa_labs_text(text);
    REQUIRE(values.size() == 3);
    CHECK(values[0].label == "Example 1");
    CHECK(values[0].bytes.empty());
    CHECK(values[1].label == "Modulus");
    CHECK(values[1].bytes == Bytes{0x0a, 0x0b, 0x0c});
    CHECK(values[1].line == 5);
    CHECK(values[2].label == "Message");
    CHECK(values[2].bytes == Bytes{0xff});
    CHECK_THROWS(conformance::parse_rsa_labs_text("# Seed:\nzz\n"));
}
