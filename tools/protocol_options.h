// The protocol-version flags `lucid client` and `lucid server` share, with OpenSSL's spellings:
// --min-protocol / --max-protocol TLSv1 | TLSv1.1 | TLSv1.2, and --tls1, --tls1_1, --tls1_2 for
// exactly one version (as `openssl s_client -tls1_1`). Default: TLS 1.2 only (RFC 8996).
#pragma once

#include <string>
#include <vector>

#include "handshake/protocol_versions.h"
#include "tools/args.h"

namespace lucid::tools {

std::vector<FlagSpec> protocol_flags();

struct ProtocolOptions {
    handshake::VersionRange versions;  // default TLS 1.2 only
    // Non-empty when the range reaches below TLS 1.2: the RFC 8996 warning to print on stderr.
    std::string warning;
};

// Throws UsageError naming the flag: an unknown version name, two shorthands, min above max.
ProtocolOptions parse_protocol_options(const Args& args);

}  // namespace lucid::tools
