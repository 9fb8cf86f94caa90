// AES-GCM, NIST SP 800-38D: counter-mode encryption with a GHASH tag over the additional data and
// the ciphertext (authenticated encryption with associated data, AEAD).
//
//   seal(IV, A, P) -> C || T       C = GCTR_K(inc32(J0), P),  T = GCTR_K(J0, GHASH_H(A, C))
//   open(IV, A, C, T) -> P, or nothing when T does not match
//
// Any non-empty IV length is accepted (96 bits is the fast and usual case, J0 = IV || 0^31 || 1;
// other lengths are hashed into J0). open() checks the tag, in constant time, before it decrypts
// anything: a forged message releases no plaintext, not even a wrong one.
#pragma once

#include <array>
#include <optional>

#include "crypto/aes.h"
#include "crypto/bytes.h"

namespace lucid::crypto {

class AesGcm {
public:
    static constexpr std::size_t tag_size = 16;  // the full tag; shorter ones are its first bytes

    // Throws lucid::Error unless the key is 16, 24 or 32 bytes (AES-128/192/256).
    explicit AesGcm(ByteView key);
    ~AesGcm();
    AesGcm(const AesGcm&) = delete;
    AesGcm& operator=(const AesGcm&) = delete;

    std::size_t key_size() const { return aes_.key_size(); }

    // SP 800-38D §7.1 GCM-AE: ciphertext || tag (16 bytes). Throws lucid::Error for an empty IV.
    Bytes seal(ByteView iv, ByteView aad, ByteView plaintext) const;

    // SP 800-38D §7.2 GCM-AD: the plaintext, or nullopt when the tag does not match. tag is the
    // first t bytes of the tag, t one of 16, 15, 14, 13, 12, 8 or 4 (§5.2.1.2); other lengths and
    // an empty IV throw lucid::Error (they are the caller's mistake, not the message's).
    std::optional<Bytes> open(ByteView iv, ByteView aad, ByteView ciphertext, ByteView tag) const;

    // The same into the caller's buffer (the record layer reuses one per connection). seal: out is
    // plaintext.size() + 16 bytes, ciphertext then tag. open: out is ciphertext.size() bytes and
    // receives the plaintext only if the tag matched, which it returns. out must not overlap the input.
    void seal(ByteView iv, ByteView aad, ByteView plaintext, MutableByteView out) const;
    bool open(ByteView iv, ByteView aad, ByteView ciphertext, ByteView tag, MutableByteView out) const;

private:
    using Block = std::array<std::uint8_t, 16>;
    Block pre_counter_block(ByteView iv) const;                 // §7.1 step 2, J0
    Block tag_for(const Block& j0, ByteView aad, ByteView ciphertext) const;  // §7.1 steps 5-6
    void gctr(const Block& initial_counter, ByteView in, MutableByteView out) const;  // §6.5

    Aes aes_;
    Block h_{};  // the hash subkey H = CIPH_K(0^128), secret
};

}  // namespace lucid::crypto
