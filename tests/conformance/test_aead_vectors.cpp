// conformance/cavp_aes_gcm.cpp, rfc7748_x25519.cpp, rfc8439_chacha20.cpp, rfc8439_poly1305.cpp and
// chacha20_poly1305_text.cpp: every file runs with its published count (also in vectors/README.md),
// the GCM files on both the portable path and the AES-NI + PCLMULQDQ path, and a wrong value or a
// FAIL case that opens is counted as a failure.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <unistd.h>

#include "conformance/vector_files.h"
#include "crypto/aes.h"
#include "crypto/ghash.h"

using namespace lucid;
namespace fs = std::filesystem;

namespace {

const fs::path vectors = fs::path(LUCID_VECTORS_DIR);

struct ScratchDir {
    fs::path path = fs::temp_directory_path() / ("lucid_test_aead_vectors_" + std::to_string(::getpid()));
    ScratchDir() { fs::create_directories(path / "chacha20poly1305"); }
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

// Runs one file and checks it passed every one of its expected cases; returns the count.
std::size_t run_checking(const fs::path& relative, std::size_t expected) {
    INFO(relative.string());
    const conformance::FileReport report = conformance::run_vector_file(vectors / relative);
    for (const auto& f : report.failures) INFO("failure: " << f);
    CHECK(report.error == "");
    CHECK(report.ok());
    CHECK(report.cases == expected);
    CHECK(report.passed == expected);
    return report.cases;
}

std::size_t run_gcm_files() {
    std::size_t total = 0;
    for (const char* kind : {"gcmEncryptExtIV", "gcmDecrypt"}) {
        for (const char* bits : {"128", "192", "256"}) total += run_checking(fs::path("gcm") / (std::string(kind) + bits + ".rsp"), 7875);
    }
    return total;
}

// Sets both halves of GCM (AES and GHASH) to the portable code or to the fast paths for a scope.
class UseGcmPath {
public:
    explicit UseGcmPath(bool portable)
        : aes_before_(crypto::aes_force_portable(portable)), ghash_before_(crypto::ghash_force_portable(portable)) {}
    ~UseGcmPath() {
        crypto::aes_force_portable(aes_before_);
        crypto::ghash_force_portable(ghash_before_);
    }
    UseGcmPath(const UseGcmPath&) = delete;
    UseGcmPath& operator=(const UseGcmPath&) = delete;

private:
    bool aes_before_, ghash_before_;
};

}  // namespace

TEST_CASE("NIST CAVP GCMVS: the six AES-GCM files, 47,250 cases with FAIL ones, pass on both implementations") {
    SUBCASE("portable: bit-sliced AES and constant-time GHASH") {
        UseGcmPath path(true);
        REQUIRE(crypto::ghash_implementation() == crypto::GhashImplementation::portable);
        CHECK(run_gcm_files() == 47250);
    }
    SUBCASE("AES-NI and PCLMULQDQ") {
        UseGcmPath path(false);
        if (crypto::ghash_implementation() != crypto::GhashImplementation::pclmulqdq) {
            MESSAGE("this CPU has no PCLMULQDQ: the portable GHASH runs the vectors a second time");
        }
        CHECK(run_gcm_files() == 47250);
    }
}

TEST_CASE("RFC 7748 §5.2, §6.1: the X25519 files pass (3 published cases, 6 transcribed)") {
    CHECK(run_checking("x25519/rfc7748.txt", 3) == 3);
    CHECK(run_checking("x25519/rfc7748-iterated-dh.txt", 6) == 6);
}

TEST_CASE("RFC 8439: the ChaCha20, Poly1305 and ChaCha20-Poly1305 files pass") {
    CHECK(run_checking("chacha20/rfc7539.txt", 3) == 3);
    CHECK(run_checking("poly1305/rfc7539.txt", 11) == 11);
    CHECK(run_checking("chacha20poly1305/boringssl.txt", 66) == 66);
    CHECK(run_checking("chacha20poly1305/openssl.txt", 5) == 5);
}

TEST_CASE("NIST CAVP GCMVS: a decrypt case marked FAIL whose tag opens is a failure, and a wrong CT too") {
    ScratchDir dir;
    const std::string text = read_text(vectors / "gcm" / "gcmDecrypt128.rsp");
    // The first case (Count = 0) decrypts; make it a FAIL case by replacing "PT = " with "FAIL".
    const std::size_t count1 = text.find("Count = 1");
    std::string first = text.substr(0, count1);
    const std::size_t pt = first.find("PT = ");
    REQUIRE(pt != std::string::npos);
    first = first.substr(0, pt) + "FAIL\n\n";
    conformance::FileReport report = conformance::run_vector_file(dir.write("gcmDecrypt128.rsp", first));
    CHECK(report.cases == 1);
    CHECK(report.failed == 1);

    std::string encrypt = read_text(vectors / "gcm" / "gcmEncryptExtIV128.rsp");
    encrypt = encrypt.substr(0, encrypt.find("Count = 1"));
    const std::size_t tag = encrypt.find("Tag = ") + 6;
    encrypt[tag] = encrypt[tag] == '0' ? '1' : '0';
    report = conformance::run_vector_file(dir.write("gcmEncryptExtIV128.rsp", encrypt));
    CHECK(report.cases == 1);
    CHECK(report.failed == 1);
}

TEST_CASE("RFC 8439: a CIPHERFINAL_ERROR case passes only when the tag is refused") {
    ScratchDir dir;
    std::string text = read_text(vectors / "chacha20poly1305" / "openssl.txt");
    // Case 2 expects CIPHERFINAL_ERROR; give it case 1's (correct) tag, and it must fail.
    text.replace(text.find("Tag = eead9d67890cbb22392336fea1851f39"), 38, "Tag = eead9d67890cbb22392336fea1851f38");
    const conformance::FileReport report = conformance::run_vector_file(dir.write("chacha20poly1305/openssl.txt", text));
    CHECK(report.cases == 5);
    CHECK(report.failed == 1);
}
