// ServerKeyExchange for DH_anon, RFC 5246 §7.4.3: the server's Diffie-Hellman parameters and
// nothing else. See server_key_exchange_dh_anon.cpp.
#pragma once

#include "crypto/bytes.h"
#include "handshake/messages/handshake_type.h"
#include "handshake/messages/server_key_exchange.h"

namespace lucid::handshake {

struct ServerKeyExchangeDhAnon {
    ServerDhParams params;

    Bytes encode() const;
    // body: the bytes after the 4-byte header.
    static ServerKeyExchangeDhAnon parse(ByteView body, Field* tree = nullptr);
};

}  // namespace lucid::handshake
