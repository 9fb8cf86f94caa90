// conformance/cavp_aes_cbc.cpp: every NIST CAVP AES-CBC file in vectors/aes/ runs, every case
// passes, and each file has exactly the number of cases counted in it (also in vectors/README.md).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <unistd.h>

#include "conformance/vector_files.h"
#include "crypto/aes.h"

using namespace lucid;
namespace fs = std::filesystem;

namespace {

// Cases per file: the number of COUNT records in [ENCRYPT] plus [DECRYPT], 2,138 in all.
const std::map<std::string, std::size_t> expected_cases = {
    {"CBCGFSbox128.rsp", 14},  {"CBCGFSbox192.rsp", 12},  {"CBCGFSbox256.rsp", 10},
    {"CBCKeySbox128.rsp", 42}, {"CBCKeySbox192.rsp", 48}, {"CBCKeySbox256.rsp", 32},
    {"CBCMMT128.rsp", 20},     {"CBCMMT192.rsp", 20},     {"CBCMMT256.rsp", 20},
    {"CBCVarKey128.rsp", 256}, {"CBCVarKey192.rsp", 384}, {"CBCVarKey256.rsp", 512},
    {"CBCVarTxt128.rsp", 256}, {"CBCVarTxt192.rsp", 256}, {"CBCVarTxt256.rsp", 256},
};

const fs::path aes_dir = fs::path(LUCID_VECTORS_DIR) / "aes";

// A scratch directory for files the tests write, removed when the test ends.
struct ScratchDir {
    fs::path path = fs::temp_directory_path() / ("lucid_test_cavp_aes_cbc_" + std::to_string(::getpid()));
    ScratchDir() { fs::create_directories(path); }
    ~ScratchDir() { fs::remove_all(path); }
    fs::path write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
        return path / name;
    }
};

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The published file cut after its first case (COUNT = 0 of [ENCRYPT], at line 10): one good case.
std::string one_good_case() {
    const std::string text = read_text(aes_dir / "CBCGFSbox128.rsp");
    const std::size_t cut = text.find("COUNT = 1");
    REQUIRE(cut != std::string::npos);
    return text.substr(0, cut);
}

// The same case with the first hex digit of CIPHERTEXT changed.
std::string one_bad_case() {
    std::string text = one_good_case();
    const std::size_t digit = text.find("CIPHERTEXT = ") + 13;
    text[digit] = text[digit] == '0' ? '1' : '0';
    return text;
}

// Runs every file of vectors/aes/ and checks each one's count; returns the total number of cases.
std::size_t run_all_files_checking_counts() {
    std::size_t files_seen = 0, total_cases = 0;
    for (const auto& entry : fs::directory_iterator(aes_dir)) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".rsp") continue;
        INFO(name);
        REQUIRE(expected_cases.count(name) == 1);
        ++files_seen;
        const conformance::FileReport report = conformance::run_vector_file(entry.path());
        for (const auto& f : report.failures) INFO("failure: " << f);
        CHECK(report.error == "");
        CHECK(report.ok());
        CHECK(report.failed == 0);
        CHECK(report.skipped == 0);
        CHECK(report.cases == expected_cases.at(name));
        CHECK(report.passed == expected_cases.at(name));
        CHECK(report.algorithm == "AES-" + name.substr(name.size() - 7, 3) + "-CBC (NIST CAVP)");
        total_cases += report.cases;
    }
    CHECK(files_seen == expected_cases.size());
    return total_cases;
}

// Chooses the AES implementation for a scope (crypto::aes_force_portable) and puts the previous
// choice back, also when a REQUIRE fails.
class UsePath {
public:
    explicit UsePath(bool portable) : before_(crypto::aes_force_portable(portable)) {}
    ~UsePath() { crypto::aes_force_portable(before_); }
    UsePath(const UsePath&) = delete;
    UsePath& operator=(const UsePath&) = delete;

private:
    bool before_;
};

}  // namespace

TEST_CASE("NIST CAVP AESVS: vectors/aes/ holds the 15 CBC files, each run with every case passing, on both AES paths") {
    // crypto/aes.h has two implementations; the vectors check each: first the portable bit-sliced
    // code (forced), then the default, which is AES-NI when the CPU has it.
    SUBCASE("portable, bit-sliced") {
        UsePath path(true);
        REQUIRE(crypto::aes_implementation() == crypto::AesImplementation::portable_bitsliced);
        CHECK(run_all_files_checking_counts() == 2138);
    }
    SUBCASE("AES-NI") {
        UsePath path(false);
        if (crypto::aes_implementation() != crypto::AesImplementation::aes_ni) {
            MESSAGE("this CPU has no AES-NI: the portable path runs the vectors a second time");
        }
        CHECK(run_all_files_checking_counts() == 2138);
    }
}

TEST_CASE("NIST CAVP AESVS: a wrong CIPHERTEXT is counted as a failed case, naming it") {
    ScratchDir dir;
    const conformance::FileReport report = conformance::run_vector_file(dir.write("CBCGFSbox128.rsp", one_bad_case()));
    CHECK(report.cases == 1);
    CHECK(report.failed == 1);
    CHECK_FALSE(report.ok());
    REQUIRE(report.failures.size() == 1);
    CHECK(report.failures[0] == "[ENCRYPT] case at line 10 (COUNT = 0)");
}

TEST_CASE("NIST CAVP AESVS: a file-name key size that does not match KEY fails the case") {
    ScratchDir dir;
    const conformance::FileReport report = conformance::run_vector_file(dir.write("CBCGFSbox256.rsp", one_good_case()));
    CHECK(report.cases == 1);
    CHECK(report.failed == 1);
    REQUIRE(report.failures.size() == 1);
    CHECK(report.failures[0] == "[ENCRYPT] case at line 10 (COUNT = 0): KEY is 16 bytes, but the file name says 32");
}

TEST_CASE("NIST CAVP AESVS: the one good case passes, and a file of no cases is an error") {
    ScratchDir dir;
    const conformance::FileReport good = conformance::run_vector_file(dir.write("CBCMMT128.rsp", one_good_case()));
    CHECK(good.ok());
    CHECK(good.passed == 1);
    const conformance::FileReport empty = conformance::run_vector_file(dir.write("CBCMMT192.rsp", "# nothing\n"));
    CHECK_FALSE(empty.ok());
    CHECK(empty.error == "the file yielded no cases");
}

TEST_CASE("NIST CAVP AESVS: other file names are not taken for AES-CBC files") {
    ScratchDir dir;
    for (const char* name : {"CBCMMT128.txt", "CBCMMT64.rsp", "ECBMMT128.rsp", "gcmEncryptExtIV128.rsp"}) {
        INFO(name);
        const conformance::FileReport report = conformance::run_vector_file(dir.write(name, one_good_case()));
        CHECK(report.algorithm.find("CBC (NIST CAVP)") == std::string::npos);
        CHECK_FALSE(report.ok());
    }
}
