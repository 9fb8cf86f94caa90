// HMAC_DRBG with SHA-256, NIST SP 800-90A Rev. 1 §10.1.2.
//
// The generator's whole secret state is two 32-byte strings, the key K and the value V, and a
// counter. Output is V, V' = HMAC(K, V), V'' = HMAC(K, V') ...; after every request K and V are
// replaced (Update), so capturing today's state does not reveal yesterday's output (backtracking
// resistance, SP 800-90A §8.8). lucidtls uses it for the deterministic mode (--seed): the same seed
// gives the same bytes, which makes a whole TLS connection reproducible.
//
// Secrets: K, V, the entropy, nonce and additional input. No branch depends on their values; the
// only decisions are on lengths and the counter, which are public.
#include <algorithm>
#include <string>

#include "crypto/error.h"
#include "crypto/hmac.h"
#include "crypto/random.h"

namespace lucid::crypto {

namespace {

constexpr HashAlgorithm drbg_hash = HashAlgorithm::sha256;
constexpr std::size_t outlen = 32;  // bytes; SP 800-90A §10.1 Table 2, SHA-256

// HMAC(K, V || separator || data), where separator is "0x00" or "0x01" of §10.1.2.2, or absent.
SecretBytes hmac_of(const SecretBytes& key, ByteView v, ByteView separator, ByteView data) {
    Hmac mac(drbg_hash, key.view());
    mac.update(v);
    mac.update(separator);
    mac.update(data);
    SecretBytes out(outlen);
    mac.final(out.mutable_view());
    return out;
}

}  // namespace

// SP 800-90A Rev. 1 §10.1.2.2 HMAC_DRBG_Update.
void HmacDrbg::update(ByteView provided_data) {
    const std::uint8_t zero[1] = {0x00};
    const std::uint8_t one[1] = {0x01};
    // 1. K = HMAC(K, V || 0x00 || provided_data).  2. V = HMAC(K, V).
    key_ = hmac_of(key_, v_.view(), zero, provided_data);
    v_ = hmac_of(key_, v_.view(), {}, {});
    // 3. If (provided_data = Null), then return K and V.
    if (provided_data.empty()) return;
    // 4. K = HMAC(K, V || 0x01 || provided_data).  5. V = HMAC(K, V).
    key_ = hmac_of(key_, v_.view(), one, provided_data);
    v_ = hmac_of(key_, v_.view(), {}, {});
}

// SP 800-90A Rev. 1 §10.1.2.3 HMAC_DRBG_Instantiate_algorithm.
HmacDrbg::HmacDrbg(ByteView entropy, ByteView nonce, ByteView personalization, std::uint64_t reseed_interval)
    : reseed_interval_(reseed_interval) {
    if (reseed_interval < 1 || reseed_interval > max_reseed_interval) {
        throw Error("HMAC_DRBG: reseed interval " + std::to_string(reseed_interval) +
                    " is outside 1 .. 2^48 (SP 800-90A §10.1 Table 2)");
    }
    // 1. seed_material = entropy_input || nonce || personalization_string.
    SecretBytes seed_material = SecretBytes::adopt(concat({entropy, nonce, personalization}));
    // 2. Key = 0x00 00...00.  3. V = 0x01 01...01 (outlen bits each).
    key_ = SecretBytes(outlen);
    v_ = SecretBytes(outlen);
    std::fill(v_.mutable_view().begin(), v_.mutable_view().end(), std::uint8_t{0x01});
    // 4. (Key, V) = HMAC_DRBG_Update(seed_material, Key, V).
    update(seed_material.view());
    // 5. reseed_counter = 1.
    reseed_counter_ = 1;
}

// SP 800-90A Rev. 1 §10.1.2.4 HMAC_DRBG_Reseed_algorithm.
void HmacDrbg::reseed(ByteView entropy, ByteView additional_input) {
    // 1. seed_material = entropy_input || additional_input.
    SecretBytes seed_material = SecretBytes::adopt(concat({entropy, additional_input}));
    // 2. (Key, V) = HMAC_DRBG_Update(seed_material, Key, V).
    update(seed_material.view());
    // 3. reseed_counter = 1.
    reseed_counter_ = 1;
}

// SP 800-90A Rev. 1 §10.1.2.5 HMAC_DRBG_Generate_algorithm.
void HmacDrbg::generate(MutableByteView out, ByteView additional_input) {
    // §9.3.1 step 2: "If requested_number_of_bits > max_number_of_bits_per_request, then return
    // an ERROR_FLAG."
    if (out.size() > max_bytes_per_request) {
        throw Error("HMAC_DRBG: a request for " + std::to_string(out.size()) + " bytes exceeds the " +
                    std::to_string(max_bytes_per_request) + " allowed per request (SP 800-90A §10.1)");
    }
    // 1. "If reseed_counter > reseed_interval, then return an indication that a reseed is required."
    if (reseed_counter_ > reseed_interval_) {
        throw Error("HMAC_DRBG: reseed required after " + std::to_string(reseed_interval_) +
                    " requests (SP 800-90A §10.1.2.5 step 1)");
    }
    // 2. If additional_input != Null, then (Key, V) = HMAC_DRBG_Update(additional_input, Key, V).
    if (!additional_input.empty()) update(additional_input);
    // 3-5. temp = V || V' || ...; returned_bits = leftmost(temp, requested_number_of_bits).
    while (!out.empty()) {
        v_ = hmac_of(key_, v_.view(), {}, {});  // 4.1 V = HMAC(Key, V)
        const std::size_t take = std::min(out.size(), outlen);
        std::copy_n(v_.view().begin(), take, out.begin());
        out = out.subspan(take);
    }
    // 6. (Key, V) = HMAC_DRBG_Update(additional_input, Key, V).
    update(additional_input);
    // 7. reseed_counter = reseed_counter + 1.
    ++reseed_counter_;
}

void HmacDrbg::fill(MutableByteView out) {
    while (!out.empty()) {
        const std::size_t take = std::min(out.size(), max_bytes_per_request);
        generate(out.first(take), {});
        out = out.subspan(take);
    }
}

}  // namespace lucid::crypto
