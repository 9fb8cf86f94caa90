#include "conformance/rsa_labs_text.h"

#include "conformance/rsp_reader.h"
#include "crypto/error.h"
#include "crypto/hex.h"

namespace lucid::conformance {

std::vector<RsaLabsValue> parse_rsa_labs_text(std::string_view text) {
    std::vector<RsaLabsValue> values;
    bool in_value = false;
    std::size_t line_number = 0;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        const std::string_view line = trim(text.substr(0, end));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        ++line_number;

        if (line.empty()) {
            in_value = false;
            continue;
        }
        if (line.front() == '#') {
            // "# Label:" starts a value; any other comment ends the one before.
            const std::string_view body = trim(line.substr(1));
            in_value = false;
            // "# Example 1: A 1024-bit RSA key pair" has text after the colon: a key header.
            const std::size_t colon = body.find(':');
            if (colon == std::string_view::npos) continue;
            const std::string_view after = trim(body.substr(colon + 1));
            const std::string label(trim(body.substr(0, colon)));
            if (!after.empty() && label.rfind("Example", 0) != 0) continue;
            values.push_back({line_number, label, {}});
            in_value = after.empty();
            continue;
        }
        if (!in_value) continue;  // preamble text
        std::string digits;
        for (char c : line) {
            if (c != ' ' && c != '\t') digits.push_back(c);
        }
        try {
            append(values.back().bytes, from_hex(digits));
        } catch (const Error& e) {
            throw Error("line " + std::to_string(line_number) + ": " + e.what());
        }
    }
    return values;
}

bool RsaLabsKeys::take(const RsaLabsValue& value) {
    const std::string& label = value.label;
    if (label.rfind("Example", 0) == 0) {
        fields_.clear();
        return true;
    }
    if (label == "Exponent") {
        // The public part's "Exponent" is e; in the private part, after "Public exponent", it is d.
        fields_[fields_.count("Public exponent") != 0 ? "d" : "e"] = value.bytes;
        return true;
    }
    static const char* const names[] = {"Modulus",          "Public exponent",  "Prime 1", "Prime 2",
                                        "Prime exponent 1", "Prime exponent 2", "Coefficient"};
    bool known = false;
    for (const char* name : names) known = known || label == name;
    if (!known) return false;
    fields_[label] = value.bytes;
    if (label != "Coefficient") return true;

    auto field = [&](const std::string& name) -> const Bytes& {
        auto it = fields_.find(name);
        if (it == fields_.end()) {
            throw Error("line " + std::to_string(value.line) + ": key without '" + name + "'");
        }
        return it->second;
    };
    if (field("e") != field("Public exponent")) {
        throw Error("line " + std::to_string(value.line) + ": public and private exponents e differ");
    }
    try {
        key_.emplace(crypto::RsaPrivateKey::from_components(field("Modulus"), field("e"), field("d"), field("Prime 1"),
                                                            field("Prime 2"), field("Prime exponent 1"),
                                                            field("Prime exponent 2"), field("Coefficient")));
    } catch (const Error& e) {
        throw Error("line " + std::to_string(value.line) + ": " + e.what());
    }
    return true;
}

const crypto::RsaPrivateKey& RsaLabsKeys::key() const {
    if (!key_) throw Error("a test case comes before any complete key");
    return *key_;
}

}  // namespace lucid::conformance
