// lucid vectors [FILE|DIR ...]: the conformance run over published test vectors.
#include <iomanip>
#include <iostream>

#include "conformance/vector_files.h"
#include "tools/command.h"

namespace lucid::tools {

namespace {

int run_vectors_command(const Args& args) {
    std::vector<std::filesystem::path> paths;
    for (const std::string& p : args.positional) paths.emplace_back(p);
    if (paths.empty()) paths.push_back(conformance::default_vectors_dir());
    for (const auto& p : paths) {
        if (!std::filesystem::exists(p)) throw UsageError("no such file or directory: " + p.string());
    }
    const bool verbose = args.has("verbose");

    std::size_t passed = 0, failed = 0, skipped = 0, broken_files = 0;
    std::vector<conformance::FileReport> reports = conformance::run_vectors(paths);
    for (const auto& r : reports) {
        std::cout << std::left << std::setw(48) << r.file << " " << std::setw(28)
                  << (r.algorithm.empty() ? "?" : r.algorithm) << " cases " << std::setw(6) << r.cases
                  << " passed " << std::setw(6) << r.passed << " failed " << std::setw(4) << r.failed
                  << " skipped " << r.skipped;
        if (!r.error.empty()) std::cout << "  ERROR: " << r.error;
        std::cout << "\n";
        for (const auto& why : r.skip_reasons) std::cout << "    skipped: " << why << "\n";
        std::size_t shown = 0;
        for (const auto& f : r.failures) {
            if (!verbose && ++shown > 3) break;
            std::cout << "    FAILED: " << f << "\n";
        }
        passed += r.passed;
        failed += r.failed;
        skipped += r.skipped;
        if (!r.error.empty()) ++broken_files;
    }
    if (broken_files > 0) std::cout << broken_files << " file(s) could not be run\n";
    if (skipped > 0) std::cout << skipped << " case(s) skipped\n";
    std::cout << passed << " passed, " << failed << " failed\n";
    return (failed == 0 && broken_files == 0 && !reports.empty()) ? 0 : 1;
}

}  // namespace

extern const Command vectors_command = {
    "vectors",
    "run published test vectors (NIST, RFC) through lucidtls and count the results",
    "lucid vectors [--verbose] [FILE|DIR ...]   (default: the repository's vectors/)",
    {{"verbose", false, "list every failed case, not only the first three of each file"}},
    run_vectors_command,
};

}  // namespace lucid::tools
