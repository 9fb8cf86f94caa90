// RFC 5114 test data, DH/RFC5114.txt: the three groups of RFC 5114 §2.1-2.3 (1024-bit p with a
// 160-bit subgroup, 2048/224 and 2048/256), each with a key pair for two parties (CAVS and IUT, as
// in NIST's KAS tests) and the shared secret:
//
//   [A.1.  1024-bit MODP Group with 160-bit Prime Order Subgroup]
//   COUNT=0
//   P = ...  Q = ...  G = ...
//   XstatCAVS = ...  YstatCAVS = ...
//   XstatIUT = ...   YstatIUT = ...
//   Z = ...
//   Result = P (0 - Correct)
//
// Each group is one case, passing when: both public values are g^x mod p; both lie in the
// subgroup of order q (Y^q = 1 mod p: these are not safe primes, so that check means something);
// and Z comes out the same from either side, equal to the file's Z without leading zero bytes
// (RFC 5246 §8.1.2). The file's blank lines split one case into several records, so the values are
// gathered per section.
#include <map>

#include "conformance/formats.h"
#include "conformance/rsp_reader.h"
#include "crypto/bignum.h"
#include "crypto/dh.h"
#include "crypto/error.h"

namespace lucid::conformance {

namespace {

bool in_subgroup(const crypto::BigInt& y, const crypto::BigInt& q, const crypto::BigInt& p) {
    crypto::BigInt power;
    mpz_powm(power.get_mpz_t(), y.get_mpz_t(), q.get_mpz_t(), p.get_mpz_t());
    return power == 1;
}

void run_case(const std::string& section, const std::map<std::string, std::string>& values, FileReport& report) {
    auto number = [&](const char* name) {
        auto it = values.find(name);
        if (it == values.end()) throw Error("[" + section + "]: no " + name);
        return crypto::from_hex_text(it->second);
    };
    const std::string name = "[" + section + "]";
    auto result = values.find("Result");
    if (result == values.end() || result->second.empty() || result->second[0] != 'P') {
        throw Error(name + ": only cases with Result = P are expected in this file");
    }
    try {
        crypto::DhGroup group;
        group.name = section;
        group.p = number("P");
        group.g = number("G");
        const crypto::BigInt q = number("Q");
        const crypto::DhPrivateKey cavs(group, number("XstatCAVS"));
        const crypto::DhPrivateKey iut(group, number("XstatIUT"));
        const bool publics = cavs.public_value() == number("YstatCAVS") && iut.public_value() == number("YstatIUT");
        const bool subgroup = in_subgroup(cavs.public_value(), q, group.p) && in_subgroup(iut.public_value(), q, group.p);
        const Bytes expected = crypto::to_bytes_minimal(number("Z"));
        const bool shared = crypto::dh_shared_secret(iut, cavs.public_value()).reveal() == expected &&
                            crypto::dh_shared_secret(cavs, iut.public_value()).reveal() == expected;
        report.check(publics && subgroup && shared, name + (publics ? "" : ": public value differs") +
                                                        (subgroup ? "" : ": not in the subgroup") +
                                                        (shared ? "" : ": shared secret differs"));
    } catch (const Error& e) {
        report.fail(name + ": " + e.what());
    }
}

}  // namespace

bool recognises_dh_rfc5114(const std::filesystem::path& path, std::string_view) {
    return path.filename() == "RFC5114.txt";
}

void run_dh_rfc5114(const std::filesystem::path&, std::string_view text, FileReport& report) {
    report.algorithm = "DH RFC 5114 groups";
    std::string section;
    std::map<std::string, std::string> values;
    for (const RspRecord& record : parse_rsp(text)) {
        if (record.section != section) {
            if (!values.empty()) run_case(section, values, report);
            values.clear();
            section = record.section;
        }
        for (const auto& [key, value] : record.fields) values[key] = value;
    }
    if (!values.empty()) run_case(section, values, report);
}

}  // namespace lucid::conformance
