// lucid vectors [FILE|DIR ...]: the conformance run over published test vectors.
#include <iomanip>
#include <iostream>

#include "conformance/vector_files.h"
#include "tools/command.h"

namespace lucid::tools {

namespace {

// Where `lucid vectors` without arguments finds the published vectors, first match wins:
//   1. an installed lucid: PREFIX/bin/lucid finds PREFIX/share/lucidtls/vectors (relative to the
//      executable, so an install moved elsewhere, or into a DESTDIR, still finds its own copy);
//   2. a lucid built in a checkout: the checkout's vectors/ (compiled in);
//   3. the directory `meson install` was configured to use (compiled in).
std::vector<std::filesystem::path> vector_dir_candidates() {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) out.push_back(exe.parent_path().parent_path() / "share" / "lucidtls" / "vectors");
    out.push_back(conformance::default_vectors_dir());
#ifdef LUCID_INSTALLED_VECTORS_DIR
    out.emplace_back(LUCID_INSTALLED_VECTORS_DIR);
#endif
    return out;
}

std::filesystem::path find_vectors_dir() {
    std::string looked;
    for (const std::filesystem::path& p : vector_dir_candidates()) {
        if (std::filesystem::is_directory(p)) return p;
        looked += (looked.empty() ? "" : ", ") + p.string();
    }
    throw UsageError("no vectors found (looked in " + looked + "); give a FILE or DIR");
}

int run_vectors_command(const Args& args) {
    std::vector<std::filesystem::path> paths;
    for (const std::string& p : args.positional) paths.emplace_back(p);
    if (paths.empty()) paths.push_back(find_vectors_dir());
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
    "lucid vectors [--verbose] [FILE|DIR ...]   (default: the installed share/lucidtls/vectors, or the checkout's vectors/)",
    {{"verbose", false, "list every failed case, not only the first three of each file"}},
    run_vectors_command,
};

}  // namespace lucid::tools
