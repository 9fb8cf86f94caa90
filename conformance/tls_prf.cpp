// TLS PRF cases (RFC 5246 §5, RFC 2246 §5) in the block format of vectors/prf/:
//
//   COUNT = 0
//   PRF = sha256            sha256 | sha384 | md5-sha1
//   Secret = 9bbe43...      hex, may be empty
//   Label = test label      ASCII, the rest of the line
//   Seed = a0ba9f...        hex, without the label
//   Output = e3f229...      hex; its length is the length asked for
//
// Files: tls-prf-published.txt (the vectors quoted from the IETF TLS list) and
// tls-prf-openssl.txt (made by `openssl kdf ... TLS1-PRF`, see vectors/prf/generate.sh).
#include <string>

#include "conformance/formats.h"
#include "conformance/rsp_reader.h"
#include "crypto/ct.h"
#include "crypto/error.h"
#include "handshake/prf.h"

namespace lucid::conformance {

bool recognises_tls_prf(const std::filesystem::path& path, std::string_view) {
    const std::string name = path.filename().string();
    return name.rfind("tls-prf-", 0) == 0 && path.extension() == ".txt";
}

void run_tls_prf(const std::filesystem::path&, std::string_view text, FileReport& report) {
    report.algorithm = "TLS PRF (RFC 5246/2246 §5)";
    for (const RspRecord& record : parse_rsp(text)) {
        const std::optional<handshake::PrfAlgorithm> alg = handshake::prf_from_name(record.at("PRF"));
        if (!alg) throw Error("unknown PRF '" + record.at("PRF") + "' in " + record.describe());
        const Bytes expected = record.hex("Output");
        const SecretBytes output = handshake::prf(*alg, record.hex("Secret"), record.at("Label"),
                                                  record.hex("Seed"), expected.size());
        report.check(!expected.empty() && ct::equal(output.view(), expected),
                     record.describe() + " PRF " + record.at("PRF"));
    }
}

}  // namespace lucid::conformance
