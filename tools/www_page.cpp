#include "tools/www_page.h"

#include <cctype>

#include "crypto/hash.h"
#include "crypto/hex.h"
#include "handshake/field_reader.h"
#include "handshake/protocol_versions.h"

namespace lucid::tools {

HttpRequestReader::Status HttpRequestReader::add(ByteView data) {
    if (status_ != Status::need_more) return status_;
    text_.append(data.begin(), data.end());
    // RFC 9112 §2.2: a recipient MAY recognise a single LF as a line terminator.
    if (text_.find("\r\n\r\n") != std::string::npos || text_.find("\n\n") != std::string::npos) {
        status_ = Status::complete;
    } else if (text_.size() > max_size) {
        status_ = Status::too_large;
    }
    return status_;
}

std::string HttpRequestReader::request_line() const {
    const std::size_t end = text_.find('\n');
    if (end == std::string::npos) return {};
    std::string line = text_.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

namespace {

// "SHA256", as the suite names spell it.
std::string upper_hash_name(crypto::HashAlgorithm h) {
    std::string name(crypto::hash_name(h));
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

std::string row(const std::string& name, const std::string& value) {
    std::string left = "  " + name;
    left.resize(28, ' ');
    return left + ": " + value + "\n";
}

std::string cipher_text(const handshake::CipherSuiteInfo& s) {
    std::string cipher;
    switch (s.cipher) {
    case handshake::BulkCipher::null: cipher = "none (NULL: records readable on the wire)"; break;
    case handshake::BulkCipher::aes_128_cbc: cipher = "AES-128 in CBC mode"; break;
    case handshake::BulkCipher::aes_256_cbc: cipher = "AES-256 in CBC mode"; break;
    case handshake::BulkCipher::aes_128_gcm: return "AES-128-GCM, an AEAD: the tag authenticates, no MAC (RFC 5288)";
    case handshake::BulkCipher::aes_256_gcm: return "AES-256-GCM, an AEAD: the tag authenticates, no MAC (RFC 5288)";
    case handshake::BulkCipher::chacha20_poly1305:
        return "ChaCha20-Poly1305, an AEAD: the tag authenticates, no MAC (RFC 7905)";
    }
    return cipher + ", MAC HMAC-" + upper_hash_name(s.mac);
}

}  // namespace

std::string www_response(const handshake::SessionInfo& session, const std::string& request_line, int status) {
    std::string body = "lucidtls `lucid server --www`: the TLS session this page came over\n\n";
    body += row("Protocol", session.version ? handshake::describe_version(session.version) : "?");
    if (!session.version_decision.empty()) body += row("Version decision", session.version_decision);
    if (const handshake::CipherSuiteInfo* s = session.cipher_suite) {
        body += row("Cipher suite (IANA)", handshake::cipher_suite_label(static_cast<std::uint16_t>(s->suite)));
        body += row("Cipher suite (OpenSSL)", std::string(s->openssl_name));
        body += row("Key exchange",
                    session.resumed ? "none: a resumed session keeps its master secret (RFC 5246 §7.3)"
                    : s->key_exchange == handshake::KeyExchange::dhe_rsa
                        ? "DHE_RSA: ephemeral Diffie-Hellman, " + session.dh_group + ", signed with the server's key (RFC 5246 §7.4.3)"
                    : s->key_exchange == handshake::KeyExchange::ecdhe_rsa
                        ? "ECDHE_RSA: ephemeral " + session.dh_group + ", signed with the server's key (RFC 8422 §5.4)"
                    : s->key_exchange == handshake::KeyExchange::dh_anon
                        ? "DH_anon (lab): ephemeral Diffie-Hellman, " + session.dh_group + ", NOT signed: anyone in the middle can read this (RFC 5246 Appendix F.1.1.1)"
                        : "RSA: the premaster secret encrypted to the server's key (RFC 5246 §7.4.7.1)");
        body += row("Record protection", cipher_text(*s));
        body += row("PRF", session.version && session.version < handshake::tls12_version
                               ? std::string("P_MD5 XOR P_SHA-1 (RFC 2246 §5)")
                               : "HMAC-" + upper_hash_name(s->prf) + " (RFC 5246 §5)");
    }
    body += row("ALPN protocol", session.alpn_protocol.empty() ? "(none)" : session.alpn_protocol);
    body += row("Server name (SNI)", session.server_name.empty() ? "(none sent)" : session.server_name);
    body += row("Session-ID", session.session_id.empty() ? "(empty)" : to_hex(session.session_id));
    body += row("Session", session.resumed ? "Reused (abbreviated handshake, RFC 5246 §7.3)" : "New");
    if (session.client_certificate_requested || !session.peer_certificates.empty()) {
        body += row("Client certificate", session.peer_certificates.empty() ? "none sent"
                                          : session.peer_verified ? "sent and verified (RFC 5246 §7.4.6, §7.4.8)"
                                                                  : "sent");
    }
    body += row("Client random", to_hex(session.client_random));
    body += row("Server random", to_hex(session.server_random));
    body += row("Secure renegotiation", session.secure_renegotiation ? "yes (RFC 5746)" : "no");
    body += row("Extended master secret", session.extended_master_secret ? "yes (RFC 7627)" : "no");
    body += row("Encrypt-then-MAC", session.encrypt_then_mac ? "yes (RFC 7366)" : "no");
    body += "\nYour request:\n  " + (request_line.empty() ? std::string("(no request line)") : request_line) + "\n";

    const std::string reason = status == 200 ? "OK" : "Request Header Fields Too Large";
    if (status != 200) body = "The request header is larger than 16 KiB.\n\n" + body;
    return "HTTP/1.0 " + std::to_string(status) + " " + reason +
           "\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n"
           "Content-Length: " +
           std::to_string(body.size()) +
           "\r\n"
           "Connection: close\r\n"
           "Server: lucidtls\r\n"
           "\r\n" +
           body;
}

}  // namespace lucid::tools
