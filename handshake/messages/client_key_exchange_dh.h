// ClientKeyExchange for DHE_RSA, RFC 5246 §7.4.7.2: the client's Diffie-Hellman public value.
// (The RSA form is in client_key_exchange.h.) See client_key_exchange_dh.cpp.
#pragma once

#include "crypto/bytes.h"
#include "handshake/messages/handshake_type.h"

namespace lucid::handshake {

struct ClientKeyExchangeDh {
    Bytes dh_Yc;  // g^Xc mod p, big-endian, in the server's group

    Bytes encode() const;
    static ClientKeyExchangeDh parse(ByteView body, Field* tree = nullptr);
};

}  // namespace lucid::handshake
