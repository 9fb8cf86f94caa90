#include "conformance/vector_files.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "crypto/error.h"

namespace lucid::conformance {

void FileReport::skip(const std::string& why) {
    ++cases;
    ++skipped;
    for (const std::string& r : skip_reasons) {
        if (r == why) return;
    }
    skip_reasons.push_back(why);
}

namespace {

std::string read_whole_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot open " + path.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool is_skipped_in_walk(const std::filesystem::path& p) {
    const std::string name = p.filename().string();
    const std::string ext = p.extension().string();
    return name.rfind("README", 0) == 0 || ext == ".md" || ext == ".sh" || ext == ".py" ||
           name.front() == '.';
}

void walk(const std::filesystem::path& dir, std::vector<std::filesystem::path>& out) {
    std::vector<std::filesystem::path> entries;
    for (const auto& e : std::filesystem::directory_iterator(dir)) entries.push_back(e.path());
    std::sort(entries.begin(), entries.end());
    for (const auto& p : entries) {
        if (std::filesystem::is_directory(p)) {
            if (p.filename() != "data") walk(p, out);
        } else if (!is_skipped_in_walk(p)) {
            out.push_back(p);
        }
    }
}

}  // namespace

FileReport run_vector_file(const std::filesystem::path& path) {
    FileReport report;
    report.file = path.string();
    std::string text;
    try {
        text = read_whole_file(path);
    } catch (const Error& e) {
        report.error = e.what();
        return report;
    }
    for (const VectorFormat& format : vector_formats()) {
        if (!format.recognises(path, text)) continue;
        report.algorithm = std::string(format.name);
        try {
            format.run(path, text, report);
        } catch (const std::exception& e) {
            report.error = e.what();
        }
        if (report.error.empty() && report.cases == 0) report.error = "the file yielded no cases";
        return report;
    }
    report.error = "not a vector file format that lucid knows";
    return report;
}

std::vector<FileReport> run_vectors(const std::vector<std::filesystem::path>& paths) {
    std::vector<FileReport> reports;
    for (const auto& p : paths) {
        if (std::filesystem::is_directory(p)) {
            std::vector<std::filesystem::path> files;
            walk(p, files);
            for (const auto& f : files) reports.push_back(run_vector_file(f));
        } else {
            reports.push_back(run_vector_file(p));
        }
    }
    return reports;
}

std::filesystem::path default_vectors_dir() { return LUCID_VECTORS_DIR; }

}  // namespace lucid::conformance
