#include "tools/args.h"

#include "crypto/hex.h"

namespace lucid::tools {

bool Args::has(std::string_view flag) const { return flags.find(flag) != flags.end(); }

std::optional<std::string> Args::value(std::string_view flag) const {
    auto [first, last] = flags.equal_range(flag);
    if (first == last) return std::nullopt;
    return std::prev(last)->second;
}

std::vector<std::string> Args::values(std::string_view flag) const {
    std::vector<std::string> out;
    auto [first, last] = flags.equal_range(flag);
    for (auto it = first; it != last; ++it) out.push_back(it->second);
    return out;
}

std::string Args::required(std::string_view flag) const {
    auto v = value(flag);
    if (!v) throw UsageError("missing --" + std::string(flag));
    return *v;
}

Bytes Args::hex(std::string_view flag) const {
    std::string text = required(flag);
    try {
        return from_hex_separated(text);
    } catch (const Error& e) {
        throw UsageError("--" + std::string(flag) + ": " + e.what());
    }
}

std::optional<Bytes> Args::optional_hex(std::string_view flag) const {
    if (!has(flag)) return std::nullopt;
    return hex(flag);
}

Args parse_args(const std::vector<std::string>& argv, const std::vector<FlagSpec>& specs) {
    Args args;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& word = argv[i];
        if (word.size() < 3 || word.rfind("--", 0) != 0) {
            if (word.size() > 1 && word[0] == '-' && word != "-") {
                throw UsageError("unknown option " + word + " (options are spelled --name)");
            }
            args.positional.push_back(word);
            continue;
        }
        std::string name = word.substr(2);
        std::optional<std::string> inline_value;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        const FlagSpec* spec = nullptr;
        for (const FlagSpec& s : specs) {
            if (s.name == name) spec = &s;
        }
        if (spec == nullptr) throw UsageError("unknown option --" + name);
        if (!spec->takes_value) {
            if (inline_value) throw UsageError("--" + name + " takes no value");
            args.flags.emplace(name, "");
            continue;
        }
        if (inline_value) {
            args.flags.emplace(name, *inline_value);
        } else {
            if (i + 1 >= argv.size()) throw UsageError("--" + name + " needs a value");
            args.flags.emplace(name, argv[++i]);
        }
    }
    return args;
}

}  // namespace lucid::tools
