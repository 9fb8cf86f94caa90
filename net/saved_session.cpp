// The saved-session file of `lucid client --sess-out/--sess-in` (format in saved_session.h).
#include "net/saved_session.h"

#include <charconv>
#include <set>
#include <string>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "handshake/cipher_suites.h"
#include "handshake/key_schedule.h"

namespace lucid::net {

using handshake::cipher_suite_label;
using handshake::master_secret_length;
using handshake::SessionState;

namespace {

std::string hex4(std::uint16_t v) {
    static const char digits[] = "0123456789abcdef";
    std::string out(4, '0');
    for (int i = 3; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = digits[v & 0xF];
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// The value up to the first space: "0033 TLS_DHE_RSA_WITH_AES_128_CBC_SHA" -> "0033".
std::string_view first_word(std::string_view s) { return s.substr(0, s.find_first_of(" \t")); }

}  // namespace

SecretBytes format_saved_session(const SessionState& s) {
    std::string text;
    text += "# lucidtls saved TLS session (lucid client --sess-out; read back with --sess-in).\n";
    text += "# SECRET: MasterSecret below decrypts every connection of this session and lets anyone\n";
    text += "# resume it. Keep this file private (written with mode 0600) and delete it after use.\n";
    text += "Format = " + std::string(saved_session_format) + "\n";
    text += "ServerName = " + s.server_name + "\n";
    text += "Version = " + hex4(s.version) + "\n";
    text += "CipherSuite = " + hex4(s.cipher_suite) + " " + cipher_suite_label(s.cipher_suite) + "\n";
    if (!s.session_id.empty()) text += "SessionId = " + to_hex(s.session_id) + "\n";
    if (!s.ticket.empty()) {
        text += "Ticket = " + to_hex(s.ticket) + "\n";
        text += "TicketLifetimeHint = " + std::to_string(s.ticket_lifetime_hint) + "\n";
    }
    text += std::string("ExtendedMasterSecret = ") + (s.extended_master_secret ? "yes" : "no") + "\n";
    text += std::string("EncryptThenMac = ") + (s.encrypt_then_mac ? "yes" : "no") + "\n";
    text += "Created = " + std::to_string(s.created) + "\n";
    text += std::string("PeerVerified = ") + (s.peer_verified ? "yes" : "no") + "\n";
    for (const Bytes& cert : s.peer_certificates) text += "PeerCertificate = " + to_hex(cert) + "\n";
    // The secret goes straight into wiped memory: the public text first, then the hex digits.
    const std::string label = "MasterSecret = ";
    SecretBytes out(text.size() + label.size() + 2 * s.master_secret.size() + 1);
    MutableByteView w = out.mutable_view();
    std::copy(text.begin(), text.end(), w.begin());
    std::copy(label.begin(), label.end(), w.begin() + static_cast<std::ptrdiff_t>(text.size()));
    static const char digits[] = "0123456789abcdef";
    std::size_t at = text.size() + label.size();
    for (std::uint8_t b : s.master_secret.view()) {
        w[at++] = static_cast<std::uint8_t>(digits[b >> 4]);
        w[at++] = static_cast<std::uint8_t>(digits[b & 0xF]);
    }
    w[at] = '\n';
    return out;
}

namespace {

// Reads the values of one saved-session file; errors name the line.
struct SavedSessionReader {
    std::size_t line_number = 0;

    Error fail(const std::string& why) const {
        return Error("saved session, line " + std::to_string(line_number) + ": " + why);
    }
    Bytes hex(std::string_view value, std::string_view key) const {
        try {
            return from_hex(value);
        } catch (const Error& e) {
            throw fail(std::string(key) + ": " + e.what());
        }
    }
    bool yes_no(std::string_view value, std::string_view key) const {
        if (value == "yes") return true;
        if (value == "no") return false;
        throw fail(std::string(key) + ": expected yes or no, got '" + std::string(value) + "'");
    }
    std::uint16_t u16_hex(std::string_view value, std::string_view key) const {
        const Bytes b = hex(first_word(value), key);
        if (b.size() != 2) throw fail(std::string(key) + ": expected 4 hex digits");
        return static_cast<std::uint16_t>(b[0] << 8 | b[1]);
    }
    void set(SessionState& s, const std::string& key, std::string_view value) const;
};

void SavedSessionReader::set(SessionState& s, const std::string& key, std::string_view value) const {
    if (key == "Format") {
        if (value != saved_session_format) {
            throw fail("unknown format '" + std::string(value) + "' (expected " + std::string(saved_session_format) + ")");
        }
    } else if (key == "ServerName") {
        s.server_name = std::string(value);
    } else if (key == "Version") {
        s.version = u16_hex(value, key);
        if (s.version != 0x0303) throw fail("Version: only TLS 1.2 (0303) sessions exist in lucidtls");
    } else if (key == "CipherSuite") {
        s.cipher_suite = u16_hex(value, key);
    } else if (key == "SessionId") {
        s.session_id = hex(value, key);
        if (s.session_id.empty() || s.session_id.size() > 32) {
            throw fail("SessionId: 1 to 32 bytes (RFC 5246 §7.4.1.2), got " + std::to_string(s.session_id.size()));
        }
    } else if (key == "ExtendedMasterSecret") {
        s.extended_master_secret = yes_no(value, key);
    } else if (key == "EncryptThenMac") {
        s.encrypt_then_mac = yes_no(value, key);  // RFC 7366 §3.1; absent in older files: no
    } else if (key == "Created") {
        const char* last = value.data() + value.size();
        const auto [ptr, ec] = std::from_chars(value.data(), last, s.created);
        if (ec != std::errc() || ptr != last || value.empty()) throw fail("Created: expected Unix seconds");
    } else if (key == "Ticket") {
        s.ticket = hex(value, key);
        if (s.ticket.empty() || s.ticket.size() > 0xFFFF) throw fail("Ticket: 1 to 65535 bytes (RFC 5077 §3.3)");
    } else if (key == "TicketLifetimeHint") {
        std::uint64_t hint = 0;
        const char* last = value.data() + value.size();
        const auto [ptr, ec] = std::from_chars(value.data(), last, hint);
        if (ec != std::errc() || ptr != last || value.empty() || hint > 0xFFFFFFFF) {
            throw fail("TicketLifetimeHint: expected seconds (uint32)");
        }
        s.ticket_lifetime_hint = static_cast<std::uint32_t>(hint);
    } else if (key == "PeerVerified") {
        s.peer_verified = yes_no(value, key);
    } else if (key == "PeerCertificate") {
        s.peer_certificates.push_back(hex(value, key));
    } else if (key == "MasterSecret") {
        s.master_secret = SecretBytes::adopt(hex(value, key));
        if (s.master_secret.size() != master_secret_length) {
            throw fail("MasterSecret: expected 48 bytes, got " + std::to_string(s.master_secret.size()));
        }
    } else {
        throw fail("unknown key '" + key + "'");
    }
}

}  // namespace

SessionState parse_saved_session(ByteView bytes) {
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    SessionState s;
    std::set<std::string> seen;
    SavedSessionReader reader;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        const std::string_view line = trim(text.substr(pos, end - pos));
        pos = end + 1;
        ++reader.line_number;
        if (line.empty() || line.front() == '#') continue;
        const std::size_t eq = line.find('=');
        if (eq == std::string_view::npos) throw reader.fail("expected 'Key = value'");
        const std::string key(trim(line.substr(0, eq)));
        if (key != "PeerCertificate" && !seen.insert(key).second) throw reader.fail("'" + key + "' appears twice");
        reader.set(s, key, trim(line.substr(eq + 1)));
    }
    for (const char* required : {"Format", "Version", "CipherSuite", "MasterSecret", "Created"}) {
        if (seen.count(required) == 0) throw Error("saved session: the " + std::string(required) + " line is missing");
    }
    // RFC 5077 §3.4: a session is named by its ID or by its ticket.
    if (seen.count("SessionId") == 0 && seen.count("Ticket") == 0) {
        throw Error("saved session: the SessionId line is missing (and there is no Ticket line)");
    }
    return s;
}

}  // namespace lucid::net
