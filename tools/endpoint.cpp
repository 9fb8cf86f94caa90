#include "tools/endpoint.h"

#include <arpa/inet.h>

#include <charconv>

#include "tools/args.h"

namespace lucid::tools {

namespace {

std::uint16_t parse_port(std::string_view text, std::string_view whole, bool zero_allowed) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value > 65535 ||
        (value == 0 && !zero_allowed)) {
        throw UsageError("bad port '" + std::string(text) + "' in '" + std::string(whole) +
                         "' (a number from " + (zero_allowed ? "0" : "1") + " to 65535)");
    }
    return static_cast<std::uint16_t>(value);
}

// Splits "host:port" / "[v6]:port"; host may come back empty ("[]:1" or ":1").
bool split_host_port(std::string_view text, std::string_view& host, std::string_view& port) {
    if (!text.empty() && text.front() == '[') {
        const std::size_t close = text.find(']');
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') return false;
        host = text.substr(1, close - 1);
        port = text.substr(close + 2);
        return true;
    }
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return false;
    host = text.substr(0, colon);
    if (host.find(':') != std::string_view::npos) return false;  // a bare IPv6 address: needs [ ]
    port = text.substr(colon + 1);
    return true;
}

}  // namespace

Endpoint parse_host_port(std::string_view text) {
    std::string_view host, port;
    if (!split_host_port(text, host, port) || host.empty()) {
        throw UsageError("expected HOST:PORT (for example localhost:4433 or [::1]:4433), got '" +
                         std::string(text) + "'");
    }
    return {std::string(host), parse_port(port, text, false)};
}

Endpoint parse_accept(std::string_view text) {
    std::string_view host, port;
    if (!split_host_port(text, host, port)) return {"127.0.0.1", parse_port(text, text, true)};
    if (host.empty()) throw UsageError("--accept: empty address in '" + std::string(text) + "'");
    return {std::string(host), parse_port(port, text, true)};
}

bool is_ip_literal(std::string_view host) {
    const std::string h(host);
    unsigned char buffer[sizeof(struct in6_addr)];
    return inet_pton(AF_INET, h.c_str(), buffer) == 1 || inet_pton(AF_INET6, h.c_str(), buffer) == 1;
}

}  // namespace lucid::tools
