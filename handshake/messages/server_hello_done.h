// ServerHelloDone, RFC 5246 §7.4.5 (step 4), and HelloRequest, RFC 5246 §7.4.1.1: the two
// handshake messages with an empty body. See server_hello_done.cpp and hello_request.cpp.
#pragma once

#include "crypto/bytes.h"
#include "handshake/messages/handshake_type.h"

namespace lucid::handshake {

struct ServerHelloDone {
    Bytes encode() const;
    static ServerHelloDone parse(ByteView body, Field* tree = nullptr);
};

struct HelloRequest {
    Bytes encode() const;
    static HelloRequest parse(ByteView body, Field* tree = nullptr);
};

}  // namespace lucid::handshake
