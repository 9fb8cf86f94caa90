// NIST PKITS path validation cases, vectors/x509/pkits/pkits.txt (the format is described at the
// top of that file). Each line names a path, trust anchor first, and the result PKITS documents;
// the certificates are read from the data/ directory beside it.
//
// A valid case passes when lucid validates the path. An invalid case passes only when lucid
// rejects it FOR THE DOCUMENTED REASON: the rejection's kind must be the one the line names, so a
// path rejected for some other fault counts as a failure. Lines marked "skip:" are counted as
// skipped with their reason (DSA, revocation), never dropped.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "conformance/formats.h"
#include "conformance/rsp_reader.h"
#include "crypto/error.h"
#include "x509/certificate.h"
#include "x509/error.h"
#include "x509/trust_store.h"
#include "x509/validation.h"

namespace lucid::conformance {

namespace {

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        std::size_t end = s.find(sep, start);
        out.emplace_back(trim(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start)));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

std::vector<std::string> words(std::string_view s) {
    std::vector<std::string> out;
    std::istringstream in{std::string(s)};
    std::string w;
    while (in >> w) out.push_back(w);
    return out;
}

x509::Certificate load(const std::filesystem::path& dir, const std::string& name) {
    const std::filesystem::path file = dir / (name + ".crt");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error("cannot open " + file.string());
    std::ostringstream s;
    s << in.rdbuf();
    const std::string der = s.str();
    return x509::Certificate::parse(as_bytes(der));
}

}  // namespace

bool recognises_x509_pkits(const std::filesystem::path& path, std::string_view) { return path.filename() == "pkits.txt"; }

void run_x509_pkits(const std::filesystem::path& path, std::string_view text, FileReport& report) {
    report.algorithm = "X.509 path validation (NIST PKITS)";
    const std::filesystem::path data = path.parent_path() / "data";
    std::optional<x509::Time> time;
    std::istringstream lines{std::string(text)};
    std::string line;
    std::size_t line_number = 0;
    while (std::getline(lines, line)) {
        ++line_number;
        std::string_view l = trim(line);
        if (l.empty() || l[0] == '#') continue;
        if (l.rfind("time", 0) == 0) {
            time = x509::Time::parse_iso8601(trim(l.substr(l.find('=') + 1)));
            continue;
        }
        const std::vector<std::string> f = split(l, '|');
        if (f.size() < 6) throw Error("line " + std::to_string(line_number) + ": expected 6 '|'-separated fields");
        if (!time) throw Error("line " + std::to_string(line_number) + ": a case before the 'time =' line");
        const std::string name = f[0] + " " + f[1];
        if (f.size() > 6 && f[6].rfind("skip:", 0) == 0) {
            report.skip(std::string(trim(std::string_view(f[6]).substr(5))));
            continue;
        }
        const bool expect_valid = f[2] == "valid";
        if (!expect_valid && f[2] != "invalid") throw Error("line " + std::to_string(line_number) + ": expected result '" + f[2] + "'");
        const std::vector<std::string> names = words(f[4]);
        if (names.size() < 2) throw Error("line " + std::to_string(line_number) + ": a path needs an anchor and an end entity");

        x509::TrustStore anchors;
        std::vector<x509::Certificate> intermediates;
        std::optional<x509::Certificate> leaf;
        try {
            anchors.add(load(data, names.front()));
            for (std::size_t i = 1; i + 1 < names.size(); ++i) intermediates.push_back(load(data, names[i]));
            leaf = load(data, names.back());
        } catch (const x509::DecodeError& e) {
            report.fail(name + ": a certificate does not parse: " + e.what());
            continue;
        }
        x509::ValidationOptions options;
        options.at = *time;
        options.purpose = x509::Purpose::any;
        try {
            x509::validate_chain(*leaf, intermediates, anchors, options);
            report.check(expect_valid, name + ": expected invalid (" + f[3] + "), lucid accepted the path");
        } catch (const x509::CertificateRejected& e) {
            const std::string kind(x509::rejection_kind_name(e.kind()));
            if (expect_valid) {
                report.fail(name + ": expected valid, lucid rejected it: " + e.what());
            } else {
                report.check(kind == f[3], name + ": rejected as " + kind + " where PKITS expects " + f[3] + ": " + e.what());
            }
        }
    }
}

}  // namespace lucid::conformance
