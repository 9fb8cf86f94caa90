// What a vector runner found in one file: how many cases, how many passed, failed, skipped.
//
// A runner counts every case it reads. A file that yields zero cases is a failure of the file
// (the reader is wrong, or the file is not what we think), never a silent success.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace lucid::conformance {

struct FileReport {
    std::string file;       // as given on the command line or found in the directory walk
    std::string algorithm;  // "AES-128-CBC (NIST CAVP)" ...
    std::size_t cases = 0;
    std::size_t passed = 0;
    std::size_t failed = 0;
    std::size_t skipped = 0;
    std::vector<std::string> skip_reasons;  // distinct reasons, each with its count in the text
    std::vector<std::string> failures;      // the first few failures, each naming the case
    std::string error;                      // the file could not be read or recognised at all

    void pass() {
        ++cases;
        ++passed;
    }
    void fail(const std::string& what) {
        ++cases;
        ++failed;
        if (failures.size() < 10) failures.push_back(what);
    }
    void skip(const std::string& why);
    // A pass/fail decided by a boolean, with the case named for the failure line.
    void check(bool ok, const std::string& case_name) {
        if (ok) pass();
        else fail(case_name);
    }

    // The file counts as good when nothing failed, nothing broke, and at least one case ran.
    bool ok() const { return error.empty() && failed == 0 && passed > 0; }
};

}  // namespace lucid::conformance
