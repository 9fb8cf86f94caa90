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

#include <algorithm>
#include <array>
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

namespace {

using Nonce = std::array<std::uint8_t, 12>;

// aead_record_nonce() without an allocation, for every record (the lengths were checked when the
// state was made).
Nonce record_nonce(const AeadSizes& sizes, ByteView fixed_iv, std::uint64_t seq) {
    Nonce nonce{};
    std::copy(fixed_iv.begin(), fixed_iv.end(), nonce.begin());
    for (std::size_t i = 0; i < 8; ++i) {
        const auto byte = static_cast<std::uint8_t>(seq >> (56 - 8 * i));
        if (sizes.explicit_nonce_length > 0) nonce[4 + i] = byte;  // RFC 5288: salt || seq
        else nonce[4 + i] ^= byte;                                 // RFC 7905: IV xor seq
    }
    return nonce;
}

}  // namespace

struct AeadCipherState::Impl {
    AeadAlgorithm algorithm;
    AeadSizes sizes;
    SecretBytes fixed_iv;
    std::optional<crypto::AesGcm> gcm;
    std::optional<crypto::ChaCha20Poly1305> chacha;

    void seal(ByteView nonce, ByteView aad, ByteView plaintext, MutableByteView out) const {
        if (gcm) gcm->seal(nonce, aad, plaintext, out);
        else chacha->seal(nonce, aad, plaintext, out);
    }
    bool open(ByteView nonce, ByteView aad, ByteView ciphertext, ByteView tag, MutableByteView out) const {
        return gcm ? gcm->open(nonce, aad, ciphertext, tag, out) : chacha->open(nonce, aad, ciphertext, tag, out);
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

// RFC 5246 §6.2.3.3: AEADEncrypted = AEAD-Encrypt(write_key, nonce, plaintext, additional_data),
// written after the explicit nonce.
std::size_t AeadCipherState::seal(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView plaintext,
                                  crypto::RandomSource&, MutableByteView out) {
    if (plaintext.size() > max_plaintext_length) throw Error("AEAD protect: plaintext longer than 2^14 bytes");
    const AeadSizes& sizes = impl_->sizes;
    const std::size_t length = plaintext.size() + sizes.record_overhead();
    if (out.size() < length) throw Error("seal: the output buffer is too short for the record");
    const Nonce nonce = record_nonce(sizes, impl_->fixed_iv.view(), seq);
    const MacHeader additional_data = make_mac_header(seq, type, version, plaintext.size());
    const ByteView explicit_nonce = ByteView(nonce).last(sizes.explicit_nonce_length);
    std::copy(explicit_nonce.begin(), explicit_nonce.end(), out.begin());
    const MutableByteView sealed = out.subspan(sizes.explicit_nonce_length, plaintext.size() + sizes.tag_length);
    impl_->seal(nonce, additional_data, plaintext, sealed);
    if (tracing_) {
        trace_ = CipherTrace{};
        trace_.nonce.assign(nonce.begin(), nonce.end());
        trace_.additional_data.assign(additional_data.begin(), additional_data.end());
        trace_.content_length = plaintext.size();
        const ByteView tag = ByteView(sealed).last(sizes.tag_length);
        trace_.tag.assign(tag.begin(), tag.end());
    }
    return length;
}

// RFC 5246 §6.2.3.3: "If the decryption fails, a fatal bad_record_mac alert MUST be generated."
// The lengths checked with branches are public (the fragment length); the tag is compared in
// constant time inside open(), before any plaintext exists.
ByteView AeadCipherState::open(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView fragment,
                               MutableByteView out) {
    if (tracing_) trace_ = CipherTrace{};  // a failure leaves it empty
    const AeadSizes& sizes = impl_->sizes;
    if (fragment.size() < sizes.record_overhead()) fail();
    if (out.size() < fragment.size()) throw Error("open: the output buffer is shorter than the fragment");
    // GCM: the nonce takes the explicit part the sender wrote; ChaCha20-Poly1305: our own seq.
    Nonce nonce = record_nonce(sizes, impl_->fixed_iv.view(), seq);
    const ByteView explicit_nonce = fragment.first(sizes.explicit_nonce_length);
    std::copy(explicit_nonce.begin(), explicit_nonce.end(), nonce.end() - static_cast<std::ptrdiff_t>(explicit_nonce.size()));
    const ByteView ciphertext = fragment.subspan(sizes.explicit_nonce_length, fragment.size() - sizes.record_overhead());
    const ByteView tag = fragment.last(sizes.tag_length);
    const MacHeader additional_data = make_mac_header(seq, type, version, ciphertext.size());
    const MutableByteView plaintext = out.first(ciphertext.size());
    if (!impl_->open(nonce, additional_data, ciphertext, tag, plaintext)) fail();
    if (tracing_) {
        trace_.nonce.assign(nonce.begin(), nonce.end());
        trace_.additional_data.assign(additional_data.begin(), additional_data.end());
        trace_.tag.assign(tag.begin(), tag.end());
        trace_.content_length = plaintext.size();
    }
    return plaintext;
}

}  // namespace lucid::record
