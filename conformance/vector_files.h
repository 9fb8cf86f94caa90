// The conformance run: which file format each vector file is, and running it.
//
// Each format is one row of a table (registry.cpp): a name, a test that recognises the file (by
// its name and first lines), and a runner that feeds every case through lucidtls and counts.
// `lucid vectors` and the doctest suite both go through run_vector_file(), so the numbers a user
// sees are the numbers the tests check.
#pragma once

#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

#include "conformance/report.h"

namespace lucid::conformance {

struct VectorFormat {
    std::string_view name;  // "NIST CAVP AES-CBC"
    bool (*recognises)(const std::filesystem::path& path, std::string_view text);
    // Runs every case of the file into report (cases/passed/failed/skipped). Throwing
    // lucid::Error marks the whole file as broken.
    void (*run)(const std::filesystem::path& path, std::string_view text, FileReport& report);
};

std::span<const VectorFormat> vector_formats();

// Reads and runs one file. A file no format recognises gets report.error set.
FileReport run_vector_file(const std::filesystem::path& path);

// Files and directories, in order; a directory is walked recursively in sorted order, skipping
// README*, *.md, *.sh, *.py and any directory named "data" (files a case file refers to, such as
// certificates). Everything else in a walked directory must be a recognised vector file.
std::vector<FileReport> run_vectors(const std::vector<std::filesystem::path>& paths);

// The repository's vectors/ directory, as configured at build time.
std::filesystem::path default_vectors_dir();

}  // namespace lucid::conformance
