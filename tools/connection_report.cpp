#include "tools/connection_report.h"

#include "handshake/field_reader.h"

namespace lucid::tools {

std::string describe_session(const handshake::SessionInfo& s) {
    std::string text = s.version ? handshake::describe_version(s.version) : "?";
    if (s.cipher_suite) {
        text += ", " + std::string(s.cipher_suite->iana_name) + " (" + std::string(s.cipher_suite->openssl_name) + ")";
    }
    if (!s.alpn_protocol.empty()) text += ", ALPN " + s.alpn_protocol;
    if (!s.server_name.empty()) text += ", SNI " + s.server_name;
    if (!s.dh_group.empty()) {
        const bool ecdhe = s.cipher_suite && s.cipher_suite->key_exchange == handshake::KeyExchange::ecdhe_rsa;
        text += (ecdhe ? ", ECDHE curve " : ", DHE group ") + s.dh_group;
    }
    if (s.resumed) text += ", resumed session";
    if (s.encrypt_then_mac) text += ", encrypt-then-MAC";  // RFC 7366
    return text;
}

namespace {

bool truncated_after_handshake(const Outcome& o) {
    return o.handshake_complete && o.failure && o.failure->origin == handshake::FailureOrigin::transport;
}

}  // namespace

std::string describe_failure(const Outcome& o, const std::string& peer) {
    const std::string stage = o.handshake_complete ? "connection failed: " : "handshake failed: ";
    if (o.failure && !truncated_after_handshake(o)) {
        const std::string alert = record::alert_name(o.failure->alert);
        switch (o.failure->origin) {
        case handshake::FailureOrigin::local:
            return stage + o.failure->sentence + " [we sent fatal alert " + alert + "]";
        case handshake::FailureOrigin::peer:
            return stage + o.failure->sentence + " [the " + peer + " sent fatal alert " + alert + "]";
        case handshake::FailureOrigin::transport:
            return stage + o.failure->sentence + " [the " + peer + " closed the connection; no alert]";
        }
    }
    if (!o.socket_error.empty()) return stage + o.socket_error;
    if (!o.handshake_complete && !o.timeout.empty()) {
        return stage + o.timeout + " [we sent user_canceled and close_notify]";
    }
    if (!o.handshake_complete) return stage + "the connection ended before the handshake completed";
    return {};
}

std::string describe_warning(const Outcome& o) {
    if (truncated_after_handshake(o)) {
        return "warning: the connection was closed without close_notify (RFC 5246 §7.2.1), so the "
               "data may have been truncated";
    }
    if (o.handshake_complete && !o.timeout.empty()) return "note: closed the connection: " + o.timeout;
    return {};
}

}  // namespace lucid::tools
