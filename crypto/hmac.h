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
    // The hash states after absorbing K xor ipad and K xor opad (one block each), kept from the
    // constructor: each message then starts from a copy instead of hashing those blocks again,
    // which for a short message (a TLS record MAC) halves the work. Secret; the hashes wipe themselves.
    std::unique_ptr<Hash> inner_keyed_;
    std::unique_ptr<Hash> outer_keyed_;
    std::unique_ptr<Hash> inner_;  // the message being MACed: a copy of inner_keyed_, then the text
    std::unique_ptr<Hash> outer_;  // the outer hash of final(): a copy of outer_keyed_, then the digest
    // inner_ and outer_ are made once and restarted with Hash::assign(), so that a MAC costs no
    // allocation (a TLS record MAC per record).
};

Bytes hmac(HashAlgorithm alg, ByteView key, ByteView data);

}  // namespace lucid::crypto
