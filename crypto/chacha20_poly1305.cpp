// ChaCha20-Poly1305, RFC 8439 §2.8.
//
//   one-time Poly1305 key  = chacha20_block(key, 0, nonce)[0..31]          §2.6
//   ciphertext             = chacha20 with counter 1 over the plaintext     §2.4
//   mac_data               = aad || pad16(aad) || ciphertext || pad16(ciphertext)
//                            || le64(len(aad)) || le64(len(ciphertext))
//   tag                    = poly1305(one-time key, mac_data)               §2.5
//
// The Poly1305 key is new for every nonce, as a one-time authenticator needs: that is why the
// nonce must never repeat under one key (a repeat also repeats the key stream).
#include "crypto/chacha20_poly1305.h"

#include <array>
#include <string>

#include "crypto/chacha20.h"
#include "crypto/ct.h"
#include "crypto/error.h"
#include "crypto/poly1305.h"
#include "crypto/words.h"

namespace lucid::crypto {

namespace {

void check_nonce(ByteView nonce) {
    if (nonce.size() != ChaCha20Poly1305::nonce_size) {
        throw Error("ChaCha20-Poly1305: the nonce is 12 bytes (RFC 8439 §2.8), got " + std::to_string(nonce.size()));
    }
}

// pad16(x): zeros up to a multiple of 16 bytes, none if already one.
void append_padded(Bytes& out, ByteView data) {
    append(out, data);
    out.resize(out.size() + (16 - data.size() % 16) % 16, 0);
}

}  // namespace

// RFC 8439 §2.6.
SecretBytes poly1305_key_gen(ByteView key, ByteView nonce) {
    std::array<std::uint8_t, chacha20_block_size> block = chacha20_block(key, 0, nonce);
    SecretBytes one_time_key(ByteView(block).first(poly1305_key_size));
    ct::wipe(block.data(), block.size());
    return one_time_key;
}

ChaCha20Poly1305::ChaCha20Poly1305(ByteView key) : key_(key) {
    if (key.size() != key_size) {
        throw Error("ChaCha20-Poly1305: the key is 32 bytes, got " + std::to_string(key.size()));
    }
}

// RFC 8439 §2.8: the tag over mac_data.
Bytes ChaCha20Poly1305::tag_for(ByteView nonce, ByteView aad, ByteView ciphertext) const {
    const SecretBytes one_time_key = poly1305_key_gen(key_.view(), nonce);
    Bytes mac_data;
    mac_data.reserve(aad.size() + ciphertext.size() + 48);
    append_padded(mac_data, aad);
    append_padded(mac_data, ciphertext);
    std::array<std::uint8_t, 16> lengths{};
    store_le64(lengths, 0, aad.size());
    store_le64(lengths, 1, ciphertext.size());
    append(mac_data, lengths);
    const std::array<std::uint8_t, 16> tag = poly1305(one_time_key.view(), mac_data);
    return Bytes(tag.begin(), tag.end());
}

// RFC 8439 §2.8 encryption.
Bytes ChaCha20Poly1305::seal(ByteView nonce, ByteView aad, ByteView plaintext) const {
    Bytes out(plaintext.size() + tag_size);
    seal(nonce, aad, plaintext, out);
    return out;
}

void ChaCha20Poly1305::seal(ByteView nonce, ByteView aad, ByteView plaintext, MutableByteView out) const {
    check_nonce(nonce);
    if (out.size() != plaintext.size() + tag_size) {
        throw Error("ChaCha20-Poly1305: the output must hold the ciphertext and the tag");
    }
    const MutableByteView ciphertext = out.first(plaintext.size());
    chacha20_xor(key_.view(), 1, nonce, plaintext, ciphertext);
    const Bytes tag = tag_for(nonce, aad, ciphertext);
    std::copy(tag.begin(), tag.end(), out.begin() + static_cast<std::ptrdiff_t>(plaintext.size()));
}

// RFC 8439 §2.8 decryption: "the receiver ... calculates the tag and compares it to the received
// one", with §4: "the comparison of the computed tag with the received tag MUST be done in
// constant time". The tag is checked before anything is decrypted.
std::optional<Bytes> ChaCha20Poly1305::open(ByteView nonce, ByteView aad, ByteView ciphertext, ByteView tag) const {
    Bytes plaintext(ciphertext.size());
    if (!open(nonce, aad, ciphertext, tag, plaintext)) return std::nullopt;
    return plaintext;
}

bool ChaCha20Poly1305::open(ByteView nonce, ByteView aad, ByteView ciphertext, ByteView tag, MutableByteView out) const {
    check_nonce(nonce);
    if (out.size() != ciphertext.size()) throw Error("ChaCha20-Poly1305: the output must be as long as the ciphertext");
    if (tag.size() != tag_size) {
        throw Error("ChaCha20-Poly1305: the tag is 16 bytes, got " + std::to_string(tag.size()));
    }
    const Bytes expected = tag_for(nonce, aad, ciphertext);
    if (!ct::equal(expected, tag)) return false;
    chacha20_xor(key_.view(), 1, nonce, ciphertext, out);
    return true;
}

}  // namespace lucid::crypto
