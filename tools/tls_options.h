// The flags `lucid client` and `lucid server` share (--cipher, --alpn, --trace, --show-secrets,
// --keylog, --seed, --timeout), parsed once into the shape the engines take (handshake/engine.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crypto/bytes.h"
#include "handshake/cipher_suites.h"
#include "tools/args.h"
#include "tools/protocol_options.h"
#include "tools/socket_loop.h"

namespace lucid::tools {

struct TlsOptions {
    std::vector<handshake::CipherSuite> cipher_suites;  // empty: the engine's defaults
    std::vector<std::string> alpn_protocols;            // RFC 7301, preference order
    std::optional<std::vector<std::uint16_t>> ffdhe_groups;  // --ffdhe-groups (RFC 7919); "none": empty
    bool lab_anonymous = false;                         // --lab-anonymous: TLS_DH_anon allowed (INSECURE)
    bool trace = false;                                 // --trace (implied by --show-secrets)
    bool show_secrets = false;
    std::optional<std::string> keylog;                  // --keylog FILE
    std::optional<std::string> html;                    // --html FILE (tools/trace_html.h)
    std::optional<Bytes> seed;                          // --seed HEX (deterministic mode)
    Timeouts timeouts;                                  // --timeout SECONDS sets handshake and idle
    bool full = false;                                  // --full: no value is cut (implies --trace)
    bool encrypt_then_mac = true;                       // RFC 7366; --no-etm turns it off
    bool require_ems = false;                           // --require-ems (RFC 7627 §5.2)
    ProtocolOptions protocol;                           // --min-protocol, --tls1 ... (protocol_options.h)
};

// The flag declarations, for a Command's flag list.
std::vector<FlagSpec> tls_flags();

// Throws UsageError naming the flag: an unknown cipher suite, an empty ALPN name, bad hex...
TlsOptions parse_tls_options(const Args& args);

// A positive number of seconds ("30", "0.5"), or UsageError naming the flag.
Milliseconds parse_seconds(const Args& args, std::string_view flag, Milliseconds fallback);

// The whole file, or UsageError "cannot read --FLAG FILE: reason".
std::string read_text_file(const std::string& path, std::string_view flag);

}  // namespace lucid::tools
