// HOST:PORT and [ADDR:]PORT as the user types them on the command line (no sockets here; the
// sockets are in socket_loop.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "net/endpoint.h"

namespace lucid::tools {

using net::Endpoint;         // {host, port}
using net::format_endpoint;  // "127.0.0.1:4433", "[::1]:4433"

// "example.com:443", "127.0.0.1:4433", "[::1]:4433". Throws UsageError naming `what` ("HOST:PORT")
// for a missing or bad port.
Endpoint parse_host_port(std::string_view text);

// --accept: "PORT", "ADDR:PORT" or "[V6ADDR]:PORT"; without ADDR the server listens on 127.0.0.1
// only (say 0.0.0.0:PORT to serve other machines). PORT 0 picks a free port.
Endpoint parse_accept(std::string_view text);

// true for "127.0.0.1" and "::1" (RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted
// in HostName", so the client sends no server_name for them).
bool is_ip_literal(std::string_view host);

}  // namespace lucid::tools
