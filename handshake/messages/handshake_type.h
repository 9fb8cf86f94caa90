// The handshake message types and the 4-byte header every handshake message starts with.
//
// RFC 5246 §7.4:
//   enum {
//       hello_request(0), client_hello(1), server_hello(2),
//       certificate(11), server_key_exchange (12),
//       certificate_request(13), server_hello_done(14),
//       certificate_verify(15), client_key_exchange(16),
//       finished(20), (255)
//   } HandshakeType;
//
//   struct {
//       HandshakeType msg_type;    /* handshake type */
//       uint24 length;             /* bytes in message */
//       select (HandshakeType) { ... } body;
//   } Handshake;
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/bytes.h"
#include "handshake/cipher_suites.h"
#include "handshake/field_reader.h"
#include "handshake/trace.h"

namespace lucid::handshake {

enum class HandshakeType : std::uint8_t {
    hello_request = 0,
    client_hello = 1,
    server_hello = 2,
    new_session_ticket = 4,  // RFC 5077
    certificate = 11,
    server_key_exchange = 12,
    certificate_request = 13,
    server_hello_done = 14,
    certificate_verify = 15,
    client_key_exchange = 16,
    finished = 20,
};

// "ClientHello"; an unknown value is "unknown(0x63)".
std::string handshake_type_name(std::uint8_t type);
// "RFC 5246 §7.4.1.2"; empty if unknown.
std::string_view handshake_type_section(std::uint8_t type);

// RFC 5246 §7.4.1.2: struct { uint32 gmt_unix_time; opaque random_bytes[28]; } Random;
using Random = std::array<std::uint8_t, 32>;

// The Handshake struct: msg_type, uint24 length, body.
Bytes frame_handshake(HandshakeType type, ByteView body);

// Reads the Random struct as two fields (gmt_unix_time, random_bytes).
Random read_random(FieldReader& r);

// The Field tree of a whole handshake message (header + body), with the body parsed by the
// message's own parser; for a type lucidtls does not parse, the body is one opaque field.
// key_exchange picks the form of ClientKeyExchange (RFC 5246 §7.4.7.1 or §7.4.7.2, RFC 8422 §5.7)
// and of ServerKeyExchange (RFC 5246 §7.4.3 or RFC 8422 §5.4), which the bytes alone do not tell. Throws what the parser throws (the tree then holds everything read
// before the error).
// version: the negotiated one, which decides the form of the signed messages and of
// CertificateRequest before TLS 1.2 (RFC 2246 §7.4.3, §7.4.4, §7.4.8).
void describe_handshake_message(std::uint8_t type, ByteView whole_message, Field& root,
                                KeyExchange key_exchange = KeyExchange::rsa, std::uint16_t version = 0x0303);

}  // namespace lucid::handshake
