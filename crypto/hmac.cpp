// HMAC (RFC 2104): H(K xor opad || H(K xor ipad || text)).
//
// Why two nested hashes and not H(K || text)? With a Merkle-Damgard hash, H(K || text) lets anyone
// who sees it compute H(K || text || padding || more) without K (length extension). The outer
// hash under a second derived key closes that door (Bellare, Canetti, Krawczyk 1996).
//
// Secrets here: the key and everything derived from it (K xor ipad, K xor opad, the hash states
// after absorbing them, the inner digest). They live in SecretBytes or in hash objects that wipe
// themselves; nothing branches on their values.
#include "crypto/hmac.h"

#include <algorithm>
#include <array>
#include <string>

#include "crypto/ct.h"
#include "crypto/error.h"

namespace lucid::crypto {

namespace {

constexpr std::uint8_t ipad = 0x36;  // RFC 2104 §2: "the byte 0x36 repeated B times"
constexpr std::uint8_t opad = 0x5c;  // "the byte 0x5C repeated B times"

}  // namespace

// RFC 2104 §2: step (1) makes the key exactly B bytes long; steps (2) and (5) xor it with ipad and
// opad. Both padded keys are hashed once here, and the two hash states reused for every message.
Hmac::Hmac(HashAlgorithm alg, ByteView key) : alg_(alg) {
    const std::size_t B = block_size(alg);
    SecretBytes block_key(B);  // zero bytes: "append zeros to the end of K to create a B byte string"
    if (key.size() > B) {
        // "Applications that use keys longer than B bytes will first hash the key using H and then
        // use the resultant L byte string as the actual key to HMAC."
        std::unique_ptr<Hash> key_hash = make_hash(alg);
        key_hash->update(key);
        key_hash->final(block_key.mutable_view().first(digest_size(alg)));
    } else {
        std::copy(key.begin(), key.end(), block_key.mutable_view().begin());
    }

    SecretBytes ipad_key(B);
    SecretBytes opad_key(B);
    for (std::size_t i = 0; i < B; ++i) {
        ipad_key.mutable_view()[i] = block_key.view()[i] ^ ipad;
        opad_key.mutable_view()[i] = block_key.view()[i] ^ opad;
    }

    // Steps (3) and (6) begin: the inner hash absorbs K xor ipad, the outer one K xor opad, before
    // anything else. Both states are kept; every message starts from copies of them.
    inner_keyed_ = make_hash(alg);
    inner_keyed_->update(ipad_key.view());
    outer_keyed_ = make_hash(alg);
    outer_keyed_->update(opad_key.view());
    inner_ = inner_keyed_->clone();
    outer_ = outer_keyed_->clone();
}

Hmac::Hmac(const Hmac& other)
    : alg_(other.alg_),
      inner_keyed_(other.inner_keyed_->clone()),
      outer_keyed_(other.outer_keyed_->clone()),
      inner_(other.inner_->clone()),
      outer_(other.outer_->clone()) {}

Hmac::~Hmac() = default;

HashAlgorithm Hmac::algorithm() const { return alg_; }

std::size_t Hmac::mac_size() const { return digest_size(alg_); }

// RFC 2104 §2 step (3), continued: the text is appended to K xor ipad.
void Hmac::update(ByteView data) { inner_->update(data); }

// RFC 2104 §2 steps (4)-(7): finish the inner hash, then H(K xor opad || inner digest).
void Hmac::final(MutableByteView out) {
    if (out.size() != mac_size()) {
        throw Error("hmac-" + std::string(hash_name(alg_)) + ": the MAC needs a buffer of " +
                    std::to_string(mac_size()) + " bytes, not " + std::to_string(out.size()));
    }
    std::array<std::uint8_t, 64> inner_buffer{};  // the largest digest (SHA-512); secret
    const MutableByteView inner_digest = MutableByteView(inner_buffer).first(mac_size());
    inner_->final(inner_digest);  // also resets inner_

    outer_->assign(*outer_keyed_);  // K xor opad already absorbed
    outer_->update(inner_digest);
    outer_->final(out);
    ct::wipe(inner_buffer.data(), inner_buffer.size());

    // Ready for the next message under the same key.
    inner_->assign(*inner_keyed_);
}

Bytes Hmac::final() {
    Bytes out(mac_size());
    final(out);
    return out;
}

Bytes hmac(HashAlgorithm alg, ByteView key, ByteView data) {
    Hmac mac(alg, key);
    mac.update(data);
    return mac.final();
}

}  // namespace lucid::crypto
