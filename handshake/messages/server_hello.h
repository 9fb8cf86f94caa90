// ServerHello, RFC 5246 §7.4.1.3: step 2 of the handshake. See server_hello.cpp.
#pragma once

#include <cstdint>

#include "crypto/bytes.h"
#include "handshake/extensions.h"
#include "handshake/messages/handshake_type.h"

namespace lucid::handshake {

struct ServerHello {
    std::uint16_t server_version = 0x0303;
    Random random{};
    Bytes session_id;
    std::uint16_t cipher_suite = 0;
    std::uint8_t compression_method = 0;
    HelloExtensions extensions;

    Bytes encode() const;
    static ServerHello parse(ByteView body, Field* tree = nullptr);
};

}  // namespace lucid::handshake
