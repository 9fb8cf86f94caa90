// NIST CAVP AES-GCM files (GCMVS, SP 800-38D): gcmEncryptExtIV{128,192,256}.rsp, gcmDecrypt{128,192,256}.rsp.
//
//   [Keylen = 128]                   the group's parameters, in bits
//   [IVlen = 96]                     8, 96, 456 or 1024: any IV length, not only 96
//   [PTlen = 104]
//   [AADlen = 160]
//   [Taglen = 120]                   tags are the first Taglen bits of the full tag (MSB_t)
//
//   Count = 0
//   Key = ...   IV = ...   PT = ...   AAD = ...   CT = ...   Tag = ...   (Encrypt: PT given)
//   Key = ...   IV = ...   CT = ...   AAD = ...   Tag = ...   PT = ...   (Decrypt)
//   Key = ...   IV = ...   CT = ...   AAD = ...   Tag = ...   FAIL       (Decrypt: must be rejected)
//
// An encrypt case passes when GCM-AE gives CT and a tag whose first Taglen bits are Tag; a decrypt
// case when GCM-AD gives PT, or, for a FAIL case, refuses the tag (no plaintext). The rsp reader
// ends a record at the line "FAIL" (a line with no '='), so a FAIL case is a record without PT;
// the runner checks that the number of such records is the number of FAIL lines in the file.
#include <regex>
#include <string>

#include "conformance/formats.h"
#include "conformance/rsp_reader.h"
#include "crypto/error.h"
#include "crypto/gcm.h"

namespace lucid::conformance {

namespace {

const std::regex& file_name_pattern() {
    static const std::regex pattern(R"(gcm(EncryptExtIV|Decrypt)(128|192|256)\.rsp)");
    return pattern;
}

// Taglen in bytes, from the group attribute.
std::size_t tag_bytes(const RspRecord& record) {
    const auto it = record.attributes.find("Taglen");
    if (it == record.attributes.end()) throw Error("no [Taglen = ...] above the case");
    return std::stoul(it->second) / 8;
}

// SP 800-38D §7.1 GCM-AE: CT, and the first Taglen bits of the tag.
bool run_encrypt_case(const RspRecord& record) {
    const crypto::AesGcm gcm(record.hex("Key"));
    const Bytes sealed = gcm.seal(record.hex("IV"), record.hex("AAD"), record.hex("PT"));
    const Bytes ct = record.hex("CT");
    const Bytes tag = record.hex("Tag");
    if (tag.size() != tag_bytes(record)) throw Error("Tag is not Taglen long");
    return sealed.size() == ct.size() + crypto::AesGcm::tag_size && Bytes(sealed.begin(), sealed.begin() + ct.size()) == ct &&
           Bytes(sealed.begin() + ct.size(), sealed.begin() + ct.size() + tag.size()) == tag;
}

// SP 800-38D §7.2 GCM-AD: PT, or FAIL (nullopt) when the record has no PT.
bool run_decrypt_case(const RspRecord& record) {
    const crypto::AesGcm gcm(record.hex("Key"));
    const std::optional<Bytes> plaintext =
        gcm.open(record.hex("IV"), record.hex("AAD"), record.hex("CT"), record.hex("Tag"));
    if (!record.has("PT")) return !plaintext.has_value();
    return plaintext.has_value() && *plaintext == record.hex("PT");
}

std::size_t count_fail_lines(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t pos = 0; (pos = text.find("\nFAIL", pos)) != std::string_view::npos; pos += 5) ++count;
    return count;
}

}  // namespace

bool recognises_cavp_aes_gcm(const std::filesystem::path& path, std::string_view) {
    return std::regex_match(path.filename().string(), file_name_pattern());
}

void run_cavp_aes_gcm(const std::filesystem::path& path, std::string_view text, FileReport& report) {
    std::smatch match;
    const std::string name = path.filename().string();
    std::regex_match(name, match, file_name_pattern());
    const bool encrypt = match[1].str() == "EncryptExtIV";
    report.algorithm = "AES-" + match[2].str() + "-GCM " + (encrypt ? "encrypt" : "decrypt") + " (NIST CAVP)";
    const std::size_t key_bytes = std::stoul(match[2].str()) / 8;

    std::size_t records_without_pt = 0;
    for (const RspRecord& record : parse_rsp(text)) {
        const std::string case_name = record.describe();
        try {
            if (record.hex("Key").size() != key_bytes) throw Error("Key does not match the file name's key size");
            if (!record.has("PT")) ++records_without_pt;
            report.check(encrypt ? run_encrypt_case(record) : run_decrypt_case(record), case_name);
        } catch (const Error& e) {
            report.fail(case_name + ": " + e.what());
        }
    }
    if (!encrypt && records_without_pt != count_fail_lines(text)) {
        throw Error(std::to_string(records_without_pt) + " cases have no PT, but the file has " +
                    std::to_string(count_fail_lines(text)) + " FAIL lines");
    }
}

}  // namespace lucid::conformance
