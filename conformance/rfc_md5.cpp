// The MD5 test suite of RFC 1321 §A.5, as python-cryptography stores it (hashes/MD5/rfc-1321.txt):
//
//   # https://tools.ietf.org/html/rfc1321
//
//   Len = 24                      the message length in BITS
//   Msg = 616263                  "abc"; the empty message is written "Msg = 00" with Len = 0
//   MD = 900150983cd24fb0d6963f7d28e17f72
//
// Seven cases: "", "a", "abc", "message digest", the alphabet, the alphanumerics and eighty digits.
#include <string>

#include "conformance/formats.h"
#include "conformance/len_msg.h"
#include "conformance/rsp_reader.h"
#include "crypto/hash.h"

namespace lucid::conformance {

bool recognises_rfc_md5(const std::filesystem::path& path, std::string_view) {
    return path.filename() == "rfc-1321.txt";
}

void run_rfc_md5(const std::filesystem::path&, std::string_view text, FileReport& report) {
    report.algorithm = "MD5 (RFC 1321)";
    for (const RspRecord& record : parse_rsp(text)) {
        std::optional<Bytes> message = len_msg_message(record);
        if (!message) {
            report.skip("bit-oriented message (Len not a multiple of 8): lucid hashes whole bytes");
            continue;
        }
        report.check(crypto::digest(crypto::HashAlgorithm::md5, *message) == record.hex("MD"), record.describe());
    }
}

}  // namespace lucid::conformance
