#include "conformance/rsp_reader.h"

#include "crypto/error.h"
#include "crypto/hex.h"

namespace lucid::conformance {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool RspRecord::has(std::string_view key) const { return get(key).has_value(); }

std::optional<std::string> RspRecord::get(std::string_view key) const {
    for (const auto& [k, v] : fields) {
        if (k == key) return v;
    }
    return std::nullopt;
}

const std::string& RspRecord::at(std::string_view key) const {
    for (const auto& [k, v] : fields) {
        if (k == key) return v;
    }
    throw Error("vector file: line " + std::to_string(line) + ": record has no field '" +
                std::string(key) + "'");
}

Bytes RspRecord::hex(std::string_view key) const {
    const std::string& value = at(key);
    try {
        return from_hex(value);
    } catch (const Error& e) {
        throw Error("vector file: line " + std::to_string(line) + ": field '" + std::string(key) +
                    "': " + e.what());
    }
}

std::string RspRecord::describe() const {
    std::string out = "case at line " + std::to_string(line);
    if (!fields.empty()) out += " (" + fields.front().first + " = " + fields.front().second + ")";
    return out;
}

std::vector<RspRecord> parse_rsp(std::string_view text) {
    std::vector<RspRecord> records;
    std::string section;
    std::map<std::string, std::string> attributes;
    RspRecord current;
    bool in_record = false;

    auto finish_record = [&] {
        if (in_record) records.push_back(std::move(current));
        current = RspRecord{};
        in_record = false;
    };

    std::size_t line_number = 0;
    while (!text.empty()) {
        std::size_t end = text.find('\n');
        std::string_view raw = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        ++line_number;

        std::string_view line = trim(raw);
        if (line.empty()) {
            finish_record();
            continue;
        }
        if (line.front() == '#') continue;
        if (line.front() == '[' && line.back() == ']') {
            finish_record();
            std::string_view inside = trim(line.substr(1, line.size() - 2));
            std::size_t eq = inside.find('=');
            if (eq == std::string_view::npos) {
                section = std::string(inside);
                attributes.clear();
            } else {
                attributes[std::string(trim(inside.substr(0, eq)))] = std::string(trim(inside.substr(eq + 1)));
            }
            continue;
        }
        std::size_t eq = line.find('=');
        if (eq == std::string_view::npos) {
            // A line that is neither a field nor a header (free text in RFC-derived files):
            // it ends the record, as a blank line would.
            finish_record();
            continue;
        }
        if (!in_record) {
            current.line = line_number;
            current.section = section;
            current.attributes = attributes;
            in_record = true;
        }
        current.fields.emplace_back(std::string(trim(line.substr(0, eq))), std::string(trim(line.substr(eq + 1))));
    }
    finish_record();
    return records;
}

}  // namespace lucid::conformance
