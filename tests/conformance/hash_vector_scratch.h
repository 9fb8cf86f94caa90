// Helpers for the tests of the hash, HMAC and DRBG runners: read a published file, write a changed
// copy into a scratch directory that disappears when the test ends.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

namespace hash_vector_scratch {

namespace fs = std::filesystem;

struct ScratchDir {
    fs::path path;
    explicit ScratchDir(const std::string& tag)
        : path(fs::temp_directory_path() / ("lucid_test_" + tag + "_" + std::to_string(::getpid()))) {
        fs::create_directories(path);
    }
    ~ScratchDir() { fs::remove_all(path); }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    fs::path write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
        return path / name;
    }
};

inline std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The text with the first hex digit after the n-th occurrence (0-based) of marker flipped.
inline std::string flip_digit_after(std::string text, const std::string& marker, std::size_t n = 0) {
    std::size_t at = text.find(marker);
    for (std::size_t i = 0; i < n && at != std::string::npos; ++i) at = text.find(marker, at + 1);
    if (at == std::string::npos) return text;
    const std::size_t digit = at + marker.size();
    text[digit] = text[digit] == '0' ? '1' : '0';
    return text;
}

}  // namespace hash_vector_scratch
