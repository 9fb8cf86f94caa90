// A small, strict JSON reader (RFC 8259) for vector files published as JSON.
//
// Strict means: exactly one value, nothing after it but whitespace; no comments, no trailing
// commas, no single quotes, no leading zeros, no duplicate keys in one object, no control
// characters inside strings, nesting at most 64 deep. A file that breaks a rule is rejected with
// the line and column, never half-read. Numbers are kept as the text that was written, since vector
// files use them as counts and names, not for arithmetic.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lucid::conformance {

struct JsonMember;

class JsonValue {
public:
    enum class Kind { null, boolean, number, string, array, object };

    Kind kind = Kind::null;
    bool boolean = false;
    std::string text;                 // a string, decoded; a number, as written
    std::vector<JsonValue> items;     // an array's elements, in order
    std::vector<JsonMember> members;  // an object's members, in file order

    bool is_null() const { return kind == Kind::null; }
    // Each throws lucid::Error naming what was expected and what was found.
    const std::string& as_string() const;
    const std::vector<JsonValue>& as_array() const;
    const JsonValue& at(std::string_view key) const;  // an object's member
    bool has(std::string_view key) const;
};

struct JsonMember {
    std::string key;
    JsonValue value;
};

// "null", "string", ...: for error messages.
std::string_view json_kind_name(JsonValue::Kind kind);

// Throws lucid::Error("json: line L, column C: ...") on anything that is not strict JSON.
JsonValue parse_json(std::string_view text);

}  // namespace lucid::conformance
