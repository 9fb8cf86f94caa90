// ClientHello, RFC 5246 §7.4.1.2: step 1 of the handshake. See client_hello.cpp.
#pragma once

#include <cstdint>
#include <vector>

#include "crypto/bytes.h"
#include "handshake/extensions.h"
#include "handshake/messages/handshake_type.h"

namespace lucid::handshake {

struct ClientHello {
    std::uint16_t client_version = 0x0303;  // the highest version the client supports
    Random random{};
    Bytes session_id;                       // 0..32 bytes; non-empty when offering to resume (§7.4.1.2)
    std::vector<std::uint16_t> cipher_suites;
    Bytes compression_methods{0};           // must contain null (0)
    HelloExtensions extensions;

    bool offers_suite(std::uint16_t code) const;

    Bytes encode() const;  // the whole message, header included
    // body: the bytes after the 4-byte header. Fields are appended to `tree` (may be null) with
    // offsets counted from the start of the header.
    static ClientHello parse(ByteView body, Field* tree = nullptr);
};

}  // namespace lucid::handshake
