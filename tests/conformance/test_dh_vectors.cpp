// The Diffie-Hellman vector files run with their full case counts, none failed.
#include <doctest/doctest.h>

#include <filesystem>

#include "conformance/vector_files.h"

using namespace lucid;
namespace fs = std::filesystem;

namespace {

void check_all_passed(const char* name, std::size_t expected_cases) {
    const conformance::FileReport report = conformance::run_vector_file(fs::path(LUCID_VECTORS_DIR) / "dh" / name);
    INFO(name << " error: " << report.error);
    INFO("first failure: " << (report.failures.empty() ? std::string("none") : report.failures.front()));
    CHECK(report.ok());
    CHECK(report.cases == expected_cases);
    CHECK(report.passed == expected_cases);
    CHECK(report.failed == 0);
    CHECK(report.skipped == 0);
}

}  // namespace

TEST_CASE("RFC 5246 §8.1.2: Botan's DH vectors (vec.txt), 5 shared secrets") { check_all_passed("vec.txt", 5); }

TEST_CASE("RFC 5114 §2.1-2.3: three groups, two key pairs and one Z each (RFC5114.txt)") {
    check_all_passed("RFC5114.txt", 3);
}
