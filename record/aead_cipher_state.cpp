// AEAD record protection: RFC 5246 §6.2.3.3 GenericAEADCipher, with the nonces of RFC 5288 §3
// (AES-GCM) and RFC 7905 §2 (ChaCha20-Poly1305).
//
//   TLSCiphertext with AES-GCM
//   +------+---------+--------+------------------+-------------------------+-----------+
//   | type | version | length | nonce_explicit   |  ciphertext             |  tag      |
//   |  1   |    2    |   2    |  8 (public)      |  TLSCompressed.length   |  16       |
//   +------+---------+--------+------------------+-------------------------+-----------+
//   ChaCha20-Poly1305 has no nonce_explicit: both sides compute the nonce from the sequence number.
//
// Why an AEAD record needs none of the CBC machinery (cbc_cipher_state.cpp): the tag covers the
// ciphertext and is checked before anything is decrypted, so there is no padding to inspect and no
// plaintext-dependent work before the one constant-time comparison. Nothing can leak through a
// padding oracle or Lucky Thirteen, because the receiver learns nothing from a forged record except
// "bad_record_mac", after the same work for every forgery of that length.
//
// Why the sequence number as GCM's explicit nonce. RFC 5288 §3 lets the sender choose
// nonce_explicit but requires that "each value of the nonce_explicit be distinct for each distinct
// invocation of the GCM encrypt function for any fixed key": a repeated (key, nonce) pair reveals
// the XOR of two plaintexts and lets an attacker recover GHASH's key and forge records (Joux 2006;
// Böck et al., "Nonce-Disrespecting Adversaries", 2016, found servers sending random or repeated
// nonces). The write sequence number (RFC 5246 §6.1) is distinct for every record under one key
// by construction (it never wraps: §6.1 requires renegotiation first), which is why OpenSSL and
// Go send it, and we do the same; no random generator is needed.
#include "record/aead_cipher_state.h"

#include <optional>

#include "crypto/chacha20_poly1305.h"
#include "crypto/error.h"
#include "crypto/gcm.h"
#include "record/codec.h"
#include "record/tls_error.h"

namespace lucid::record {

namespace {

[[noreturn]] void fail() { throw TlsError(AlertDescription::bad_record_mac, bad_record_mac_sentence); }

Bytes seq_bytes(std::uint64_t seq) {
    Writer w;
    w.u64(seq);
    return w.take();
}

}  // namespace

AeadSizes aead_sizes(AeadAlgorithm algorithm) {
    switch (algorithm) {
        case AeadAlgorithm::aes_128_gcm: return {16, 4, 8, 16};        // RFC 5288 §3
        case AeadAlgorithm::aes_256_gcm: return {32, 4, 8, 16};        // RFC 5288 §3
        case AeadAlgorithm::chacha20_poly1305: return {32, 12, 0, 16};  // RFC 7905 §2
    }
    throw Error("unknown AEAD algorithm");
}

std::string aead_name(AeadAlgorithm algorithm) {
    switch (algorithm) {
        case AeadAlgorithm::aes_128_gcm: return "AES_128_GCM";
        case AeadAlgorithm::aes_256_gcm: return "AES_256_GCM";
        case AeadAlgorithm::chacha20_poly1305: return "CHACHA20_POLY1305";
    }
    return "unknown";
}

// RFC 5288 §3: "The nonce ... MUST be [salt || nonce_explicit]"; RFC 7905 §2: "The 64-bit record
// sequence number is serialized as an 8-byte, big-endian value and padded on the left with four
// 0x00 bytes. The resulting 12-byte value is XORed with the client_write_IV ...".
Bytes aead_record_nonce(AeadAlgorithm algorithm, ByteView fixed_iv, std::uint64_t seq) {
    const AeadSizes sizes = aead_sizes(algorithm);
    if (fixed_iv.size() != sizes.fixed_iv_length) throw Error("AEAD: the fixed IV has the wrong length");
    const Bytes seq8 = seq_bytes(seq);
    if (sizes.explicit_nonce_length > 0) return concat({fixed_iv, seq8});
    Bytes nonce(fixed_iv.begin(), fixed_iv.end());
    for (std::size_t i = 0; i < 8; ++i) nonce[4 + i] ^= seq8[i];
    return nonce;
}

struct AeadCipherState::Impl {
    AeadAlgorithm algorithm;
    AeadSizes sizes;
    SecretBytes fixed_iv;
    std::optional<crypto::AesGcm> gcm;
    std::optional<crypto::ChaCha20Poly1305> chacha;

    Bytes seal(ByteView nonce, ByteView aad, ByteView plaintext) const {
        return gcm ? gcm->seal(nonce, aad, plaintext) : chacha->seal(nonce, aad, plaintext);
    }
    std::optional<Bytes> open(ByteView nonce, ByteView aad, ByteView ciphertext, ByteView tag) const {
        return gcm ? gcm->open(nonce, aad, ciphertext, tag) : chacha->open(nonce, aad, ciphertext, tag);
    }
};

AeadCipherState::AeadCipherState(AeadAlgorithm algorithm, const TrafficKeys& keys)
    : impl_(std::make_unique<Impl>()) {
    impl_->algorithm = algorithm;
    impl_->sizes = aead_sizes(algorithm);
    if (keys.enc_key.size() != impl_->sizes.key_length || keys.iv.size() != impl_->sizes.fixed_iv_length) {
        throw Error(aead_name(algorithm) + ": the key must be " + std::to_string(impl_->sizes.key_length) +
                    " bytes and the fixed IV " + std::to_string(impl_->sizes.fixed_iv_length));
    }
    impl_->fixed_iv = keys.iv.clone();
    if (algorithm == AeadAlgorithm::chacha20_poly1305) impl_->chacha.emplace(keys.enc_key.view());
    else impl_->gcm.emplace(keys.enc_key.view());
}

AeadCipherState::~AeadCipherState() = default;

std::string AeadCipherState::name() const { return aead_name(impl_->algorithm) + " (AEAD)"; }

std::size_t AeadCipherState::max_overhead() const { return impl_->sizes.record_overhead(); }

// RFC 5246 §6.2.3.3: AEADEncrypted = AEAD-Encrypt(write_key, nonce, plaintext, additional_data).
Bytes AeadCipherState::protect(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView plaintext,
                               crypto::RandomSource&) {
    if (plaintext.size() > max_plaintext_length) throw Error("AEAD protect: plaintext longer than 2^14 bytes");
    trace_ = CipherTrace{};
    trace_.nonce = aead_record_nonce(impl_->algorithm, impl_->fixed_iv.view(), seq);
    trace_.additional_data = mac_header(seq, type, version, plaintext.size());
    trace_.content_length = plaintext.size();
    const Bytes sealed = impl_->seal(trace_.nonce, trace_.additional_data, plaintext);
    trace_.tag.assign(sealed.end() - static_cast<std::ptrdiff_t>(impl_->sizes.tag_length), sealed.end());
    const ByteView explicit_nonce = ByteView(trace_.nonce).last(impl_->sizes.explicit_nonce_length);
    return concat({explicit_nonce, sealed});
}

// RFC 5246 §6.2.3.3: "If the decryption fails, a fatal bad_record_mac alert MUST be generated."
// The lengths checked with branches are public (the fragment length); the tag is compared in
// constant time inside open(), before any plaintext exists.
Bytes AeadCipherState::unprotect(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView fragment) {
    trace_ = CipherTrace{};
    const AeadSizes& sizes = impl_->sizes;
    if (fragment.size() < sizes.record_overhead()) fail();
    // GCM: the nonce takes the explicit part the sender wrote; ChaCha20-Poly1305: our own seq.
    Bytes nonce = aead_record_nonce(impl_->algorithm, impl_->fixed_iv.view(), seq);
    const ByteView explicit_nonce = fragment.first(sizes.explicit_nonce_length);
    std::copy(explicit_nonce.begin(), explicit_nonce.end(), nonce.end() - static_cast<std::ptrdiff_t>(explicit_nonce.size()));
    const ByteView ciphertext = fragment.subspan(sizes.explicit_nonce_length, fragment.size() - sizes.record_overhead());
    const ByteView tag = fragment.last(sizes.tag_length);
    const Bytes additional_data = mac_header(seq, type, version, ciphertext.size());
    std::optional<Bytes> plaintext = impl_->open(nonce, additional_data, ciphertext, tag);
    if (!plaintext) fail();
    trace_.nonce = std::move(nonce);
    trace_.additional_data = additional_data;
    trace_.tag.assign(tag.begin(), tag.end());
    trace_.content_length = plaintext->size();
    return std::move(*plaintext);
}

}  // namespace lucid::record
