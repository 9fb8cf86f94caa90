// vectors/README.md is a promise: every file it lists exists, has the sha256 it states, and runs
// with exactly the number of cases it states, none failed. And every vector file under vectors/ is
// listed there.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "conformance/rsp_reader.h"
#include "conformance/vector_files.h"
#include "crypto/hash.h"
#include "crypto/hex.h"

using namespace lucid;
namespace fs = std::filesystem;

namespace {

struct ReadmeRow {
    std::string file;
    std::string sha256;
    std::size_t cases = 0;
};

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Rows of the table "| file | algorithm | from | sha256 | cases |".
std::vector<ReadmeRow> readme_rows() {
    std::vector<ReadmeRow> rows;
    std::istringstream in(read_file(fs::path(LUCID_VECTORS_DIR) / "README.md"));
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("| ", 0) != 0) continue;
        std::vector<std::string> cells;
        std::string cell;
        std::istringstream cells_in(line.substr(1));
        while (std::getline(cells_in, cell, '|')) cells.emplace_back(conformance::trim(cell));
        if (cells.size() < 5 || cells[0] == "file" || cells[0].rfind("---", 0) == 0) continue;
        ReadmeRow row;
        row.file = cells[0];
        row.sha256 = cells[3];
        std::string count;
        for (char c : cells[4]) {
            if (c >= '0' && c <= '9') count.push_back(c);
        }
        row.cases = count.empty() ? 0 : std::stoul(count);
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

TEST_CASE("vectors/README.md: every listed file has its sha256 and runs its stated case count") {
    std::vector<ReadmeRow> rows = readme_rows();
    REQUIRE(rows.size() > 0);
    for (const ReadmeRow& row : rows) {
        INFO("vectors/" << row.file);
        fs::path path = fs::path(LUCID_VECTORS_DIR) / row.file;
        REQUIRE(fs::exists(path));
        CHECK(to_hex(crypto::digest(crypto::HashAlgorithm::sha256, as_bytes(read_file(path)))) == row.sha256);
        conformance::FileReport report = conformance::run_vector_file(path);
        INFO("error: " << report.error);
        CHECK(report.error.empty());
        CHECK(report.failed == 0);
        CHECK(report.cases == row.cases);
        CHECK(report.passed > 0);
    }
}

TEST_CASE("vectors/README.md lists every vector file that lucid vectors runs") {
    std::map<std::string, bool> listed;
    for (const ReadmeRow& row : readme_rows()) listed[row.file] = true;
    std::vector<conformance::FileReport> reports = conformance::run_vectors({fs::path(LUCID_VECTORS_DIR)});
    REQUIRE(reports.size() > 0);
    for (const auto& r : reports) {
        std::string relative = fs::relative(fs::path(r.file), fs::path(LUCID_VECTORS_DIR)).generic_string();
        INFO(relative);
        CHECK(listed.count(relative) == 1);
        CHECK(r.ok());
    }
}
