// conformance/drbg_json.cpp: NIST's HMAC_DRBG vectors (vectors/drbg/hmac-drbg-nist.json) run with
// every case passing; a changed expected output fails; a malformed file breaks.
#include <doctest/doctest.h>

#include <string>

#include "conformance/vector_files.h"
#include "tests/conformance/hash_vector_scratch.h"

using namespace lucid;
using hash_vector_scratch::flip_digit_after;
using hash_vector_scratch::read_text;
using hash_vector_scratch::ScratchDir;
namespace fs = std::filesystem;

namespace {
const fs::path drbg_file = fs::path(LUCID_VECTORS_DIR) / "drbg" / "hmac-drbg-nist.json";
}

TEST_CASE("SP 800-90A HMAC_DRBG: the 30 NIST cases of hmac-drbg-nist.json all pass") {
    const conformance::FileReport report = conformance::run_vector_file(drbg_file);
    for (const auto& f : report.failures) INFO("failure: " << f);
    CHECK(report.error == "");
    CHECK(report.ok());
    CHECK(report.cases == 30);
    CHECK(report.passed == 30);
}

TEST_CASE("drbg_json: a changed expected output is one failed case, named") {
    ScratchDir scratch("drbg_vectors");
    const std::string text = read_text(drbg_file);
    // A case with additional input on both generate calls.
    const std::size_t at = text.find("\"name\": \"3 with additional data\"");
    REQUIRE(at != std::string::npos);
    std::string changed = text.substr(0, at) + flip_digit_after(text.substr(at), "\"expected\": \"");
    const auto report = conformance::run_vector_file(scratch.write("hmac-drbg-nist.json", changed));
    CHECK(report.cases == 30);
    CHECK(report.failed == 1);
    REQUIRE(report.failures.size() == 1);
    CHECK(report.failures[0] == "case \"3 with additional data\"");
}

TEST_CASE("drbg_json: a file that is not strict JSON breaks the whole file") {
    ScratchDir scratch("drbg_vectors");
    std::string text = read_text(drbg_file);
    const std::size_t last = text.rfind('}');
    text.insert(last + 1, ",");  // a trailing comma before the closing ]
    const auto report = conformance::run_vector_file(scratch.write("hmac-drbg-nist.json", text));
    CHECK(report.error.find("json:") != std::string::npos);
    CHECK_FALSE(report.ok());
}
