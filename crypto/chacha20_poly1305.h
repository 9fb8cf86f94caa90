// ChaCha20-Poly1305, RFC 8439 §2.8: the AEAD that TLS uses as TLS_*_WITH_CHACHA20_POLY1305_SHA256
// (RFC 7905). Same shape as AesGcm (crypto/gcm.h): seal gives ciphertext || 16-byte tag, open
// checks the tag in constant time before producing any plaintext.
#pragma once

#include <optional>

#include "crypto/bytes.h"
#include "crypto/secret.h"

namespace lucid::crypto {

class ChaCha20Poly1305 {
public:
    static constexpr std::size_t key_size = 32;
    static constexpr std::size_t nonce_size = 12;
    static constexpr std::size_t tag_size = 16;

    // Throws lucid::Error unless the key is 32 bytes.
    explicit ChaCha20Poly1305(ByteView key);

    // RFC 8439 §2.8 encryption: ciphertext || tag. Throws lucid::Error unless the nonce is 12 bytes.
    Bytes seal(ByteView nonce, ByteView aad, ByteView plaintext) const;

    // RFC 8439 §2.8 decryption: the plaintext, or nullopt when the tag does not match. Throws
    // lucid::Error for a nonce that is not 12 bytes or a tag that is not 16.
    std::optional<Bytes> open(ByteView nonce, ByteView aad, ByteView ciphertext, ByteView tag) const;

    // The same into the caller's buffer, as AesGcm's (crypto/gcm.h): seal writes ciphertext || tag
    // (plaintext.size() + 16 bytes); open writes the plaintext only if the tag matched.
    void seal(ByteView nonce, ByteView aad, ByteView plaintext, MutableByteView out) const;
    bool open(ByteView nonce, ByteView aad, ByteView ciphertext, ByteView tag, MutableByteView out) const;

private:
    Bytes tag_for(ByteView nonce, ByteView aad, ByteView ciphertext) const;
    SecretBytes key_;
};

// RFC 8439 §2.6 poly1305_key_gen: the first 32 bytes of chacha20_block(key, 0, nonce).
SecretBytes poly1305_key_gen(ByteView key, ByteView nonce);

}  // namespace lucid::crypto
