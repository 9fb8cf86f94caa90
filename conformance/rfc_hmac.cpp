// The HMAC test cases of RFC 2202 (HMAC-MD5, HMAC-SHA-1) and RFC 4231 (HMAC-SHA-224/256/384/512),
// as python-cryptography stores them (HMAC/rfc-2202-md5.txt, HMAC/rfc-4231-sha256.txt, ...):
//
//   Len = 64                      the message length in BITS
//   Key = 0b0b0b0b...
//   # "Hi There"                  comments inside a case are ignored
//   Msg = 4869205468657265
//   MD = b0344c61...
//
// Truncated outputs (RFC 2104 §5, RFC 4231 §4.6 test case 5) are honoured: when MD is shorter
// than the MAC, the case passes if MD equals the left-most bytes of the MAC. The files as
// published keep the full MAC for RFC 2202's truncation case and leave RFC 4231's test case 5
// out ("truncation test from RFC not added"); tests/crypto/test_hmac.cpp checks that case.
#include <algorithm>
#include <regex>
#include <string>

#include "conformance/formats.h"
#include "conformance/len_msg.h"
#include "conformance/rsp_reader.h"
#include "crypto/hmac.h"

namespace lucid::conformance {

namespace {

const std::regex& file_name_pattern() {
    static const std::regex pattern(R"(rfc-(2202-(md5|sha1)|4231-(sha224|sha256|sha384|sha512))\.txt)");
    return pattern;
}

}  // namespace

bool recognises_rfc_hmac(const std::filesystem::path& path, std::string_view) {
    return std::regex_match(path.filename().string(), file_name_pattern());
}

void run_rfc_hmac(const std::filesystem::path& path, std::string_view text, FileReport& report) {
    std::smatch match;
    const std::string name = path.filename().string();
    std::regex_match(name, match, file_name_pattern());
    const std::string hash_text = match[2].matched ? match[2].str() : match[3].str();
    const crypto::HashAlgorithm alg = *crypto::hash_from_name(hash_text);
    const std::string display = hash_text == "md5" ? "MD5" : "SHA-" + hash_text.substr(3);
    report.algorithm = "HMAC-" + display + " (RFC " + name.substr(4, 4) + ")";

    for (const RspRecord& record : parse_rsp(text)) {
        std::optional<Bytes> message = len_msg_message(record);
        if (!message) {
            report.skip("bit-oriented message (Len not a multiple of 8)");
            continue;
        }
        const Bytes mac = crypto::hmac(alg, record.hex("Key"), *message);
        const Bytes expected = record.hex("MD");
        // RFC 2104 §5: a truncated MAC is the left-most bytes of the full one.
        const bool ok = expected.size() <= mac.size() && !expected.empty() &&
                        std::equal(expected.begin(), expected.end(), mac.begin());
        report.check(ok, record.describe());
    }
}

}  // namespace lucid::conformance
