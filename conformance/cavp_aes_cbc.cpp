// NIST CAVP AES-CBC files (AESVS, SP 800-38A §6.2): CBC{GFSbox,KeySbox,VarKey,VarTxt,MMT}{128,192,256}.rsp.
//
//   [ENCRYPT]                       [DECRYPT]
//   COUNT = 0                       COUNT = 0
//   KEY = ...                       KEY = ...
//   IV = ...                        IV = ...
//   PLAINTEXT = ...                 CIPHERTEXT = ...
//   CIPHERTEXT = ...                PLAINTEXT = ...
//
// Every record is one case: an [ENCRYPT] case passes when CBC encryption of PLAINTEXT gives
// CIPHERTEXT, a [DECRYPT] case when decryption of CIPHERTEXT gives PLAINTEXT. GFSbox, KeySbox,
// VarKey and VarTxt are single blocks chosen to exercise the S-box and every key and text bit
// (AESVS §6.2); MMT ("multi-block message test") has 1 to 10 blocks.
#include <regex>
#include <string>

#include "conformance/formats.h"
#include "conformance/rsp_reader.h"
#include "crypto/aes.h"
#include "crypto/cbc.h"
#include "crypto/error.h"

namespace lucid::conformance {

namespace {

const std::regex& file_name_pattern() {
    static const std::regex pattern(R"(CBC(GFSbox|KeySbox|VarKey|VarTxt|MMT)(128|192|256)\.rsp)");
    return pattern;
}

// Returns true for a pass; throws lucid::Error for a record it cannot use.
bool run_case(const RspRecord& record, std::size_t key_bytes) {
    const Bytes key = record.hex("KEY");
    if (key.size() != key_bytes) {
        throw Error("KEY is " + std::to_string(key.size()) + " bytes, but the file name says " +
                    std::to_string(key_bytes));
    }
    const crypto::Aes aes(key);
    const Bytes iv = record.hex("IV");
    const Bytes plaintext = record.hex("PLAINTEXT");
    const Bytes ciphertext = record.hex("CIPHERTEXT");
    if (record.section == "ENCRYPT") return crypto::cbc_encrypt(aes, iv, plaintext) == ciphertext;
    if (record.section == "DECRYPT") return crypto::cbc_decrypt(aes, iv, ciphertext) == plaintext;
    throw Error("section [" + record.section + "] is neither [ENCRYPT] nor [DECRYPT]");
}

}  // namespace

bool recognises_cavp_aes_cbc(const std::filesystem::path& path, std::string_view) {
    return std::regex_match(path.filename().string(), file_name_pattern());
}

void run_cavp_aes_cbc(const std::filesystem::path& path, std::string_view text, FileReport& report) {
    std::smatch match;
    const std::string name = path.filename().string();
    std::regex_match(name, match, file_name_pattern());
    report.algorithm = "AES-" + match[2].str() + "-CBC (NIST CAVP)";
    const std::size_t key_bytes = std::stoul(match[2].str()) / 8;

    for (const RspRecord& record : parse_rsp(text)) {
        const std::string case_name = "[" + record.section + "] " + record.describe();
        try {
            report.check(run_case(record, key_bytes), case_name);
        } catch (const Error& e) {
            report.fail(case_name + ": " + e.what());
        }
    }
}

}  // namespace lucid::conformance
