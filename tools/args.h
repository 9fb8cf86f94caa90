// Command-line parsing for the `lucid` command: each subcommand declares its flags, and the
// parser rejects anything it did not declare, so a typo is an error, not a silently ignored flag.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/error.h"

namespace lucid::tools {

// Bad usage or bad input on the command line: printed as one line, exit status 2.
class UsageError : public Error {
public:
    using Error::Error;
};

struct FlagSpec {
    std::string_view name;  // without the dashes: "hex", "key"
    bool takes_value;
    std::string_view help;
};

class Args {
public:
    std::vector<std::string> positional;

    bool has(std::string_view flag) const;
    std::optional<std::string> value(std::string_view flag) const;  // last one given
    std::vector<std::string> values(std::string_view flag) const;   // every one, in order
    // The value, or UsageError "missing --NAME".
    std::string required(std::string_view flag) const;
    // The value decoded from hex, or UsageError naming the flag and the problem.
    Bytes hex(std::string_view flag) const;
    std::optional<Bytes> optional_hex(std::string_view flag) const;

    std::multimap<std::string, std::string, std::less<>> flags;
};

// Parses argv (after the subcommand name) against the declared flags. "--flag value" and
// "--flag=value" both work; "-" alone is a positional argument (stdin). Throws UsageError.
Args parse_args(const std::vector<std::string>& argv, const std::vector<FlagSpec>& specs);

}  // namespace lucid::tools
