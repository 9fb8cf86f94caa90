// Finished, RFC 5246 §7.4.9: steps 8 and 10 of the handshake. See finished.cpp.
#pragma once

#include <array>

#include "crypto/bytes.h"
#include "handshake/messages/handshake_type.h"

namespace lucid::handshake {

struct Finished {
    std::array<std::uint8_t, 12> verify_data{};

    Bytes encode() const;
    static Finished parse(ByteView body, Field* tree = nullptr);
};

}  // namespace lucid::handshake
