// conformance/tls_prf.cpp: the PRF files of vectors/prf/ run with their exact counts, and a wrong
// output is caught.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include "conformance/vector_files.h"

using namespace lucid;
namespace fs = std::filesystem;

namespace {

const fs::path prf_dir = fs::path(LUCID_VECTORS_DIR) / "prf";

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A file with a name the runner recognises, in a scratch directory removed afterwards.
struct ScratchFile {
    fs::path dir = fs::temp_directory_path() / ("lucid_test_tls_prf_" + std::to_string(::getpid()));
    fs::path path;
    ScratchFile(const std::string& name, const std::string& text) : path(dir / name) {
        fs::create_directories(dir);
        std::ofstream(path, std::ios::binary) << text;
    }
    ~ScratchFile() { fs::remove_all(dir); }
};

}  // namespace

TEST_CASE("RFC 5246 §5: the published PRF vectors (P_SHA256, P_SHA384, TLS 1.0) all pass") {
    const conformance::FileReport r = conformance::run_vector_file(prf_dir / "tls-prf-published.txt");
    INFO(r.error);
    CHECK(r.error.empty());
    CHECK(r.cases == 3);
    CHECK(r.passed == 3);
}

TEST_CASE("RFC 5246 §5, RFC 2246 §5: the 33 cases computed by openssl kdf TLS1-PRF all pass") {
    const conformance::FileReport r = conformance::run_vector_file(prf_dir / "tls-prf-openssl.txt");
    INFO(r.error);
    CHECK(r.error.empty());
    CHECK(r.cases == 33);
    CHECK(r.passed == 33);
}

TEST_CASE("tls_prf runner: a changed output byte is one failure, an unknown PRF breaks the file") {
    std::string text = read_text(prf_dir / "tls-prf-published.txt");
    const std::size_t at = text.find("Output = e3f229ba");
    REQUIRE(at != std::string::npos);
    text[at + 9] = '4';  // e3 -> e4
    {
        ScratchFile f("tls-prf-changed.txt", text);
        const conformance::FileReport r = conformance::run_vector_file(f.path);
        CHECK(r.cases == 3);
        CHECK(r.failed == 1);
        REQUIRE(r.failures.size() == 1);
        CHECK(r.failures[0].find("sha256") != std::string::npos);
    }
    {
        std::string bad = read_text(prf_dir / "tls-prf-published.txt");
        bad.replace(bad.find("PRF = sha384"), 12, "PRF = sha999");
        ScratchFile f("tls-prf-unknown.txt", bad);
        const conformance::FileReport r = conformance::run_vector_file(f.path);
        CHECK(r.error.find("sha999") != std::string::npos);
    }
}
