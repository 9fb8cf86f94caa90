// RFC 8259 by recursive descent: one function per grammar rule of §2-§7.
#include "conformance/json.h"

#include <cstdint>

#include "crypto/error.h"

namespace lucid::conformance {

std::string_view json_kind_name(JsonValue::Kind kind) {
    switch (kind) {
        case JsonValue::Kind::null: return "null";
        case JsonValue::Kind::boolean: return "boolean";
        case JsonValue::Kind::number: return "number";
        case JsonValue::Kind::string: return "string";
        case JsonValue::Kind::array: return "array";
        case JsonValue::Kind::object: return "object";
    }
    return "?";
}

const std::string& JsonValue::as_string() const {
    if (kind != Kind::string) throw Error("json: expected a string, found " + std::string(json_kind_name(kind)));
    return text;
}

const std::vector<JsonValue>& JsonValue::as_array() const {
    if (kind != Kind::array) throw Error("json: expected an array, found " + std::string(json_kind_name(kind)));
    return items;
}

bool JsonValue::has(std::string_view key) const {
    if (kind != Kind::object) return false;
    for (const JsonMember& m : members) {
        if (m.key == key) return true;
    }
    return false;
}

const JsonValue& JsonValue::at(std::string_view key) const {
    if (kind != Kind::object) {
        throw Error("json: expected an object with \"" + std::string(key) + "\", found " +
                    std::string(json_kind_name(kind)));
    }
    for (const JsonMember& m : members) {
        if (m.key == key) return m.value;
    }
    throw Error("json: object has no member \"" + std::string(key) + "\"");
}

namespace {

constexpr int max_depth = 64;

class Parser {
public:
    explicit Parser(std::string_view text) : text_(text) {}

    JsonValue document() {
        skip_whitespace();
        JsonValue v = value(0);
        skip_whitespace();
        if (pos_ != text_.size()) fail("unexpected text after the value");
        return v;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        std::size_t line = 1, column = 1;
        for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) {
            if (text_[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        throw Error("json: line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what);
    }

    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return at_end() ? '\0' : text_[pos_]; }

    void expect(char c) {
        if (peek() != c || at_end()) fail(std::string("expected '") + c + "'");
        ++pos_;
    }

    // RFC 8259 §2: ws = *( %x20 / %x09 / %x0A / %x0D )
    void skip_whitespace() {
        while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++pos_;
    }

    void literal(std::string_view word) {
        if (text_.substr(pos_, word.size()) != word) fail("unknown literal (expected " + std::string(word) + ")");
        pos_ += word.size();
    }

    // RFC 8259 §3: value = false / null / true / object / array / number / string
    JsonValue value(int depth) {
        if (depth >= max_depth) fail("nesting deeper than " + std::to_string(max_depth));
        JsonValue v;
        switch (peek()) {
            case '{': object(v, depth); break;
            case '[': array(v, depth); break;
            case '"':
                v.kind = JsonValue::Kind::string;
                v.text = string();
                break;
            case 't':
                literal("true");
                v.kind = JsonValue::Kind::boolean;
                v.boolean = true;
                break;
            case 'f':
                literal("false");
                v.kind = JsonValue::Kind::boolean;
                break;
            case 'n': literal("null"); break;
            default:
                if (peek() == '-' || (peek() >= '0' && peek() <= '9')) {
                    v.kind = JsonValue::Kind::number;
                    v.text = number();
                } else {
                    fail(at_end() ? "unexpected end of text" : "a value cannot start here");
                }
        }
        return v;
    }

    // RFC 8259 §4: object = begin-object [ member *( value-separator member ) ] end-object
    void object(JsonValue& v, int depth) {
        v.kind = JsonValue::Kind::object;
        expect('{');
        skip_whitespace();
        if (peek() == '}') {
            ++pos_;
            return;
        }
        while (true) {
            skip_whitespace();
            if (peek() != '"') fail("expected a member name in double quotes");
            std::string key = string();
            for (const JsonMember& m : v.members) {
                if (m.key == key) fail("duplicate member \"" + key + "\"");
            }
            skip_whitespace();
            expect(':');
            skip_whitespace();
            JsonValue member_value = value(depth + 1);
            v.members.push_back(JsonMember{std::move(key), std::move(member_value)});
            skip_whitespace();
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            expect('}');
            return;
        }
    }

    // RFC 8259 §5: array = begin-array [ value *( value-separator value ) ] end-array
    void array(JsonValue& v, int depth) {
        v.kind = JsonValue::Kind::array;
        expect('[');
        skip_whitespace();
        if (peek() == ']') {
            ++pos_;
            return;
        }
        while (true) {
            skip_whitespace();
            v.items.push_back(value(depth + 1));
            skip_whitespace();
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            expect(']');
            return;
        }
    }

    // RFC 8259 §6: number = [ minus ] int [ frac ] [ exp ]; int = zero / ( digit1-9 *DIGIT )
    std::string number() {
        const std::size_t start = pos_;
        auto digits = [&] {
            const std::size_t from = pos_;
            while (peek() >= '0' && peek() <= '9' && !at_end()) ++pos_;
            if (pos_ == from) fail("expected a digit");
        };
        if (peek() == '-') ++pos_;
        if (peek() == '0') {
            ++pos_;
            if (peek() >= '0' && peek() <= '9') fail("a number may not have a leading zero");
        } else {
            digits();
        }
        if (peek() == '.') {
            ++pos_;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            ++pos_;
            if (peek() == '+' || peek() == '-') ++pos_;
            digits();
        }
        return std::string(text_.substr(start, pos_ - start));
    }

    unsigned hex4() {
        unsigned value = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = peek();
            unsigned d;
            if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
            else fail("\\u needs four hex digits");
            value = value * 16 + d;
            ++pos_;
        }
        return value;
    }

    static void append_utf8(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
        } else {
            out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
        }
    }

    // RFC 8259 §7: string = quotation-mark *char quotation-mark, with the escapes it lists.
    std::string string() {
        expect('"');
        std::string out;
        while (true) {
            if (at_end()) fail("unterminated string");
            const char c = text_[pos_];
            if (c == '"') {
                ++pos_;
                return out;
            }
            if (static_cast<unsigned char>(c) < 0x20) fail("control character inside a string");
            if (c != '\\') {
                out.push_back(c);
                ++pos_;
                continue;
            }
            ++pos_;
            const char e = peek();
            ++pos_;
            switch (e) {
                case '"': out.push_back('"'); break;
                case '\\': out.push_back('\\'); break;
                case '/': out.push_back('/'); break;
                case 'b': out.push_back('\b'); break;
                case 'f': out.push_back('\f'); break;
                case 'n': out.push_back('\n'); break;
                case 'r': out.push_back('\r'); break;
                case 't': out.push_back('\t'); break;
                case 'u': {
                    std::uint32_t cp = hex4();
                    if (cp >= 0xd800 && cp <= 0xdbff) {  // a high surrogate needs its low half
                        if (peek() != '\\') fail("unpaired surrogate in \\u escape");
                        ++pos_;
                        if (peek() != 'u') fail("unpaired surrogate in \\u escape");
                        ++pos_;
                        const std::uint32_t low = hex4();
                        if (low < 0xdc00 || low > 0xdfff) fail("unpaired surrogate in \\u escape");
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                    } else if (cp >= 0xdc00 && cp <= 0xdfff) {
                        fail("unpaired surrogate in \\u escape");
                    }
                    append_utf8(out, cp);
                    break;
                }
                default:
                    --pos_;
                    fail("unknown escape in string");
            }
        }
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace

JsonValue parse_json(std::string_view text) { return Parser(text).document(); }

}  // namespace lucid::conformance
