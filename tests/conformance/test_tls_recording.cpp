// conformance/tls_recording.cpp: the OpenSSL sessions of vectors/tls/ decrypt, Finished included,
// with their exact counts; a corrupted recording is caught.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <unistd.h>

#include "conformance/vector_files.h"

using namespace lucid;
namespace fs = std::filesystem;

namespace {

const fs::path tls_dir = fs::path(LUCID_VECTORS_DIR) / "tls";

// Cases = records after ChangeCipherSpec (client: Finished, 3 application_data, close_notify;
// server: Finished, 1 application_data, close_notify) + 2 Finished checks + 2 plaintext streams.
// TLS 1.0: OpenSSL puts an empty application_data record before each one (its BEAST defence),
// 4 records more.
const std::map<std::string, std::size_t> expected_cases = {
    {"openssl-tls10-aes256-sha.txt", 16},    {"openssl-tls11-aes128-sha.txt", 12},
    {"openssl-tls12-aes128-sha.txt", 12},    {"openssl-tls12-aes128-sha256.txt", 12},
    {"openssl-tls12-aes256-sha.txt", 12},    {"openssl-tls12-aes256-sha256.txt", 12},
    {"openssl-tls12-null-sha256.txt", 12},
};

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A file with a name the runner recognises, in a scratch directory removed afterwards.
struct ScratchFile {
    fs::path dir = fs::temp_directory_path() / ("lucid_test_tls_rec_" + std::to_string(::getpid()));
    fs::path path;
    ScratchFile(const std::string& name, const std::string& text) : path(dir / name) {
        fs::create_directories(dir);
        std::ofstream(path, std::ios::binary) << text;
    }
    ~ScratchFile() { fs::remove_all(dir); }
};

// The recording with the hex value of `key` changed at hex digit `digit` (counted from the start
// of the value).
std::string with_digit_changed(std::string text, const std::string& key, std::size_t digit) {
    const std::size_t at = text.find(key + " = ");
    REQUIRE(at != std::string::npos);
    char& c = text[at + key.size() + 3 + digit];
    c = c == '0' ? '1' : '0';
    return text;
}

}  // namespace

TEST_CASE("OpenSSL recordings: every record decrypts to the recorded plaintext and both Finished verify") {
    std::size_t files = 0;
    for (const auto& [name, count] : expected_cases) {
        INFO(name);
        const conformance::FileReport r = conformance::run_vector_file(tls_dir / name);
        INFO(r.error);
        for (const auto& f : r.failures) INFO(f);
        CHECK(r.error.empty());
        CHECK(r.failed == 0);
        CHECK(r.cases == count);
        CHECK(r.passed == count);
        ++files;
    }
    CHECK(files == 7);
    // Every recording in the directory is in the table above.
    std::size_t on_disk = 0;
    for (const auto& e : fs::directory_iterator(tls_dir)) {
        on_disk += e.path().filename().string().rfind("openssl-tls1", 0) == 0;
    }
    CHECK(on_disk == expected_cases.size());
}

TEST_CASE("OpenSSL recordings: the extended master secret is noted in the report") {
    const conformance::FileReport r = conformance::run_vector_file(tls_dir / "openssl-tls12-aes128-sha256.txt");
    CHECK(r.algorithm == "TLS 1.2 AES128-SHA256 (OpenSSL, EMS)");
}

TEST_CASE("OpenSSL recordings: a wrong master secret, plaintext or ciphertext byte is caught") {
    const std::string text = read_text(tls_dir / "openssl-tls12-aes128-sha256.txt");
    SUBCASE("master secret: the first record of each direction is bad_record_mac") {
        // "Keylog = CLIENT_RANDOM " + 64 hex digits + " " : the master secret starts at digit 79.
        ScratchFile f("openssl-tls12-ms.txt", with_digit_changed(text, "Keylog", 14 + 64 + 1));
        const conformance::FileReport r = conformance::run_vector_file(f.path);
        CHECK(r.failed == 2);
        CHECK(r.passed == 0);
        REQUIRE(!r.failures.empty());
        CHECK(r.failures[0].find("bad_record_mac") != std::string::npos);
    }
    SUBCASE("client plaintext: the record holding it and the whole stream fail") {
        ScratchFile f("openssl-tls12-pt.txt", with_digit_changed(text, "ClientPlaintext", 40));
        const conformance::FileReport r = conformance::run_vector_file(f.path);
        CHECK(r.cases == 12);
        CHECK(r.failed == 2);
    }
    SUBCASE("the last byte the server sent: its close_notify record fails") {
        std::string changed = text;
        const std::size_t end = changed.find('\n', changed.find("ServerToClient = "));
        char& c = changed[(end == std::string::npos ? changed.size() : end) - 1];
        c = c == '0' ? '1' : '0';
        ScratchFile f("openssl-tls12-s2c.txt", changed);
        const conformance::FileReport r = conformance::run_vector_file(f.path);
        CHECK(r.failed == 1);
        CHECK(r.passed == 10);
    }
    SUBCASE("a keylog from another session is refused") {
        ScratchFile f("openssl-tls12-cr.txt", with_digit_changed(text, "Keylog", 14));
        const conformance::FileReport r = conformance::run_vector_file(f.path);
        CHECK(r.error.find("client random") != std::string::npos);
    }
}
