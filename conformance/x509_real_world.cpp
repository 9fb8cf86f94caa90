// Real-world certificates, vectors/x509/real-world.txt: each line names a file in
// real-world/data/ and says whether lucid's strict parser reads it (and how many certificates
// it holds) or rejects it, with words the error must contain. A file that parses when it should
// fail, fails when it should parse, or fails for another reason, is a failed case.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "conformance/formats.h"
#include "conformance/rsp_reader.h"
#include "crypto/error.h"
#include "x509/certificate.h"
#include "x509/error.h"

namespace lucid::conformance {

bool recognises_x509_real_world(const std::filesystem::path& path, std::string_view) {
    return path.filename() == "real-world.txt" && path.parent_path().filename() == "x509";
}

void run_x509_real_world(const std::filesystem::path& path, std::string_view text, FileReport& report) {
    report.algorithm = "X.509 parsing (real-world certificates)";
    const std::filesystem::path data = path.parent_path() / "real-world" / "data";
    std::istringstream lines{std::string(text)};
    std::string line;
    std::size_t line_number = 0;
    while (std::getline(lines, line)) {
        ++line_number;
        std::string_view l = trim(line);
        if (l.empty() || l[0] == '#') continue;
        const std::size_t bar1 = l.find('|');
        const std::size_t bar2 = bar1 == std::string_view::npos ? bar1 : l.find('|', bar1 + 1);
        if (bar2 == std::string_view::npos) throw Error("line " + std::to_string(line_number) + ": expected file | outcome | detail");
        const std::string file(trim(l.substr(0, bar1)));
        const std::string outcome(trim(l.substr(bar1 + 1, bar2 - bar1 - 1)));
        const std::string detail(trim(l.substr(bar2 + 1)));
        if (outcome != "parses" && outcome != "fails") throw Error("line " + std::to_string(line_number) + ": outcome '" + outcome + "'");

        std::ifstream in(data / file, std::ios::binary);
        if (!in) throw Error("cannot open " + (data / file).string());
        std::ostringstream s;
        s << in.rdbuf();
        const std::string contents = s.str();
        try {
            const std::vector<x509::Certificate> certs = x509::parse_certificates(as_bytes(contents));
            report.check(outcome == "parses" && std::to_string(certs.size()) == detail,
                         file + ": parsed " + std::to_string(certs.size()) + " certificate(s), expected " + outcome + " " + detail);
        } catch (const x509::DecodeError& e) {
            const std::string message = e.what();
            report.check(outcome == "fails" && message.find(detail) != std::string::npos,
                         file + ": failed with \"" + message + "\", expected " + outcome + " " + detail);
        }
    }
}

}  // namespace lucid::conformance
