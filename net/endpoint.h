// Where a TCP connection goes or where a server listens: a host (a name or an address literal)
// and a port. Parsing what a user types (HOST:PORT) is the tools' business (tools/endpoint.h).
#pragma once

#include <cstdint>
#include <string>

namespace lucid::net {

struct Endpoint {
    std::string host;        // a name ("localhost") or an address literal ("127.0.0.1", "::1")
    std::uint16_t port = 0;  // 0 = let the kernel choose (listening only)
};

// "127.0.0.1:4433", "[::1]:4433"
std::string format_endpoint(const Endpoint& e);

}  // namespace lucid::net
