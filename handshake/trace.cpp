#include "handshake/trace.h"

#include <array>

namespace lucid::handshake {

std::string_view direction_name(Direction d) { return d == Direction::sent ? "sent" : "received"; }

namespace {

// RFC 5246 §7.3, Figure 1, for the RSA key exchange (no ServerKeyExchange, no client certificate).
constexpr std::array<WalkthroughStep, 12> steps = {{
    {1, "ClientHello", "client", "RFC 5246 §7.4.1.2"},
    {2, "ServerHello", "server", "RFC 5246 §7.4.1.3"},
    {3, "Certificate", "server", "RFC 5246 §7.4.2"},
    {4, "ServerHelloDone", "server", "RFC 5246 §7.4.5"},
    {5, "ClientKeyExchange", "client", "RFC 5246 §7.4.7.1"},
    {6, "master secret and keys", "both", "RFC 5246 §8.1, §6.3"},
    {7, "ChangeCipherSpec", "client", "RFC 5246 §7.1"},
    {8, "Finished", "client", "RFC 5246 §7.4.9"},
    {9, "ChangeCipherSpec", "server", "RFC 5246 §7.1"},
    {10, "Finished", "server", "RFC 5246 §7.4.9"},
    {11, "application data", "both", "RFC 5246 §6.2, §10"},
    {12, "close_notify", "both", "RFC 5246 §7.2.1"},
}};

}  // namespace

std::span<const WalkthroughStep> walkthrough_steps() { return steps; }

std::string_view ticket_event_name(TicketTrace::Kind kind) {
    switch (kind) {
        case TicketTrace::Kind::issued: return "issued";
        case TicketTrace::Kind::accepted: return "accepted";
        case TicketTrace::Kind::rejected: return "rejected";
        case TicketTrace::Kind::renewed: return "renewed";
        case TicketTrace::Kind::offered: return "offered";
        case TicketTrace::Kind::received: return "received";
        case TicketTrace::Kind::declined: return "declined";
    }
    return "?";
}

TraceValue public_trace_value(std::string name, ByteView v, std::string note) {
    return TraceValue{std::move(name), false, v.size(), Bytes(v.begin(), v.end()), std::move(note)};
}

TraceValue secret_trace_value(std::string name, ByteView v, std::string note) {
    return TraceValue{std::move(name), true, v.size(), Bytes(v.begin(), v.end()), std::move(note)};
}

}  // namespace lucid::handshake
