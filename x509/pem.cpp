#include "x509/pem.h"

#include <algorithm>

#include "crypto/ct.h"
#include "x509/error.h"

namespace lucid::x509 {

namespace {

constexpr std::string_view begin_marker = "-----BEGIN ";
constexpr std::string_view end_marker = "-----END ";
constexpr std::string_view dashes = "-----";

// The value of one base64 character (RFC 4648 Table 1), or -1. Computed with masks rather than a
// lookup table, because private keys pass through here and a table indexed by the secret
// character leaks it through the cache (Sieck, "Util::Lookup", 2021). Secret: c. Public: whether
// c is a base64 character at all (a malformed file is reported, and that is not secret).
int base64_value(std::uint8_t c) {
    using namespace ct;
    const std::uint32_t x = c;
    const Mask upper = ge(x, 'A') & le(x, 'Z');
    const Mask lower = ge(x, 'a') & le(x, 'z');
    const Mask digit = ge(x, '0') & le(x, '9');
    const Mask plus = eq(x, '+');
    const Mask slash = eq(x, '/');
    std::uint32_t v = 0;
    v = select(upper, x - 'A', v);
    v = select(lower, x - 'a' + 26, v);
    v = select(digit, x - '0' + 52, v);
    v = select(plus, 62, v);
    v = select(slash, 63, v);
    const Mask valid = upper | lower | digit | plus | slash;
    return valid ? static_cast<int>(v) : -1;
}

char base64_char(std::uint32_t v) {
    using namespace ct;
    // The inverse, with the same care: v is secret when a private key is being written.
    std::uint32_t c = v + 'A';
    c = select(ge(v, 26), v - 26 + 'a', c);
    c = select(ge(v, 52), v - 52 + '0', c);
    c = select(eq(v, 62), '+', c);
    c = select(eq(v, 63), '/', c);
    return static_cast<char>(c);
}

std::string_view strip_cr(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

std::string encode_block(std::string_view label, ByteView der) {
    std::string b64 = base64_encode(der);
    std::string out;
    out.reserve(b64.size() + b64.size() / 64 + 64);
    out += "-----BEGIN " + std::string(label) + "-----\n";
    for (std::size_t i = 0; i < b64.size(); i += 64) {
        out.append(b64, i, 64);
        out.push_back('\n');
    }
    out += "-----END " + std::string(label) + "-----\n";
    ct::wipe(b64.data(), b64.size());
    return out;
}

}  // namespace

// RFC 4648 §4, with the strictness of §3.3 (no characters outside the alphabet) and §3.5
// (canonical: padding bits zero).
Bytes base64_decode(std::string_view text, std::size_t offset_base) {
    Bytes out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t acc = 0;
    unsigned bits = 0;
    std::size_t padding = 0, symbols = 0, last_symbol = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n' || c == '\r') continue;
        if (c == '=') {
            ++padding;
            continue;
        }
        if (padding != 0) {
            throw DecodeError(offset_base + i, "base64: data after '=' padding (RFC 4648 §3.3)");
        }
        const int v = base64_value(static_cast<std::uint8_t>(c));
        if (v < 0) {
            throw DecodeError(offset_base + i, std::string("base64: character '") + (c >= 0x20 && c < 0x7F ? std::string(1, c) : "?") +
                                                   "' is not in the alphabet (RFC 4648 §3.3)");
        }
        last_symbol = i;
        ++symbols;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>(acc >> bits));
        }
    }
    if ((symbols + padding) % 4 != 0 || padding > 2 || (padding != 0 && (symbols % 4) + padding != 4)) {
        throw DecodeError(offset_base + text.size(), "base64: " + std::to_string(symbols) + " characters and " +
                                                         std::to_string(padding) +
                                                         " '=' do not make whole groups of four (RFC 4648 §4)");
    }
    if (bits != 0 && (acc & ((1u << bits) - 1)) != 0) {
        throw DecodeError(offset_base + last_symbol, "base64: the unused bits of the last character are not zero, so "
                                                     "this is not the one canonical encoding (RFC 4648 §3.5)");
    }
    ct::wipe(&acc, sizeof acc);
    return out;
}

std::string base64_encode(ByteView data) {
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= data.size(); i += 3) {
        const std::uint32_t n = (static_cast<std::uint32_t>(data[i]) << 16) | (static_cast<std::uint32_t>(data[i + 1]) << 8) | data[i + 2];
        for (int shift = 18; shift >= 0; shift -= 6) out.push_back(base64_char((n >> shift) & 63));
    }
    const std::size_t rest = data.size() - i;
    if (rest == 1) {
        const std::uint32_t n = static_cast<std::uint32_t>(data[i]) << 16;
        out.push_back(base64_char((n >> 18) & 63));
        out.push_back(base64_char((n >> 12) & 63));
        out += "==";
    } else if (rest == 2) {
        const std::uint32_t n = (static_cast<std::uint32_t>(data[i]) << 16) | (static_cast<std::uint32_t>(data[i + 1]) << 8);
        out.push_back(base64_char((n >> 18) & 63));
        out.push_back(base64_char((n >> 12) & 63));
        out.push_back(base64_char((n >> 6) & 63));
        out.push_back('=');
    }
    return out;
}

bool looks_like_pem(ByteView data) {
    std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
    return text.find(begin_marker) != std::string_view::npos;
}

std::string neither_pem_nor_der(ByteView data) {
    if (data.empty()) return "neither PEM nor DER: the file is empty";
    if (looks_like_pem(data)) return "";
    // DER starts with an identifier octet and a length, and its content is binary: a certificate
    // starts 30 82, and 0x82 cannot begin a UTF-8 character. Text is: tabs, line ends, printable
    // ASCII and well-formed UTF-8 (RFC 3629 §4), judged on the first 64 bytes.
    const std::size_t n = std::min<std::size_t>(data.size(), 64);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t b = data[i];
        if (b == '\t' || b == '\n' || b == '\r' || (b >= 0x20 && b < 0x7f)) continue;
        const std::size_t continuation = (b & 0xe0) == 0xc0 ? 1 : (b & 0xf0) == 0xe0 ? 2 : (b & 0xf8) == 0xf0 ? 3 : 0;
        if (continuation == 0 || b == 0xc0 || b == 0xc1) return "";
        for (std::size_t k = 1; k <= continuation && i + k < n; ++k) {
            if ((data[i + k] & 0xc0) != 0x80) return "";
        }
        i += continuation;
    }
    static const char digits[] = "0123456789abcdef";
    std::string first = "0x";
    first += digits[data[0] >> 4];
    first += digits[data[0] & 15];
    return "neither PEM (no \"-----BEGIN\" line) nor DER (it is text: the first byte " + first + " '" +
           std::string(1, static_cast<char>(data[0])) + "' does not start a DER element of X.690 here)";
}

// RFC 7468 §2 and §3 (the "strict" grammar for the encapsulation boundaries; base64 lines of any
// length up to the END line, since §3 asks parsers to be lenient only about line length).
std::vector<PemBlock> pem_decode_all(std::string_view text) {
    std::vector<PemBlock> blocks;
    std::size_t pos = 0, line_number = 0;
    bool inside = false;
    PemBlock current;
    std::size_t body_start = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        const std::string_view line = strip_cr(text.substr(pos, eol - pos));
        const std::size_t line_start = pos;
        ++line_number;
        pos = eol + 1;
        const std::string where = " (line " + std::to_string(line_number) + ")";
        if (!inside) {
            if (line.rfind(begin_marker, 0) != 0) continue;  // text outside blocks is ignored
            if (line.size() < begin_marker.size() + dashes.size() || line.substr(line.size() - dashes.size()) != dashes) {
                throw DecodeError(line_start, "PEM: BEGIN line does not end in '-----'" + where);
            }
            current = PemBlock{};
            current.label = std::string(line.substr(begin_marker.size(), line.size() - begin_marker.size() - dashes.size()));
            current.line = line_number;
            body_start = pos;
            inside = true;
            continue;
        }
        if (line.rfind(end_marker, 0) == 0) {
            const std::string expected = std::string(end_marker) + current.label + std::string(dashes);
            if (line != expected) {
                throw DecodeError(line_start, "PEM: '" + std::string(line) + "' does not close '-----BEGIN " +
                                                  current.label + "-----' of line " + std::to_string(current.line) + where);
            }
            const std::size_t body_end = line_start;
            current.der = base64_decode(text.substr(body_start, body_end - body_start), body_start);
            if (current.der.empty()) throw DecodeError(body_start, "PEM: empty block '" + current.label + "'" + where);
            blocks.push_back(std::move(current));
            inside = false;
            continue;
        }
        if (line.find(':') != std::string_view::npos) {
            throw DecodeError(line_start, "PEM: header line '" + std::string(line) + "'" + where +
                                              ": RFC 1421 headers (as in an encrypted legacy key) are not supported");
        }
        if (line.rfind(begin_marker, 0) == 0) {
            throw DecodeError(line_start, "PEM: BEGIN inside the block '" + current.label + "' of line " +
                                              std::to_string(current.line) + where);
        }
    }
    if (inside) {
        throw DecodeError(text.size(), "PEM: no END line for '-----BEGIN " + current.label + "-----' of line " +
                                           std::to_string(current.line));
    }
    return blocks;
}

std::string pem_encode(std::string_view label, ByteView der) { return encode_block(label, der); }

SecretBytes pem_encode_secret(std::string_view label, ByteView der) {
    std::string text = encode_block(label, der);
    SecretBytes out(as_bytes(text));
    ct::wipe(text.data(), text.size());
    return out;
}

}  // namespace lucid::x509
