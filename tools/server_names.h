// `lucid server` flags for server name indication (RFC 6066 §3), spelled as `openssl s_server`
// spells them: --servername NAME --cert2 F --key2 F serve a second certificate to clients that ask
// for NAME; --sni-cert NAME:CERT:KEY is the repeatable form (one per name, beside it or instead);
// --strict-sni answers a name no certificate serves with a fatal unrecognized_name (s_server's
// -servername_fatal).
#pragma once

#include <vector>

#include "handshake/engine.h"
#include "tools/args.h"

namespace lucid::tools {

std::vector<FlagSpec> server_name_flags();

// Fills config.named_credentials and strict_server_name; UsageError naming the flag otherwise.
void load_server_names(const Args& args, handshake::ServerConfig& config);

}  // namespace lucid::tools
