// AES-GCM, NIST SP 800-38D §6-§7, step by step.
//
//   H  = CIPH_K(0^128)                                     the hash subkey (constructor)
//   J0 = IV || 0^31 || 1                 if len(IV) = 96   the pre-counter block
//        GHASH_H(IV || 0^(s+64) || [len(IV)]_64)  otherwise
//   C  = GCTR_K(inc32(J0), P)                              counter mode from J0 + 1
//   S  = GHASH_H(A || 0^v || C || 0^u || [len(A)]_64 || [len(C)]_64)
//   T  = MSB_t(GCTR_K(J0, S))                              S encrypted with the first counter
//
// Why the counter starts at J0 + 1: CIPH_K(J0) is kept to mask S, so that the tag reveals nothing
// of H. Why the IV must never repeat under one key: two messages under the same counters XOR to
// the XOR of their plaintexts, and two tags under the same H let an attacker solve for H and forge
// any message (Joux, "Authentication failures in NIST version of GCM", 2006). TLS guarantees
// uniqueness with the record sequence number (record/aead_cipher_state.cpp).
#include "crypto/gcm.h"

#include <algorithm>

#include "crypto/ct.h"
#include "crypto/error.h"
#include "crypto/ghash.h"

namespace lucid::crypto {

namespace {

// SP 800-38D §6.2 inc_32: the last 32 bits of the block, as a big-endian number, plus one mod 2^32.
void inc32(std::array<std::uint8_t, 16>& block) {
    for (std::size_t i = 15; i >= 12; --i) {
        if (++block[i] != 0) break;  // the counter is public (it counts blocks)
    }
}

void check_iv(ByteView iv) {
    // §5.2.1.1: "1 <= len(IV) <= 2^64 - 1"; bytes here, so at least one.
    if (iv.empty()) throw Error("AES-GCM: the IV must not be empty (SP 800-38D §5.2.1.1)");
}

bool tag_length_allowed(std::size_t t) {
    // §5.2.1.2: t is 128, 120, 112, 104 or 96 bits, or 64 or 32 for some applications.
    return t == 16 || t == 15 || t == 14 || t == 13 || t == 12 || t == 8 || t == 4;
}

}  // namespace

// §7.1 step 1: H = CIPH_K(0^128).
AesGcm::AesGcm(ByteView key) : aes_(key) {
    const Block zero{};
    aes_.encrypt_block(zero.data(), h_.data());
}

AesGcm::~AesGcm() { ct::wipe(h_.data(), h_.size()); }

// §7.1 step 2.
AesGcm::Block AesGcm::pre_counter_block(ByteView iv) const {
    Block j0{};
    if (iv.size() == 12) {
        std::copy(iv.begin(), iv.end(), j0.begin());
        j0[15] = 1;
        return j0;
    }
    Ghash ghash(h_);
    ghash.absorb_padded(iv);         // IV || 0^s
    ghash.absorb_lengths(0, iv.size());  // 0^64 || [len(IV)]_64
    return ghash.digest();
}

// §6.5 GCTR: Y_i = X_i xor CIPH_K(CB_i), CB_1 = ICB, CB_i = inc32(CB_(i-1)); the last block may be
// partial and uses the leftmost bytes of its key stream block. The counter blocks do not depend on
// any cipher output, so 8 of them are made first and encrypted together (Aes::encrypt_blocks: 8 in
// flight with AES-NI, 4 at a time in the bit-sliced code).
void AesGcm::gctr(const Block& initial_counter, ByteView in, MutableByteView out) const {
    constexpr std::size_t batch = 8 * 16;
    std::array<std::uint8_t, batch> counters{};
    std::array<std::uint8_t, batch> key_stream{};
    Block counter = initial_counter;
    for (std::size_t offset = 0; offset < in.size(); offset += batch) {
        const std::size_t n = std::min(batch, in.size() - offset);
        const std::size_t blocks_bytes = (n + 15) / 16 * 16;
        for (std::size_t b = 0; b < blocks_bytes; b += 16) {
            std::copy(counter.begin(), counter.end(), counters.begin() + static_cast<std::ptrdiff_t>(b));
            inc32(counter);
        }
        aes_.encrypt_blocks(ByteView(counters).first(blocks_bytes), MutableByteView(key_stream).first(blocks_bytes));
        for (std::size_t i = 0; i < n; ++i) out[offset + i] = in[offset + i] ^ key_stream[i];
    }
    ct::wipe(key_stream.data(), key_stream.size());
}

// §7.1 steps 5-6 (and §7.2 steps 6-7): S = GHASH_H(A, C, lengths), T = GCTR_K(J0, S).
AesGcm::Block AesGcm::tag_for(const Block& j0, ByteView aad, ByteView ciphertext) const {
    Ghash ghash(h_);
    ghash.absorb_padded(aad);
    ghash.absorb_padded(ciphertext);
    ghash.absorb_lengths(aad.size(), ciphertext.size());
    const Block s = ghash.digest();
    Block t{};
    gctr(j0, s, t);
    return t;
}

// §7.1 GCM-AE_K(IV, P, A) = (C, T).
Bytes AesGcm::seal(ByteView iv, ByteView aad, ByteView plaintext) const {
    Bytes out(plaintext.size() + tag_size);
    seal(iv, aad, plaintext, out);
    return out;
}

void AesGcm::seal(ByteView iv, ByteView aad, ByteView plaintext, MutableByteView out) const {
    check_iv(iv);
    if (out.size() != plaintext.size() + tag_size) throw Error("AES-GCM: the output must hold the ciphertext and the tag");
    const Block j0 = pre_counter_block(iv);
    Block first_counter = j0;
    inc32(first_counter);
    const MutableByteView ciphertext = out.first(plaintext.size());
    gctr(first_counter, plaintext, ciphertext);
    const Block t = tag_for(j0, aad, ciphertext);
    std::copy(t.begin(), t.end(), out.begin() + static_cast<std::ptrdiff_t>(plaintext.size()));
}

// §7.2 GCM-AD_K(IV, C, A, T): the tag is recomputed from C (step 7) and compared (step 8) before
// the plaintext is produced (step 4 of the standard, done here only once the tag matched).
// The tag is secret until compared: ct::equal reads every byte whatever they hold; its length is
// public.
std::optional<Bytes> AesGcm::open(ByteView iv, ByteView aad, ByteView ciphertext, ByteView tag) const {
    Bytes plaintext(ciphertext.size());
    if (!open(iv, aad, ciphertext, tag, plaintext)) return std::nullopt;
    return plaintext;
}

bool AesGcm::open(ByteView iv, ByteView aad, ByteView ciphertext, ByteView tag, MutableByteView out) const {
    check_iv(iv);
    if (out.size() != ciphertext.size()) throw Error("AES-GCM: the output must be as long as the ciphertext");
    if (!tag_length_allowed(tag.size())) {
        throw Error("AES-GCM: a tag of " + std::to_string(tag.size()) +
                    " bytes is not allowed (16, 15, 14, 13, 12, 8 or 4; SP 800-38D §5.2.1.2)");
    }
    const Block j0 = pre_counter_block(iv);
    const Block expected = tag_for(j0, aad, ciphertext);
    if (!ct::equal(ByteView(expected).first(tag.size()), tag)) return false;
    Block first_counter = j0;
    inc32(first_counter);
    gctr(first_counter, ciphertext, out);
    return true;
}

}  // namespace lucid::crypto
