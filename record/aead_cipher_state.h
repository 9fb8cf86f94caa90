// AEAD record protection, RFC 5246 §6.2.3.3: AES-GCM (RFC 5288) and ChaCha20-Poly1305 (RFC 7905).
//
//   AES-GCM (RFC 5288 §3)                         ChaCha20-Poly1305 (RFC 7905 §2)
//   fragment = nonce_explicit[8]                  fragment = ciphertext || tag[16]
//              || ciphertext || tag[16]
//   nonce    = salt[4] || nonce_explicit[8]       nonce    = iv[12] XOR (0^4 || seq_num[8])
//
//   additional_data = seq_num[8] || type[1] || version[2] || length[2]   (length of the plaintext)
//
// The implicit part (GCM's 4-byte salt, ChaCha's 12-byte IV) is the client_write_IV or
// server_write_IV of the key block (RFC 5246 §6.3); TrafficKeys.mac_key is empty (an AEAD has no
// separate MAC). A record whose tag does not verify throws TlsError(bad_record_mac) with
// bad_record_mac_sentence and releases no plaintext.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "record/cipher_state.h"

namespace lucid::record {

enum class AeadAlgorithm : std::uint8_t { aes_128_gcm, aes_256_gcm, chacha20_poly1305 };

// What the key block and the record format need per algorithm (RFC 5288 §3, RFC 7905 §2).
struct AeadSizes {
    std::size_t key_length = 0;             // SecurityParameters.enc_key_length: 16, 32, 32
    std::size_t fixed_iv_length = 0;        // SecurityParameters.fixed_iv_length: 4 (salt), 12
    std::size_t explicit_nonce_length = 0;  // SecurityParameters.record_iv_length: 8, 0
    std::size_t tag_length = 0;             // 16 for all three
    std::size_t nonce_length() const { return 12; }  // fixed + explicit for GCM; the IV for ChaCha
    std::size_t record_overhead() const { return explicit_nonce_length + tag_length; }
};

AeadSizes aead_sizes(AeadAlgorithm algorithm);
std::string aead_name(AeadAlgorithm algorithm);  // "AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"

// The nonce of record number seq: salt || seq (GCM) or iv XOR seq (ChaCha20-Poly1305).
Bytes aead_record_nonce(AeadAlgorithm algorithm, ByteView fixed_iv, std::uint64_t seq);

class AeadCipherState final : public CipherState {
public:
    // keys.enc_key is the key, keys.iv the implicit part; throws lucid::Error for wrong lengths.
    AeadCipherState(AeadAlgorithm algorithm, const TrafficKeys& keys);
    ~AeadCipherState() override;
    std::string name() const override;  // "AES_128_GCM (AEAD)"
    // rng is not used: the explicit nonce is the sequence number (see aead_cipher_state.cpp).
    std::size_t seal(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView plaintext,
                     crypto::RandomSource& rng, MutableByteView out) override;
    ByteView open(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView fragment,
                  MutableByteView out) override;
    std::size_t max_overhead() const override;  // 8 + 16 for GCM, 16 for ChaCha20-Poly1305

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace lucid::record
