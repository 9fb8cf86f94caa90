// Inside ServerCredentials (credentials.h): the parsed key, for the server engine only.
#pragma once

#include <vector>

#include "crypto/rsa.h"
#include "handshake/credentials.h"

namespace lucid::handshake {

struct ServerCredentials::Impl {
    std::vector<Bytes> chain;       // DER, leaf first
    crypto::RsaPrivateKey key;      // matches the leaf's public key (checked when loaded)
};

}  // namespace lucid::handshake
