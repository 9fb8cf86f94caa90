// A reader for the NIST CAVP ".rsp" format and the RFC-style "KEY = value" text files derived
// from it (python3-cryptography-vectors uses the same shape for many RFC vectors):
//
//   # comment                     (ignored)
//   [ENCRYPT]                     a section with a name
//   [L = 20]  or  [mod = 2048]    a section attribute
//
//   COUNT = 0                     a record: consecutive KEY = value lines,
//   KEY = 000102...               ended by a blank line
//
// The reader keeps the records in file order, each with the section name and attributes in force
// where it stands and the line it starts on, so that a failure can name the case.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crypto/bytes.h"

namespace lucid::conformance {

struct RspRecord {
    std::size_t line = 0;                                    // 1-based line of the first field
    std::string section;                                     // "ENCRYPT", "" if none
    std::map<std::string, std::string> attributes;           // {"L": "20"}, {"mod": "2048"}
    std::vector<std::pair<std::string, std::string>> fields; // in order, keys as written

    bool has(std::string_view key) const;
    // The value of a field; throws lucid::Error naming the key and the line if it is missing.
    const std::string& at(std::string_view key) const;
    std::optional<std::string> get(std::string_view key) const;
    // The value decoded as hex (throws naming the key and line on bad hex).
    Bytes hex(std::string_view key) const;
    // "case at line 123 (COUNT = 4)" for failure messages.
    std::string describe() const;
};

// Keys are matched case-sensitively as written; values have surrounding whitespace removed.
// A key that repeats inside one record is kept twice, in order.
std::vector<RspRecord> parse_rsp(std::string_view text);

// Removes leading and trailing spaces, tabs and CR.
std::string_view trim(std::string_view s);

}  // namespace lucid::conformance
