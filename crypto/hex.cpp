#include "crypto/hex.h"

#include "crypto/error.h"

namespace lucid {

namespace {

int hex_digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string describe_char(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7f) return std::string("'") + c + "'";
    static const char digits[] = "0123456789abcdef";
    return std::string("byte 0x") + digits[u >> 4] + digits[u & 15];
}

}  // namespace

std::string to_hex(ByteView bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (std::uint8_t b : bytes) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 15]);
    }
    return out;
}

Bytes from_hex(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (hex_digit_value(text[i]) < 0) {
            throw Error("hex: " + describe_char(text[i]) + " at position " + std::to_string(i) +
                        " is not a hex digit");
        }
    }
    if (text.size() % 2 != 0) {
        throw Error("hex: odd number of digits (" + std::to_string(text.size()) +
                    "); each byte needs two");
    }
    Bytes out(text.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = static_cast<std::uint8_t>(hex_digit_value(text[2 * i]) * 16 +
                                           hex_digit_value(text[2 * i + 1]));
    }
    return out;
}

std::string hex_without_separators(std::string_view text) {
    std::string digits;
    digits.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ' ' || c == ':' || c == '\t' || c == '\n' || c == '\r') {
            if (digits.size() % 2 != 0) {
                throw Error("hex: " + describe_char(c) + " at position " + std::to_string(i) +
                            " splits a byte (separators may only stand between pairs of digits)");
            }
            continue;
        }
        if (hex_digit_value(c) < 0) {
            throw Error("hex: " + describe_char(c) + " at position " + std::to_string(i) + " is not a hex digit");
        }
        digits.push_back(c);
    }
    return digits;
}

Bytes from_hex_separated(std::string_view text) { return from_hex(hex_without_separators(text)); }

}  // namespace lucid
