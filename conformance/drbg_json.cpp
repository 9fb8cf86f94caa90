// NIST's HMAC_DRBG (SHA-256) vectors as the npm package hmac-drbg@1.0.1 ships them
// (test/fixtures/hmac-drbg-nist.json: NIST CAVP HMAC_DRBG SHA-256 cases, converted to JSON by the
// package's author; 30 cases, none with a reseed or a personalization string):
//
//   [ { "name": "0",
//       "entropy": "ca85...",          EntropyInput, hex
//       "nonce": "659b...",            Nonce, hex
//       "pers": null,                  PersonalizationString, hex or null
//       "add": [null, null],           AdditionalInput of each generate call, hex or null
//       "expected": "e528..." },       ReturnedBits of the LAST generate call, hex
//     ... ]
//
// One case per object, following CAVP's DRBG test procedure (DRBGVS §6.2): instantiate, call
// generate once per entry of "add" asking for as many bytes as "expected" has, and compare the
// output of the last call. The first call's output is discarded: it only moves the state on.
#include <string>

#include "conformance/formats.h"
#include "conformance/json.h"
#include "crypto/error.h"
#include "crypto/hex.h"
#include "crypto/random.h"

namespace lucid::conformance {

namespace {

// A hex string, or null meaning the spec's Null (an empty input).
Bytes hex_or_null(const JsonValue& value) {
    if (value.is_null()) return {};
    return from_hex(value.as_string());
}

bool run_case(const JsonValue& test) {
    const Bytes entropy = from_hex(test.at("entropy").as_string());
    const Bytes nonce = from_hex(test.at("nonce").as_string());
    const Bytes personalization = hex_or_null(test.at("pers"));
    const Bytes expected = from_hex(test.at("expected").as_string());
    const std::vector<JsonValue>& additional = test.at("add").as_array();
    if (additional.empty()) throw Error("\"add\" lists no generate call");

    crypto::HmacDrbg drbg(entropy, nonce, personalization);
    Bytes output(expected.size());
    for (const JsonValue& add : additional) drbg.generate(output, hex_or_null(add));
    return output == expected;
}

}  // namespace

bool recognises_drbg_json(const std::filesystem::path& path, std::string_view) {
    return path.filename() == "hmac-drbg-nist.json";
}

void run_drbg_json(const std::filesystem::path&, std::string_view text, FileReport& report) {
    report.algorithm = "HMAC_DRBG SHA-256 (NIST)";
    const JsonValue root = parse_json(text);
    for (const JsonValue& test : root.as_array()) {
        const std::string name = test.has("name") ? test.at("name").as_string() : "?";
        try {
            report.check(run_case(test), "case \"" + name + "\"");
        } catch (const Error& e) {
            throw Error("case \"" + name + "\": " + e.what());
        }
    }
}

}  // namespace lucid::conformance
