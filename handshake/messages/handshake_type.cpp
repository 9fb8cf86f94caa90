// RFC 5246 §7.4: the handshake header and the table of message types.
#include "handshake/messages/handshake_type.h"

#include <cstdio>

#include "handshake/messages/certificate.h"
#include "handshake/messages/certificate_request.h"
#include "handshake/messages/certificate_verify.h"
#include "handshake/messages/client_hello.h"
#include "handshake/messages/client_key_exchange.h"
#include "handshake/messages/client_key_exchange_dh.h"
#include "handshake/messages/client_key_exchange_ecdhe.h"
#include "handshake/messages/finished.h"
#include "handshake/messages/new_session_ticket.h"
#include "handshake/messages/server_hello.h"
#include "handshake/messages/server_hello_done.h"
#include "handshake/messages/server_key_exchange.h"
#include "handshake/messages/server_key_exchange_dh_anon.h"
#include "handshake/messages/server_key_exchange_ecdhe.h"
#include "record/codec.h"

namespace lucid::handshake {

namespace {

struct TypeRow {
    HandshakeType type;
    const char* name;
    const char* section;
    // Parses the body into the tree; null for types lucidtls does not implement.
    void (*describe)(ByteView body, Field* tree);
};

const TypeRow type_table[] = {
    {HandshakeType::hello_request, "HelloRequest", "RFC 5246 §7.4.1.1",
     [](ByteView b, Field* t) { HelloRequest::parse(b, t); }},
    {HandshakeType::client_hello, "ClientHello", "RFC 5246 §7.4.1.2",
     [](ByteView b, Field* t) { ClientHello::parse(b, t); }},
    {HandshakeType::server_hello, "ServerHello", "RFC 5246 §7.4.1.3",
     [](ByteView b, Field* t) { ServerHello::parse(b, t); }},
    {HandshakeType::new_session_ticket, "NewSessionTicket", "RFC 5077 §3.3",
     [](ByteView b, Field* t) { NewSessionTicket::parse(b, t); }},
    {HandshakeType::certificate, "Certificate", "RFC 5246 §7.4.2",
     [](ByteView b, Field* t) { CertificateMessage::parse(b, t); }},
    {HandshakeType::server_key_exchange, "ServerKeyExchange", "RFC 5246 §7.4.3",
     [](ByteView b, Field* t) { ServerKeyExchange::parse(b, t); }},
    {HandshakeType::certificate_request, "CertificateRequest", "RFC 5246 §7.4.4",
     [](ByteView b, Field* t) { CertificateRequest::parse(b, t); }},
    {HandshakeType::server_hello_done, "ServerHelloDone", "RFC 5246 §7.4.5",
     [](ByteView b, Field* t) { ServerHelloDone::parse(b, t); }},
    {HandshakeType::certificate_verify, "CertificateVerify", "RFC 5246 §7.4.8",
     [](ByteView b, Field* t) { CertificateVerify::parse(b, t); }},
    {HandshakeType::client_key_exchange, "ClientKeyExchange", "RFC 5246 §7.4.7",
     [](ByteView b, Field* t) { ClientKeyExchange::parse(b, t); }},
    {HandshakeType::finished, "Finished", "RFC 5246 §7.4.9",
     [](ByteView b, Field* t) { Finished::parse(b, t); }},
};

// RFC 2246 §7.4.3, §7.4.4, §7.4.8: the messages whose form differs before TLS 1.2.
bool describe_before_tls12(HandshakeType type, ByteView body, Field& root, std::uint16_t version) {
    switch (type) {
        case HandshakeType::server_key_exchange: ServerKeyExchange::parse(body, &root, version); return true;
        case HandshakeType::certificate_request: CertificateRequest::parse(body, &root, version); return true;
        case HandshakeType::certificate_verify: CertificateVerify::parse(body, &root, version); return true;
        default: return false;
    }
}

const TypeRow* find_type(std::uint8_t type) {
    for (const TypeRow& row : type_table) {
        if (static_cast<std::uint8_t>(row.type) == type) return &row;
    }
    return nullptr;
}

}  // namespace

std::string handshake_type_name(std::uint8_t type) {
    if (const TypeRow* row = find_type(type)) return row->name;
    char buf[24];
    std::snprintf(buf, sizeof buf, "unknown(0x%02x)", static_cast<unsigned>(type));
    return buf;
}

std::string_view handshake_type_section(std::uint8_t type) {
    if (const TypeRow* row = find_type(type)) return row->section;
    return {};
}

// RFC 5246 §7.4: struct { HandshakeType msg_type; uint24 length; body } Handshake;
Bytes frame_handshake(HandshakeType type, ByteView body) {
    record::Writer w;
    w.u8(static_cast<std::uint8_t>(type));
    w.prefixed(3, [&](record::Writer& b) { b.bytes(body); });
    return w.take();
}

// RFC 5246 §7.4.1.2: struct { uint32 gmt_unix_time; opaque random_bytes[28]; } Random;
Random read_random(FieldReader& r) {
    Random random{};
    std::size_t i = 0;
    r.group("random", [&](FieldReader& g) {
        const std::uint32_t time = g.u32("gmt_unix_time");
        g.note_last("seconds since 1970; RFC 5246 says clocks need not be right");
        const ByteView bytes = g.bytes(28, "random_bytes");
        for (int shift = 24; shift >= 0; shift -= 8) random[i++] = static_cast<std::uint8_t>(time >> shift);
        for (std::uint8_t b : bytes) random[i++] = b;
        g.set_value(describe_hex(random));
    });
    return random;
}

void describe_handshake_message(std::uint8_t type, ByteView whole_message, Field& root, KeyExchange key_exchange,
                                std::uint16_t version) {
    root.name = handshake_type_name(type);
    root.offset = 0;
    root.length = whole_message.size();
    FieldReader header(whole_message, root.name, 0, &root);
    header.u8("msg_type", [](std::uint8_t t) { return handshake_type_name(t) + " (" + std::to_string(t) + ")"; });
    const std::uint32_t length = header.u24("length");
    const ByteView body = header.bytes(length, "body");
    header.expect_end();
    root.children.pop_back();  // the body is described field by field below
    const TypeRow* row = find_type(type);
    if (row == nullptr || row->describe == nullptr) {
        FieldReader opaque(body, root.name, 4, &root);
        if (!body.empty()) opaque.bytes(body.size(), "body");
        root.note = "not interpreted by lucidtls";
        return;
    }
    // RFC 5246 §7.4.7: the form of ClientKeyExchange depends on the negotiated key exchange.
    const bool ffdhe = key_exchange == KeyExchange::dhe_rsa || key_exchange == KeyExchange::dh_anon;
    if (type == static_cast<std::uint8_t>(HandshakeType::client_key_exchange) && ffdhe) {
        root.note = "DHE_RSA / DH_anon form: the client's Diffie-Hellman public value (RFC 5246 §7.4.7.2)";
        ClientKeyExchangeDh::parse(body, &root);
        return;
    }
    if (type == static_cast<std::uint8_t>(HandshakeType::server_key_exchange) && key_exchange == KeyExchange::dh_anon) {
        root.note = "DH_anon form: the server's Diffie-Hellman parameters, NOT signed (RFC 5246 §7.4.3)";
        ServerKeyExchangeDhAnon::parse(body, &root);
        return;
    }
    // RFC 8422 §5.4, §5.7: ECDHE_RSA has its own forms of both key exchange messages.
    if (key_exchange == KeyExchange::ecdhe_rsa) {
        if (type == static_cast<std::uint8_t>(HandshakeType::client_key_exchange)) {
            root.note = "ECDHE_RSA form: the client's X25519 public key (RFC 8422 §5.7)";
            ClientKeyExchangeEcdhe::parse(body, &root);
            return;
        }
        if (type == static_cast<std::uint8_t>(HandshakeType::server_key_exchange)) {
            root.note = "ECDHE_RSA form: the curve and the server's public key, signed (RFC 8422 §5.4)";
            ServerKeyExchangeEcdhe::parse(body, &root, version);
            return;
        }
    }
    if (version < 0x0303 && describe_before_tls12(static_cast<HandshakeType>(type), body, root, version)) return;
    row->describe(body, &root);
}

}  // namespace lucid::handshake
