// Poly1305 vectors of RFC 7539/8439 §2.5.2 and Appendix A.3, as python-cryptography stores them
// (poly1305/rfc7539.txt):
//
//   KEY = ... (32 bytes)   MSG = ...   TAG = ... (16 bytes)
//
// Several cases were chosen to hit the edges of the arithmetic modulo 2^130 - 5 (a sum just
// above p, carries through every limb), which is where limb code goes wrong.
#include <string>

#include "conformance/formats.h"
#include "conformance/rsp_reader.h"
#include "crypto/error.h"
#include "crypto/poly1305.h"

namespace lucid::conformance {

bool recognises_rfc8439_poly1305(const std::filesystem::path& path, std::string_view text) {
    return path.filename() == "rfc7539.txt" && text.find("MSG =") != std::string_view::npos &&
           text.find("INITIAL_BLOCK_COUNTER") == std::string_view::npos;
}

void run_rfc8439_poly1305(const std::filesystem::path&, std::string_view text, FileReport& report) {
    report.algorithm = "Poly1305 (RFC 8439)";
    for (const RspRecord& record : parse_rsp(text)) {
        try {
            const auto tag = crypto::poly1305(record.hex("KEY"), record.hex("MSG"));
            report.check(Bytes(tag.begin(), tag.end()) == record.hex("TAG"), record.describe());
        } catch (const Error& e) {
            report.fail(record.describe() + ": " + e.what());
        }
    }
}

}  // namespace lucid::conformance
