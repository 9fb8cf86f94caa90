// ClientKeyExchange for ECDHE_RSA, RFC 8422 §5.7: the client's ephemeral elliptic-curve public
// key. (The RSA form is in client_key_exchange.h, the DHE form in client_key_exchange_dh.h.)
// See client_key_exchange_ecdhe.cpp.
#pragma once

#include "crypto/bytes.h"
#include "handshake/messages/handshake_type.h"

namespace lucid::handshake {

struct ClientKeyExchangeEcdhe {
    Bytes point;  // ECPoint ecdh_Yc: for X25519 the 32-byte u-coordinate X25519(dc, 9)

    Bytes encode() const;
    static ClientKeyExchangeEcdhe parse(ByteView body, Field* tree = nullptr);
};

}  // namespace lucid::handshake
