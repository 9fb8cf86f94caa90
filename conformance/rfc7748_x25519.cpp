// X25519 vectors from RFC 7748.
//
// asymmetric/X25519/rfc7748.txt of python-cryptography (§5.2): the function on given inputs,
//   INPUT_SCALAR = ...   INPUT_U = ...   OUTPUT_U = ...
// the third case being the first step of the iterated test (k = u = 9).
//
// x25519/rfc7748-iterated-dh.txt (transcribed from the RFC, see vectors/README.md) has the same
// records for the §6.1 Diffie-Hellman example, and iterated cases
//   ITERATIONS = 1000   OUTPUT_K = ...
// for §5.2: "set k and u to 9; for each iteration, set k to be the result of calling the function
// and u to be the old value of k; the final result is the value left in k".
#include <string>

#include "conformance/formats.h"
#include "conformance/rsp_reader.h"
#include "crypto/error.h"
#include "crypto/x25519.h"

namespace lucid::conformance {

namespace {

// RFC 7748 §5.2, the iterated test.
Bytes iterate_from_nine(std::size_t iterations) {
    Bytes k(32, 0), u(32, 0);
    k[0] = u[0] = 9;
    for (std::size_t i = 0; i < iterations; ++i) {
        const crypto::X25519Bytes result = crypto::x25519(k, u);
        u = k;
        k.assign(result.begin(), result.end());
    }
    return k;
}

bool run_case(const RspRecord& record) {
    if (record.has("ITERATIONS")) return iterate_from_nine(std::stoul(record.at("ITERATIONS"))) == record.hex("OUTPUT_K");
    const crypto::X25519Bytes u = crypto::x25519(record.hex("INPUT_SCALAR"), record.hex("INPUT_U"));
    return Bytes(u.begin(), u.end()) == record.hex("OUTPUT_U");
}

}  // namespace

bool recognises_rfc7748_x25519(const std::filesystem::path& path, std::string_view) {
    const std::string name = path.filename().string();
    return name == "rfc7748.txt" || name == "rfc7748-iterated-dh.txt";
}

void run_rfc7748_x25519(const std::filesystem::path&, std::string_view text, FileReport& report) {
    report.algorithm = "X25519 (RFC 7748)";
    for (const RspRecord& record : parse_rsp(text)) {
        try {
            report.check(run_case(record), record.describe());
        } catch (const Error& e) {
            report.fail(record.describe() + ": " + e.what());
        }
    }
}

}  // namespace lucid::conformance
