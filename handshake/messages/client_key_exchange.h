// ClientKeyExchange with RSA, RFC 5246 §7.4.7.1: step 5 of the handshake. See client_key_exchange.cpp.
#pragma once

#include "crypto/bytes.h"
#include "handshake/messages/handshake_type.h"

namespace lucid::handshake {

inline constexpr std::size_t pre_master_secret_length = 48;

struct ClientKeyExchange {
    Bytes encrypted_pre_master_secret;  // RSAES-PKCS1-v1_5 ciphertext, as long as the modulus

    Bytes encode() const;
    static ClientKeyExchange parse(ByteView body, Field* tree = nullptr);
};

}  // namespace lucid::handshake
