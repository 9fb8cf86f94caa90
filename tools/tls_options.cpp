#include "tools/tls_options.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "handshake/anonymous_lab.h"
#include "handshake/ffdhe_negotiation.h"

namespace lucid::tools {

std::vector<FlagSpec> tls_flags() {
    std::vector<FlagSpec> flags = {
        {"cipher", true, "cipher suites in preference order, ':' or ',' separated, IANA or OpenSSL names"},
        {"ffdhe-groups", true, "RFC 7919 groups for DHE suites, ':' separated (ffdhe2048 ... ffdhe8192; default all five; client: none = list none, as before RFC 7919)"},
        {"lab-anonymous", false, "INSECURE, labs only: allow the TLS_DH_anon suites named in --cipher (no certificate, no signature)"},
        {"alpn", true, "application protocols (RFC 7301), ',' separated, e.g. http/1.1"},
        {"trace", false, "explain every record, message and derivation on stderr"},
        {"show-secrets", false, "with --trace: also print premaster, master secret and keys (teaching only)"},
        {"keylog", true, "append CLIENT_RANDOM lines (NSS key log format) to this file"},
        {"html", true, "write the illustrated page of the connection (one self-contained HTML file) here"},
        {"seed", true, "deterministic mode: HMAC_DRBG seeded with these hex bytes and a fixed clock"},
        {"timeout", true, "seconds allowed for the handshake and for silence after it (default 30 and 60)"},
        {"no-etm", false, "do not offer or accept encrypt-then-MAC (RFC 7366) for CBC suites"},
        {"require-ems", false, "refuse a peer without extended_master_secret (RFC 7627 §5.2)"},
        {"full", false, "with --trace: print every value whole (certificates, DH values); --show-secrets does too"},
    };
    for (const FlagSpec& f : protocol_flags()) flags.push_back(f);
    return flags;
}

Milliseconds parse_seconds(const Args& args, std::string_view flag, Milliseconds fallback) {
    const auto text = args.value(flag);
    if (!text) return fallback;
    double seconds = 0;
    std::istringstream in(*text);
    in >> seconds;
    if (!in || !in.eof() || !std::isfinite(seconds) || seconds <= 0 || seconds > 86400) {
        throw UsageError("--" + std::string(flag) + ": expected a number of seconds (0 < s <= 86400), got '" +
                         *text + "'");
    }
    return Milliseconds(static_cast<long long>(std::ceil(seconds * 1000)));
}

TlsOptions parse_tls_options(const Args& args) {
    TlsOptions o;
    if (const auto list = args.value("cipher")) {
        try {
            o.cipher_suites = handshake::parse_cipher_list(*list);
        } catch (const UsageError&) {
            throw;
        } catch (const Error& e) {
            throw UsageError(std::string("--cipher: ") + e.what());
        }
    }
    // The anonymous lab (handshake/anonymous_lab.h): DH_anon suites only when the flag says so.
    o.lab_anonymous = args.has("lab-anonymous");
    try {
        handshake::require_lab_flag_for_anonymous_suites(o.cipher_suites, o.lab_anonymous);
    } catch (const Error& e) {
        throw UsageError(std::string("--cipher: ") + e.what());
    }
    if (const auto list = args.value("ffdhe-groups")) {
        try {
            o.ffdhe_groups = *list == "none" ? std::vector<std::uint16_t>{} : handshake::parse_ffdhe_group_list(*list);
        } catch (const Error& e) {
            throw UsageError(std::string("--ffdhe-groups: ") + e.what());
        }
    }
    if (const auto list = args.value("alpn")) {
        std::string_view rest = *list;
        while (true) {
            const std::size_t comma = rest.find(',');
            const std::string_view name = rest.substr(0, comma);
            // RFC 7301 §3.1: opaque ProtocolName<1..2^8-1>
            if (name.empty() || name.size() > 255) {
                throw UsageError("--alpn: each protocol name must have 1 to 255 bytes (got '" + *list + "')");
            }
            o.alpn_protocols.emplace_back(name);
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
    }
    o.show_secrets = args.has("show-secrets");
    o.html = args.value("html");
    if (o.html && o.html->empty()) throw UsageError("--html: empty file name");
    o.trace = args.has("trace") || (o.show_secrets && !o.html);  // --show-secrets goes to the page
    o.keylog = args.value("keylog");
    if (o.keylog && o.keylog->empty()) throw UsageError("--keylog: empty file name");
    if (args.has("seed")) {
        o.seed = args.hex("seed");
        if (o.seed->empty()) throw UsageError("--seed: give at least one byte of hex");
    }
    if (args.has("timeout")) {
        o.timeouts.handshake = o.timeouts.idle = parse_seconds(args, "timeout", o.timeouts.handshake);
    }
    o.encrypt_then_mac = !args.has("no-etm");
    o.require_ems = args.has("require-ems");
    o.full = args.has("full");  // implies --trace: it is about the trace
    if (o.full) o.trace = true;
    o.protocol = parse_protocol_options(args);
    return o;
}

std::string read_text_file(const std::string& path, std::string_view flag) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw UsageError("cannot read --" + std::string(flag) + " " + path + ": " + std::strerror(errno));
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace lucid::tools
