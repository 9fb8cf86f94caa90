// The table of `lucid` subcommands, in the order `lucid --help` lists them.
#include "tools/command.h"

namespace lucid::tools {

extern const Command vectors_command;

const std::vector<const Command*>& all_commands() {
    static const std::vector<const Command*> table = {
        &vectors_command,
    };
    return table;
}

}  // namespace lucid::tools
