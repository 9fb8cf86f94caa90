// A subcommand of `lucid`: its name, one line for `lucid --help`, its usage, its flags and the
// function that runs it. Each subcommand is defined in its own file (cmd_*.cpp) and listed once,
// in the table of commands.cpp.
#pragma once

#include <string_view>
#include <vector>

#include "tools/args.h"

namespace lucid::tools {

struct Command {
    std::string_view name;
    std::string_view summary;
    std::string_view usage;  // "lucid hash ALG (--hex HEX | FILE | -)"
    std::vector<FlagSpec> flags;
    // Returns the exit status. Throws UsageError (exit 2) for bad input.
    int (*run)(const Args& args);
};

const std::vector<const Command*>& all_commands();

}  // namespace lucid::tools
