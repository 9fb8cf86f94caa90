// What every fuzz target shares (docs/robustness.md).
//
// A target feeds the fuzzer's bytes to one parser or engine. Rejecting the input is the normal
// outcome and must happen through lucid::Error (TlsError, DecodeError, CertificateRejected ...):
// "Parsers fail with decode_error and never read past their input" (design.md). Anything else is
// a finding: a sanitizer report (read past the input, overflow, leak), or another exception
// (std::out_of_range, std::length_error, std::bad_alloc ...), which libFuzzer reports as a crash
// because it escapes LLVMFuzzerTestOneInput.
#pragma once

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "crypto/bytes.h"
#include "crypto/error.h"

namespace lucid::fuzz {

inline ByteView input(const std::uint8_t* data, std::size_t size) { return ByteView(data, size); }
inline std::string_view text(const std::uint8_t* data, std::size_t size) {
    return std::string_view(reinterpret_cast<const char*>(data), size);
}

// Runs f; a lucid::Error is the parser saying no, which is fine. Everything else escapes.
template <typename F>
void rejecting_is_fine(F&& f) {
    try {
        f();
    } catch (const Error&) {
    }
}

// A file of the repository's vectors/ folder (the test certificates and keys of the engine targets).
inline std::string vectors_file(std::string_view relative) {
    std::ifstream in(std::string(LUCID_VECTORS_DIR) + "/" + std::string(relative), std::ios::binary);
    if (!in) throw Error("fuzz: cannot read vectors/" + std::string(relative));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace lucid::fuzz
