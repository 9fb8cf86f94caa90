// ChaCha20 vectors of RFC 7539/8439 Appendix A.2, as python-cryptography stores them
// (ciphers/ChaCha20/rfc7539.txt):
//
//   KEY = ...   NONCE = ... (12 bytes)   INITIAL_BLOCK_COUNTER = 1   PLAINTEXT = ...   CIPHERTEXT = ...
#include <string>

#include "conformance/formats.h"
#include "conformance/rsp_reader.h"
#include "crypto/chacha20.h"
#include "crypto/error.h"

namespace lucid::conformance {

bool recognises_rfc8439_chacha20(const std::filesystem::path& path, std::string_view text) {
    return path.filename() == "rfc7539.txt" && text.find("INITIAL_BLOCK_COUNTER") != std::string_view::npos;
}

void run_rfc8439_chacha20(const std::filesystem::path&, std::string_view text, FileReport& report) {
    report.algorithm = "ChaCha20 (RFC 8439)";
    for (const RspRecord& record : parse_rsp(text)) {
        try {
            const auto counter = static_cast<std::uint32_t>(std::stoul(record.at("INITIAL_BLOCK_COUNTER")));
            const Bytes out = crypto::chacha20_xor(record.hex("KEY"), counter, record.hex("NONCE"), record.hex("PLAINTEXT"));
            report.check(out == record.hex("CIPHERTEXT"), record.describe());
        } catch (const Error& e) {
            report.fail(record.describe() + ": " + e.what());
        }
    }
}

}  // namespace lucid::conformance
