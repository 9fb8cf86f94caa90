// HMAC (RFC 2104) over any hash of crypto/hash.h, streaming.
#pragma once

#include <memory>

#include "crypto/bytes.h"
#include "crypto/hash.h"
#include "crypto/secret.h"

namespace lucid::crypto {

class Hmac {
public:
    // RFC 2104 §2: a key longer than the block size is hashed first; a shorter one is zero-padded.
    Hmac(HashAlgorithm alg, ByteView key);
    Hmac(const Hmac& other);
    Hmac& operator=(const Hmac&) = delete;
    ~Hmac();

    HashAlgorithm algorithm() const;
    std::size_t mac_size() const;
    void update(ByteView data);
    // Writes mac_size() bytes and makes the object ready for a new message under the same key.
    void final(MutableByteView out);
    Bytes final();

private:
    HashAlgorithm alg_;
    SecretBytes ipad_key_;  // K xor ipad, one block
    SecretBytes opad_key_;  // K xor opad, one block
    std::unique_ptr<Hash> inner_;
};

Bytes hmac(HashAlgorithm alg, ByteView key, ByteView data);

}  // namespace lucid::crypto
