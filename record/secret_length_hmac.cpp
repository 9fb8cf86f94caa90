// The arithmetic of Lucky Thirteen (AlFardan and Paterson, 2013), and why this file exists.
//
// SHA-1 and SHA-256 eat 64-byte blocks; the padding they add is at least 9 bytes (0x80 and an
// 8-byte length), so hashing m bytes costs ceil((m + 9) / 64) calls of the compression function
// (SHA-384: 128-byte blocks, 17 bytes of padding). The HMAC of a TLS record hashes
//     64 (K xor ipad) + 13 (seq_num, type, version, length) + L (the content)
// in its inner hash. The content length L = n - mac_length - 1 - padding_length, where n is the
// decrypted length (public) and padding_length the last decrypted byte (secret: an attacker who
// changed a ciphertext block does not know what it decrypts to). If the MAC were computed over the
// L bytes only, a padding_length of 0 and one of 255 would differ by 4 blocks of content: 4 fewer
// compressions, about a microsecond, which the paper measured across a LAN and used to decide
// whether the last bytes of a block decrypted to a valid padding, and so to recover plaintext.
// Vaudenay (2002) had shown the first step: a server that answers "bad padding" differently
// from "bad MAC" decrypts any block for the attacker, one byte per 128 queries on average.
//
// The countermeasure here: the length L is secret but lies in a public range
//     max_length = n - mac_length - 1          (padding_length 0)
//     min_length = max(0, max_length - 255)    (padding_length 255)
// We hash the content up to min_length once, then for EVERY candidate length k in the range we
// finish a copy of the inner hash (clone + final), and keep the digest of the candidate k == L
// with a constant-time conditional copy. Every record of n bytes therefore costs the same
// compressions: those for the longest candidate plus one final per candidate, whatever L is; and
// every candidate's digest is read and written the same way. The price: at most 256 extra
// finals (1 or 2 compressions each) per record, roughly doubling the MAC cost of a full 16 KiB
// record; small records have fewer candidates (the range cannot go below 0).
//
// BearSSL (ssl_rec_cbc.c with br_hmac_outCT) reaches the same goal inside the compression loop,
// cheaper and harder to read; Botan (tls_cbc.cpp) computes the real MAC and then feeds dummy
// blocks so that the total number of compressions is constant. We chose the version a student
// can check by counting.
#include "record/secret_length_hmac.h"

#include <algorithm>
#include <memory>

#include "crypto/ct.h"
#include "crypto/error.h"
#include "crypto/secret.h"

namespace lucid::record {

// RFC 2104 §2 steps (1)-(2) and (5), once per key: the key made exactly B bytes long (TLS MAC keys
// never exceed B), xored with ipad and opad, and hashed as the first block of each hash.
SecretLengthHmac::SecretLengthHmac(crypto::HashAlgorithm alg, ByteView key)
    : digest_size_(crypto::digest_size(alg)), inner_keyed_(crypto::make_hash(alg)), outer_keyed_(crypto::make_hash(alg)),
      inner_(crypto::make_hash(alg)), finished_(crypto::make_hash(alg)), outer_(crypto::make_hash(alg)),
      selected_(digest_size_), candidate_(digest_size_) {
    const std::size_t B = crypto::block_size(alg);
    SecretBytes block_key(B);
    if (key.size() > B) {
        SecretBytes hashed = SecretBytes::adopt(crypto::digest(alg, key));
        std::copy(hashed.view().begin(), hashed.view().end(), block_key.mutable_view().begin());
    } else {
        std::copy(key.begin(), key.end(), block_key.mutable_view().begin());
    }
    SecretBytes ipad_key(B), opad_key(B);
    for (std::size_t i = 0; i < B; ++i) {
        ipad_key.mutable_view()[i] = static_cast<std::uint8_t>(block_key.view()[i] ^ 0x36);
        opad_key.mutable_view()[i] = static_cast<std::uint8_t>(block_key.view()[i] ^ 0x5c);
    }
    inner_keyed_->update(ipad_key.view());
    outer_keyed_->update(opad_key.view());
}

// RFC 2104 §2, with the inner hash finished at every candidate length.
void SecretLengthHmac::compute(ByteView header, ByteView data, std::uint32_t length, std::size_t min_length,
                               std::size_t max_length, MutableByteView out) {
    if (min_length > max_length || data.size() < max_length || out.size() != digest_size_) {
        throw Error("hmac_secret_length: the range or the buffers do not fit together");
    }
    const MutableByteView selected = selected_.mutable_view();
    std::fill(selected.begin(), selected.end(), 0);  // as if no candidate matched: then no MAC does
    // Steps (2)-(3): H(K xor ipad || header || data[0..min_length)) is common to all candidates.
    inner_->assign(*inner_keyed_);
    inner_->update(header);
    inner_->update(data.first(min_length));

    // Step (4) at every candidate end k; the secret `length` only steers the conditional copy.
    for (std::size_t k = min_length;; ++k) {
        finished_->assign(*inner_);
        finished_->final(candidate_.mutable_view());
        const ct::Mask is_this = ct::eq(static_cast<std::uint32_t>(k), length);
        ct::conditional_copy(is_this, selected, candidate_.view());
        if (k == max_length) break;  // k is public
        inner_->update(data.subspan(k, 1));
    }

    // Steps (5)-(7): H(K xor opad || inner digest), the same for every candidate.
    outer_->assign(*outer_keyed_);
    outer_->update(selected_.view());
    outer_->final(out);
}

void hmac_secret_length(crypto::HashAlgorithm alg, ByteView key, ByteView header, ByteView data,
                        std::uint32_t length, std::size_t min_length, std::size_t max_length,
                        MutableByteView out) {
    SecretLengthHmac(alg, key).compute(header, data, length, min_length, max_length, out);
}

}  // namespace lucid::record
