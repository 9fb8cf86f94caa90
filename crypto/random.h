// Where randomness comes from.
//
// The protocol engines never call the OS themselves: they are handed a RandomSource. Normally that
// is OsRandom (getrandom(2)); in deterministic mode (--seed) it is an HmacDrbg seeded from the
// flag, so that two runs produce the same bytes (SP 800-90A §10.1.2). Both sit behind one
// interface, and the code that uses randomness cannot tell which it got.
#pragma once

#include <cstddef>
#include <cstdint>
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
// explicit. Security strength 256 bits. An empty ByteView stands for the spec's "Null".
// The caller supplies the entropy: at least 32 bytes of real entropy for real use (os_random());
// a deterministic --seed of any length is accepted, since its point is repeatability.
class HmacDrbg final : public RandomSource {
public:
    // SP 800-90A Rev. 1 §10.1 Table 2: max_number_of_bits_per_request = 2^19 bits, and
    // reseed_interval <= 2^48 generate requests.
    static constexpr std::size_t max_bytes_per_request = (std::size_t{1} << 19) / 8;
    static constexpr std::uint64_t max_reseed_interval = std::uint64_t{1} << 48;

    // §10.1.2.3 Instantiate: seed_material = entropy_input || nonce || personalization_string.
    // reseed_interval (1 .. max_reseed_interval) is how many generate requests are allowed
    // before reseed() must be called; tests lower it to see the limit work.
    HmacDrbg(ByteView entropy, ByteView nonce, ByteView personalization,
             std::uint64_t reseed_interval = max_reseed_interval);
    // §10.1.2.4 Reseed.
    void reseed(ByteView entropy, ByteView additional_input);
    // §10.1.2.5 Generate, with optional additional input. Throws lucid::Error if more than
    // max_bytes_per_request bytes are asked for, or if a reseed is required.
    void generate(MutableByteView out, ByteView additional_input);
    // Any length: one generate request per max_bytes_per_request bytes.
    void fill(MutableByteView out) override;

    // Generate requests since the last (re)seed, plus one (the spec's reseed_counter).
    std::uint64_t reseed_counter() const { return reseed_counter_; }

private:
    // §10.1.2.2 HMAC_DRBG_Update.
    void update(ByteView provided_data);
    SecretBytes key_;  // K, 32 bytes
    SecretBytes v_;    // V, 32 bytes
    std::uint64_t reseed_counter_ = 0;
    std::uint64_t reseed_interval_ = max_reseed_interval;
};

// The process-wide OS source, for tools that do not inject one.
RandomSource& os_random();

}  // namespace lucid::crypto
