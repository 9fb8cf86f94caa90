// conformance/cavp_sha.cpp, rfc_md5.cpp and len_msg.cpp: every SHA and MD5 file in vectors/ runs
// with every case passing and exactly the number of cases it holds; a changed copy fails.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "conformance/len_msg.h"
#include "conformance/rsp_reader.h"
#include "conformance/vector_files.h"
#include "crypto/error.h"
#include "tests/conformance/hash_vector_scratch.h"

using namespace lucid;
using hash_vector_scratch::flip_digit_after;
using hash_vector_scratch::read_text;
using hash_vector_scratch::ScratchDir;
namespace fs = std::filesystem;

namespace {

const fs::path vectors = fs::path(LUCID_VECTORS_DIR);

// Cases per file, counted in the files themselves: ShortMsg has one message per byte length from
// 0 to one block (65 for 64-byte blocks, 129 for 128-byte blocks), LongMsg 64 or 128 messages,
// Monte 100 checkpoints; RFC 1321 §A.5 has 7 messages.
const std::map<std::string, std::size_t> expected_cases = {
    {"sha/SHA1ShortMsg.rsp", 65},   {"sha/SHA1LongMsg.rsp", 64},    {"sha/SHA1Monte.rsp", 100},
    {"sha/SHA224ShortMsg.rsp", 65}, {"sha/SHA224LongMsg.rsp", 64},  {"sha/SHA224Monte.rsp", 100},
    {"sha/SHA256ShortMsg.rsp", 65}, {"sha/SHA256LongMsg.rsp", 64},  {"sha/SHA256Monte.rsp", 100},
    {"sha/SHA384ShortMsg.rsp", 129}, {"sha/SHA384LongMsg.rsp", 128}, {"sha/SHA384Monte.rsp", 100},
    {"sha/SHA512ShortMsg.rsp", 129}, {"sha/SHA512LongMsg.rsp", 128}, {"sha/SHA512Monte.rsp", 100},
    {"md5/rfc-1321.txt", 7},
};

}  // namespace

TEST_CASE("NIST CAVP SHAVS and RFC 1321: every file runs, every case passes, exact case counts") {
    std::size_t total = 0;
    for (const auto& [name, cases] : expected_cases) {
        INFO(name);
        const conformance::FileReport report = conformance::run_vector_file(vectors / name);
        for (const auto& f : report.failures) INFO("failure: " << f);
        CHECK(report.error == "");
        CHECK(report.ok());
        CHECK(report.cases == cases);
        CHECK(report.passed == cases);
        CHECK(report.skipped == 0);
        total += report.passed;
    }
    CHECK(total == 1408);
}

TEST_CASE("NIST CAVP SHAVS: vectors/sha/ holds exactly the 15 files above") {
    std::size_t seen = 0;
    for (const auto& entry : fs::directory_iterator(vectors / "sha")) {
        const std::string name = "sha/" + entry.path().filename().string();
        if (entry.path().extension() != ".rsp") continue;
        INFO(name);
        CHECK(expected_cases.count(name) == 1);
        ++seen;
    }
    CHECK(seen == 15);
}

TEST_CASE("cavp_sha: a changed digest in ShortMsg is one failed case, named by its line") {
    ScratchDir scratch("hash_vectors");
    const std::string text = read_text(vectors / "sha/SHA256ShortMsg.rsp");
    const auto report = conformance::run_vector_file(scratch.write("SHA256ShortMsg.rsp", flip_digit_after(text, "MD = ", 3)));
    CHECK(report.cases == 65);
    CHECK(report.failed == 1);
    REQUIRE(report.failures.size() == 1);
    CHECK(report.failures[0].find("Len = 24") != std::string::npos);
    CHECK_FALSE(report.ok());
}

TEST_CASE("SHAVS §6.4: a changed Monte checkpoint fails it and the one chained from it") {
    ScratchDir scratch("hash_vectors");
    const std::string text = read_text(vectors / "sha/SHA1Monte.rsp");
    const auto report = conformance::run_vector_file(scratch.write("SHA1Monte.rsp", flip_digit_after(text, "MD = ", 50)));
    CHECK(report.cases == 100);
    CHECK(report.failed == 2);  // checkpoint 50 itself, and 51 which starts from the changed value
}

TEST_CASE("cavp_sha: an [L = ...] that contradicts the file name breaks the whole file") {
    ScratchDir scratch("hash_vectors");
    std::string text = read_text(vectors / "sha/SHA1ShortMsg.rsp");
    const std::size_t at = text.find("[L = 20]");
    REQUIRE(at != std::string::npos);
    text.replace(at, 8, "[L = 32]");
    const auto report = conformance::run_vector_file(scratch.write("SHA1ShortMsg.rsp", text));
    CHECK(report.error.find("L = 32") != std::string::npos);
    CHECK_FALSE(report.ok());
}

TEST_CASE("rfc_md5: a changed digest is one failed case") {
    ScratchDir scratch("hash_vectors");
    const std::string text = read_text(vectors / "md5/rfc-1321.txt");
    const auto report = conformance::run_vector_file(scratch.write("rfc-1321.txt", flip_digit_after(text, "MD = ", 6)));
    CHECK(report.cases == 7);
    CHECK(report.failed == 1);
}

TEST_CASE("SHAVS §5: Len is in bits; Len = 0 with Msg = 00 is the empty message; other bit lengths are skipped") {
    auto record = [](const std::string& len, const std::string& msg) {
        return conformance::parse_rsp("Len = " + len + "\nMsg = " + msg + "\nMD = 00\n").at(0);
    };
    CHECK(conformance::len_msg_message(record("0", "00")) == Bytes{});
    CHECK(conformance::len_msg_message(record("16", "abcd")) == Bytes{0xab, 0xcd});
    CHECK_FALSE(conformance::len_msg_message(record("5", "a0")).has_value());
    CHECK_THROWS_AS(conformance::len_msg_message(record("24", "abcd")), Error);
    CHECK_THROWS_AS(conformance::len_msg_message(record("0", "01")), Error);
    CHECK_THROWS_AS(conformance::len_msg_message(record("8x", "ab")), Error);
    CHECK_THROWS_AS(conformance::len_msg_message(record("", "ab")), Error);
}
