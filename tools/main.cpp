// lucid: one command for everything lucidtls does. See `lucid --help`.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "tools/command.h"

namespace {

using lucid::tools::all_commands;
using lucid::tools::Command;

void print_overview() {
    std::cout << "lucid: a TLS implementation made to be read, run and taught\n\n"
                 "usage: lucid COMMAND [OPTIONS]\n\ncommands:\n";
    std::size_t width = 0;  // the longest name ("chacha20-poly1305") and two spaces
    for (const Command* c : all_commands()) width = std::max(width, std::string_view(c->name).size() + 2);
    for (const Command* c : all_commands()) {
        std::string name(c->name);
        name.resize(width, ' ');
        std::cout << "  " << name << c->summary << "\n";
    }
    std::cout << "\n`lucid COMMAND --help` lists the options of one command.\n";
}

void print_command_help(const Command& c) {
    std::cout << "usage: " << c.usage << "\n\n" << c.summary << "\n";
    if (!c.flags.empty()) std::cout << "\noptions:\n";
    for (const auto& f : c.flags) {
        std::string left = "--" + std::string(f.name) + (f.takes_value ? " VALUE" : "");
        left.resize(std::max<std::size_t>(left.size() + 2, 22), ' ');
        std::cout << "  " << left << f.help << "\n";
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
        print_overview();
        return words.empty() ? 2 : 0;
    }
    const Command* command = nullptr;
    for (const Command* c : all_commands()) {
        if (c->name == words[0]) command = c;
    }
    if (command == nullptr) {
        std::cerr << "lucid: unknown command '" << words[0] << "' (see lucid --help)\n";
        return 2;
    }
    std::vector<std::string> rest(words.begin() + 1, words.end());
    for (const std::string& w : rest) {
        if (w == "--help" || w == "-h") {
            print_command_help(*command);
            return 0;
        }
    }
    try {
        lucid::tools::Args args = lucid::tools::parse_args(rest, command->flags);
        return command->run(args);
    } catch (const lucid::tools::UsageError& e) {
        std::cerr << "lucid " << command->name << ": " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "lucid " << command->name << ": " << e.what() << "\n";
        return 2;
    }
}
