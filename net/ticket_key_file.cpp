// The ticket key file of `lucid server --ticket-key-file` (format in ticket_key_file.h).
#include "net/ticket_key_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "crypto/error.h"
#include "crypto/hex.h"

namespace lucid::net {

using handshake::TicketKey;

SecretBytes format_ticket_keys(const std::vector<TicketKey>& keys) {
    std::string text = "# lucidtls session-ticket keys (lucid server --ticket-key-file; RFC 5077 §4).\n"
                       "# SECRET: these keys decrypt every ticket. Keep this file private (mode 0600).\n"
                       "# Key = key_name aes128_key hmac_sha256_key; the first one issues tickets.\n"
                       "Format = " + std::string(ticket_key_file_format) + "\n";
    for (const TicketKey& k : keys) {
        text += "Key = " + to_hex(k.name) + " " + to_hex(k.aes_key.view()) + " " + to_hex(k.hmac_key.view()) + "\n";
    }
    SecretBytes out = SecretBytes::adopt(Bytes(text.begin(), text.end()));
    std::fill(text.begin(), text.end(), '\0');
    return out;
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// "name aes hmac" -> a key; `where` names the line in errors.
TicketKey parse_key(std::string_view value, const std::string& where) {
    std::vector<Bytes> parts;
    while (!(value = trim(value)).empty()) {
        const std::size_t end = std::min(value.find_first_of(" \t"), value.size());
        try {
            parts.push_back(from_hex(value.substr(0, end)));
        } catch (const Error& e) {
            throw Error(where + ": " + e.what());
        }
        value.remove_prefix(end);
    }
    if (parts.size() != 3 || parts[0].size() != handshake::ticket_key_name_length ||
        parts[1].size() != handshake::ticket_aes_key_length || parts[2].size() != handshake::ticket_hmac_key_length) {
        throw Error(where + ": expected 'Key = <16-byte name> <16-byte AES key> <32-byte HMAC key>' in hex");
    }
    TicketKey key;
    std::copy(parts[0].begin(), parts[0].end(), key.name.begin());
    key.aes_key = SecretBytes::adopt(std::move(parts[1]));
    key.hmac_key = SecretBytes::adopt(std::move(parts[2]));
    return key;
}

}  // namespace

std::vector<TicketKey> parse_ticket_keys(ByteView bytes) {
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    std::vector<TicketKey> keys;
    bool format_seen = false;
    std::size_t pos = 0, line_number = 0;
    while (pos < text.size()) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        const std::string_view line = trim(text.substr(pos, end - pos));
        pos = end + 1;
        const std::string where = "ticket keys, line " + std::to_string(++line_number);
        if (line.empty() || line.front() == '#') continue;
        const std::size_t eq = line.find('=');
        if (eq == std::string_view::npos) throw Error(where + ": expected 'Key = value'");
        const std::string_view key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
        if (key == "Format") {
            if (value != ticket_key_file_format) {
                throw Error(where + ": unknown format '" + std::string(value) + "' (expected " + std::string(ticket_key_file_format) + ")");
            }
            format_seen = true;
        } else if (key == "Key") {
            keys.push_back(parse_key(value, where));
        } else {
            throw Error(where + ": unknown key '" + std::string(key) + "'");
        }
    }
    if (!format_seen) throw Error("ticket keys: the Format line is missing");
    if (keys.empty()) throw Error("ticket keys: no Key line");
    return keys;
}

namespace {

// Writes a new file at `path` with mode 0600 unless one exists: written to a temporary name, then
// linked into place (link() fails if the name exists), so no reader ever sees half a file.
bool create_exclusively(const std::string& path, ByteView data) {
    const std::string temporary = path + ".tmp." + std::to_string(::getpid());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw Error("--ticket-key-file " + path + ": cannot create: " + std::strerror(errno));
    const bool written = ::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size());
    ::close(fd);
    const bool linked = written && ::link(temporary.c_str(), path.c_str()) == 0;
    const int link_errno = errno;
    ::unlink(temporary.c_str());
    if (!written) throw Error("--ticket-key-file " + path + ": cannot write the new file");
    if (!linked && link_errno != EEXIST) throw Error("--ticket-key-file " + path + ": cannot create: " + std::strerror(link_errno));
    return linked;
}

}  // namespace

std::vector<TicketKey> load_or_create_ticket_keys(const std::string& path, crypto::RandomSource& random, bool& created) {
    created = false;
    if (::access(path.c_str(), F_OK) != 0) {
        const std::vector<TicketKey> fresh = [&] {
            std::vector<TicketKey> keys;
            keys.push_back(TicketKey::generate(random, 0));
            return keys;
        }();
        if (create_exclusively(path, format_ticket_keys(fresh).view())) {
            created = true;
            std::vector<TicketKey> copy;
            for (const TicketKey& k : fresh) copy.push_back(k.clone());
            return copy;
        }
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("--ticket-key-file " + path + ": cannot read: " + std::strerror(errno));
    SecretBytes text = SecretBytes::adopt(Bytes(std::istreambuf_iterator<char>(in), {}));
    try {
        return parse_ticket_keys(text.view());
    } catch (const Error& e) {
        throw Error("--ticket-key-file " + path + ": " + e.what());
    }
}

}  // namespace lucid::net
