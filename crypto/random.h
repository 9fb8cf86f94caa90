// Where randomness comes from.
//
// The protocol engines never call the OS themselves: they are handed a RandomSource. Normally that
// is OsRandom (getrandom(2)); in deterministic mode (--seed) it is an HmacDrbg seeded from the
// flag, so that two runs produce the same bytes (SP 800-90A §10.1.2). Both sit behind one
// interface, and the code that uses randomness cannot tell which it got.
#pragma once

#include <memory>

#include "crypto/bytes.h"
#include "crypto/secret.h"

namespace lucid::crypto {

class RandomSource {
public:
    virtual ~RandomSource() = default;
    virtual void fill(MutableByteView out) = 0;

    Bytes bytes(std::size_t n) {
        Bytes out(n);
        fill(out);
        return out;
    }
    SecretBytes secret(std::size_t n) {
        SecretBytes out(n);
        fill(out.mutable_view());
        return out;
    }
};

// getrandom(2); throws lucid::Error if the kernel cannot supply bytes.
class OsRandom final : public RandomSource {
public:
    void fill(MutableByteView out) override;
};

// HMAC_DRBG with SHA-256, SP 800-90A Rev. 1 §10.1.2. No prediction resistance; reseeding is
// explicit. Security strength 256 bits.
class HmacDrbg final : public RandomSource {
public:
    // §10.1.2.3 Instantiate: seed_material = entropy_input || nonce || personalization_string.
    HmacDrbg(ByteView entropy, ByteView nonce, ByteView personalization);
    // §10.1.2.4 Reseed.
    void reseed(ByteView entropy, ByteView additional_input);
    // §10.1.2.5 Generate, with optional additional input.
    void generate(MutableByteView out, ByteView additional_input);
    void fill(MutableByteView out) override { generate(out, {}); }

private:
    // §10.1.2.2 HMAC_DRBG_Update.
    void update(ByteView provided_data);
    SecretBytes key_;  // K, 32 bytes
    SecretBytes v_;    // V, 32 bytes
    std::uint64_t reseed_counter_ = 0;
};

// The process-wide OS source, for tools that do not inject one.
RandomSource& os_random();

}  // namespace lucid::crypto
