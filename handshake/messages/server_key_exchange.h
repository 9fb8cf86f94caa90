// ServerKeyExchange for DHE_RSA, RFC 5246 §7.4.3: the server's ephemeral Diffie-Hellman
// parameters, signed with its certificate key. See server_key_exchange.cpp.
#pragma once

#include "crypto/bytes.h"
#include "handshake/field_reader.h"
#include "handshake/messages/digitally_signed.h"
#include "handshake/messages/handshake_type.h"

namespace lucid::handshake {

// RFC 5246 §7.4.3 ServerDHParams: big-endian unsigned integers, as the server wrote them.
struct ServerDhParams {
    Bytes dh_p;   // the prime modulus
    Bytes dh_g;   // the generator
    Bytes dh_Ys;  // the server's public value g^X mod p

    void write(record::Writer& w) const;
    // Reads the three fields as the group "params" (for ServerKeyExchange of DHE_RSA and DH_anon).
    static ServerDhParams read(FieldReader& r);
};

struct ServerKeyExchange {
    ServerDhParams params;
    DigitallySigned signed_params;

    Bytes encode() const;
    // body: the bytes after the 4-byte header. lucidtls knows one key exchange that sends this
    // message, dhe_rsa, so the body is always read in that form.
    // version: the negotiated one (the signature's form differs before TLS 1.2, digitally_signed.h).
    static ServerKeyExchange parse(ByteView body, Field* tree = nullptr, std::uint16_t version = 0x0303);

    // What signed_params signs (§7.4.3): ClientHello.random + ServerHello.random + ServerDHParams.
    Bytes signed_content(ByteView client_random, ByteView server_random) const;
};

}  // namespace lucid::handshake
