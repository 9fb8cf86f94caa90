// NIST CAVP SHAVS files for SHA-1 and SHA-2 (FIPS 180-4): SHA{1,224,256,384,512}{ShortMsg,LongMsg,Monte}.rsp.
//
//   [L = 32]                      the digest length in bytes, for the whole file
//
//   Len = 24                      ShortMsg / LongMsg: one message per case,
//   Msg = 616263                  Len in BITS, "Msg = 00" for the empty message
//   MD = ba7816bf...
//
//   Seed = ...                    Monte: one seed, then 100 checkpoints
//   COUNT = 0
//   MD = ...
//
// ShortMsg covers every length from 0 to one block in steps of one byte, so every padding case
// (55/56 bytes for SHA-256, 111/112 for SHA-512) is among them; LongMsg has multi-block messages.
// Monte is the SHAVS Monte Carlo test (SHAVS §6.4), 100 checkpoints of 1000 chained hashes:
//
//   for j = 0 .. 99:
//       MD0 = MD1 = MD2 = Seed
//       for i = 3 .. 1002:  MDi = SHA(MD(i-3) || MD(i-2) || MD(i-1))
//       checkpoint j: MD1002 must equal the file's MD for COUNT = j; Seed = MD1002
#include <regex>
#include <string>

#include "conformance/formats.h"
#include "conformance/len_msg.h"
#include "conformance/rsp_reader.h"
#include "crypto/error.h"
#include "crypto/hash.h"
#include "crypto/hex.h"

namespace lucid::conformance {

namespace {

const std::regex& file_name_pattern() {
    static const std::regex pattern(R"(SHA(1|224|256|384|512)(ShortMsg|LongMsg|Monte)\.rsp)");
    return pattern;
}

// The [L = n] header must agree with the algorithm the file name promises.
void check_digest_length(const RspRecord& record, crypto::HashAlgorithm alg) {
    auto it = record.attributes.find("L");
    if (it == record.attributes.end()) {
        throw Error("line " + std::to_string(record.line) + ": no [L = ...] header before the first case");
    }
    if (it->second != std::to_string(crypto::digest_size(alg))) {
        throw Error("[L = " + it->second + "] but " + std::string(crypto::hash_name(alg)) + " digests are " +
                    std::to_string(crypto::digest_size(alg)) + " bytes");
    }
}

void run_messages(const std::vector<RspRecord>& records, crypto::HashAlgorithm alg, FileReport& report) {
    for (const RspRecord& record : records) {
        check_digest_length(record, alg);
        std::optional<Bytes> message = len_msg_message(record);
        if (!message) {
            report.skip("bit-oriented message (Len not a multiple of 8): lucid hashes whole bytes");
            continue;
        }
        report.check(crypto::digest(alg, *message) == record.hex("MD"), record.describe());
    }
}

// SHAVS §6.4, the Monte Carlo test. Each checkpoint starts from the file's previous MD (the
// published value, not ours), so one wrong checkpoint is reported once instead of spoiling the 99
// after it; with every checkpoint right the two are the same chain.
void run_monte(const std::vector<RspRecord>& records, crypto::HashAlgorithm alg, FileReport& report) {
    if (records.empty() || !records.front().has("Seed")) throw Error("Monte file does not start with Seed");
    check_digest_length(records.front(), alg);
    Bytes seed = records.front().hex("Seed");
    if (seed.size() != crypto::digest_size(alg)) throw Error("Seed is not one digest long");

    std::unique_ptr<crypto::Hash> hash = crypto::make_hash(alg);
    for (std::size_t j = 1; j < records.size(); ++j) {
        const RspRecord& checkpoint = records[j];
        check_digest_length(checkpoint, alg);
        if (checkpoint.at("COUNT") != std::to_string(j - 1)) {
            throw Error(checkpoint.describe() + ": expected COUNT = " + std::to_string(j - 1));
        }
        Bytes md_a = seed, md_b = seed, md_c = seed;  // MD(i-3), MD(i-2), MD(i-1)
        for (int i = 3; i <= 1002; ++i) {
            hash->update(md_a);
            hash->update(md_b);
            hash->update(md_c);
            md_a = std::move(md_b);
            md_b = std::move(md_c);
            md_c = hash->final();
        }
        const Bytes expected = checkpoint.hex("MD");
        report.check(md_c == expected, checkpoint.describe());
        seed = expected;
    }
}

}  // namespace

bool recognises_cavp_sha(const std::filesystem::path& path, std::string_view) {
    return std::regex_match(path.filename().string(), file_name_pattern());
}

void run_cavp_sha(const std::filesystem::path& path, std::string_view text, FileReport& report) {
    std::smatch match;
    const std::string name = path.filename().string();
    std::regex_match(name, match, file_name_pattern());
    const crypto::HashAlgorithm alg = *crypto::hash_from_name("sha" + match[1].str());
    const std::string kind = match[2].str();
    report.algorithm = (match[1].str() == "1" ? "SHA-1" : "SHA-" + match[1].str()) + " " + kind + " (NIST CAVP)";

    const std::vector<RspRecord> records = parse_rsp(text);
    if (kind == "Monte") {
        run_monte(records, alg, report);
    } else {
        run_messages(records, alg, report);
    }
}

}  // namespace lucid::conformance
