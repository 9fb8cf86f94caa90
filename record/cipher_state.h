// Cipher states, RFC 5246 §6.1-§6.2.3: what protects one direction of a connection.
//
// How it is used: the handshake derives a key block (handshake/key_schedule.h), takes one
// direction's TrafficKeys from it, and calls make_cipher_state(spec, version, keys). The result
// goes to RecordLayer::set_write_cipher() or set_read_cipher() when ChangeCipherSpec is sent or
// received. Until then both directions use NullCipherState. A CipherState never sees the header
// bytes or the sequence number counter: the RecordLayer passes them in.
//
//   seal(type, version, seq, plaintext, rng, out)  -> TLSCiphertext.fragment, written to out
//   open(type, version, seq, fragment, out)        -> plaintext (a view into out or fragment),
//                                                     or TlsError(bad_record_mac)
// out is a buffer the caller owns and reuses (the record layer keeps one per direction), so that
// a record costs no allocation; protect() and unprotect() do the same into fresh Bytes.
//
// After each successful call, last_trace() describes what happened (IV, MAC input, MAC, padding)
// so a trace can explain every byte. After a failed open() the trace is empty: the reason
// for a failure is secret (Vaudenay 2002), and every failure is the same bad_record_mac.
//
// The three kinds:
//   NullCipherState       TLS_NULL_WITH_NULL_NULL, the initial state (§6.1): fragment = plaintext
//   NullHmacCipherState   TLS_RSA_WITH_NULL_SHA256 and friends: fragment = plaintext || MAC
//   CbcHmacCipherState    AES-128/256-CBC with HMAC-SHA1/SHA256/SHA384, MAC-then-encrypt
//                         (§6.2.3.2); the record diagram and the attacks are in
//                         cbc_cipher_state.cpp
//   EtmCbcHmacCipherState the same ciphers with encrypt-then-MAC (RFC 7366 §3), when the
//                         encrypt_then_mac extension was negotiated; etm_cipher_state.cpp
//   AeadCipherState       AES-GCM and ChaCha20-Poly1305 (§6.2.3.3), in aead_cipher_state.h
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "crypto/bytes.h"
#include "crypto/hash.h"
#include "crypto/hmac.h"
#include "crypto/random.h"
#include "crypto/secret.h"
#include "record/record.h"

namespace lucid::record {

// SecurityParameters.bulk_cipher_algorithm (§6.1). Sizes are NOT derived from this name: they come
// with it in CipherSpec, filled from the suite table (handshake/cipher_suites.cpp).
// The AEAD ones (kind aead) map to record::AeadAlgorithm (aead_cipher_state.h).
enum class BulkCipher : std::uint8_t { null, aes_128_cbc, aes_256_cbc, aes_128_gcm, aes_256_gcm, chacha20_poly1305 };
// SecurityParameters.mac_algorithm (§6.1)
enum class MacAlgorithm : std::uint8_t { null, hmac_sha1, hmac_sha256, hmac_sha384 };
// SecurityParameters.cipher_type (§6.1): the shape of the protected record, which decides the
// CipherState class: stream (here only the NULL cipher, §6.2.3.1), block (CBC, §6.2.3.2), or
// aead (§6.2.3.3).
enum class CipherKind : std::uint8_t { stream, block, aead };

// The part of a cipher suite the record layer needs, with every size (RFC 5246 §6.1
// SecurityParameters, Appendix C). The suite table lives in handshake/ (record/ cannot see it):
// handshake::record_cipher_spec() copies one row's columns into this struct, and the record layer
// uses these numbers as given, never recomputing them from the names.
struct CipherSpec {
    CipherKind kind = CipherKind::stream;
    BulkCipher bulk = BulkCipher::null;
    MacAlgorithm mac = MacAlgorithm::null;
    std::size_t enc_key_length = 0;    // SecurityParameters.enc_key_length
    std::size_t fixed_iv_length = 0;   // the key block's IV per direction: CBC 16 (used by TLS 1.0
                                       // only), GCM 4 (RFC 5288 §3), ChaCha20-Poly1305 12 (RFC 7905 §2)
    std::size_t record_iv_length = 0;  // explicit IV / nonce in each record: CBC 16 (TLS 1.1+), GCM 8
    std::size_t block_length = 0;      // SecurityParameters.block_length: 16 for AES, 0 otherwise
    std::size_t mac_length = 0;        // = mac_key_length; 0 for AEAD and the initial NULL state
    std::size_t tag_length = 0;        // AEAD authentication tag: 16 for GCM and ChaCha20-Poly1305
    // RFC 7366: block ciphers only, set by the handshake when encrypt_then_mac was negotiated (not
    // a column of the suite table: a property of the connection). The key block is the same.
    bool encrypt_then_mac = false;
    friend bool operator==(const CipherSpec&, const CipherSpec&) = default;
};

std::string bulk_cipher_name(BulkCipher bulk);  // "AES_128_CBC", "AES_128_GCM", "CHACHA20_POLY1305", "NULL"
std::string mac_name(MacAlgorithm mac);         // "HMAC-SHA256", "NULL"
std::size_t mac_length(MacAlgorithm mac);       // 20, 32, 48; 0 for NULL
inline constexpr std::size_t max_mac_length = 48;  // HMAC-SHA384
// The hash under the HMAC; throws lucid::Error for MacAlgorithm::null.
crypto::HashAlgorithm mac_hash(MacAlgorithm mac);
// The HMAC over `hash` (RFC 5246 §6.2.3.1 "HMAC ... using the hash algorithm of the suite").
MacAlgorithm hmac_with(crypto::HashAlgorithm hash);

// The one sentence of every decryption failure, length, padding or MAC alike. RFC 5246 §7.2.2,
// bad_record_mac: "This alert also MUST be returned if an alert is sent because a TLSCiphertext
// decrypted in an invalid way: either it wasn't an even multiple of the block length, or its
// padding values, when checked, weren't correct."
inline constexpr const char* bad_record_mac_sentence =
    "bad_record_mac: the record did not decrypt and authenticate (RFC 5246 §6.2.3)";

// RFC 5246 §6.2.3.1: seq_num + TLSCompressed.type + TLSCompressed.version + TLSCompressed.length,
// the 13 bytes the MAC covers before TLSCompressed.fragment (and the AEAD additional_data).
using MacHeader = std::array<std::uint8_t, 13>;
MacHeader make_mac_header(std::uint64_t seq, ContentType type, ProtocolVersion version, std::size_t length);
Bytes mac_header(std::uint64_t seq, ContentType type, ProtocolVersion version, std::size_t length);

// How many bytes of the key block (§6.3) each item takes, for one direction.
struct KeyMaterialSizes {
    std::size_t mac_key_length = 0;  // SecurityParameters.mac_key_length
    std::size_t enc_key_length = 0;  // SecurityParameters.enc_key_length
    std::size_t iv_length = 0;       // SecurityParameters.fixed_iv_length
    // client MAC key + server MAC key + client key + server key + client IV + server IV
    std::size_t key_block_length() const { return 2 * (mac_key_length + enc_key_length + iv_length); }
};

// The spec's sizes, as the key block is cut (§6.3). The CBC IVs are generated in every version, as
// RFC 5246 Appendix C, OpenSSL and Go do; only TLS 1.0 uses them (TLS 1.1 and 1.2 send an explicit
// IV in each record). They come last in the key block, so generating them or not changes no key.
KeyMaterialSizes key_material_sizes(const CipherSpec& spec);

// One direction's keys: client_write_MAC_key, client_write_key, client_write_IV (or server_...).
struct TrafficKeys {
    SecretBytes mac_key;
    SecretBytes enc_key;
    SecretBytes iv;
};

// What one protect()/unprotect() did, for the trace. Nothing here is secret in a way the wire does
// not already reveal, except mac_input, which holds the plaintext (as the plaintext event does).
struct CipherTrace {
    Bytes iv;                                   // the CBC IV used for this record; empty for NULL ciphers
    bool iv_explicit = false;                   // true: the IV is the first block of the fragment (TLS 1.1+)
    Bytes mac_input;                            // seq_num || type || version || length || content (§6.2.3.1)
    Bytes mac;                                  // the MAC (as sent / as verified)
    std::optional<std::uint8_t> padding_length; // the padding_length byte (CBC only)
    std::size_t content_length = 0;             // TLSCompressed.length
    // AEAD ciphers only (aead_cipher_state.h, RFC 5246 §6.2.3.3); empty otherwise.
    Bytes nonce;                                // the full AEAD nonce of this record (12 bytes)
    Bytes additional_data;                      // seq_num || type || version || length (13 bytes)
    Bytes tag;                                  // the authentication tag (as sent / as verified)
    // RFC 7366: mac_input is seq_num || type || version || length || IV || ciphertext, and the MAC
    // follows the ciphertext on the wire; padding_length is inside the encryption, with no MAC.
    bool encrypt_then_mac = false;
};

class CipherState {
public:
    virtual ~CipherState() = default;

    // "NULL", "NULL HMAC-SHA256", "AES_128_CBC HMAC-SHA1 (explicit IV)"
    virtual std::string name() const = 0;

    // RFC 5246 §6.2.3: TLSCompressed -> TLSCiphertext.fragment, written to out, which the caller
    // owns and reuses (the record layer's buffer: no allocation per record). out must hold
    // plaintext.size() + max_overhead() bytes; returns how many were written. seq is this
    // direction's sequence number; rng supplies explicit IVs (TLS 1.1+). Throws lucid::Error if
    // plaintext is longer than max_plaintext_length (a programming error: the record layer
    // fragments first) or out is too short.
    virtual std::size_t seal(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView plaintext,
                             crypto::RandomSource& rng, MutableByteView out) = 0;

    // TLSCiphertext.fragment -> TLSCompressed.fragment. out (at least fragment.size() bytes) is the
    // caller's buffer for the decryption; the result is a view into out, or into fragment itself
    // for the ciphers that do not encrypt. Every failure (length, padding, MAC) throws
    // TlsError(bad_record_mac), with the same sentence, after the same amount of work.
    virtual ByteView open(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView fragment,
                          MutableByteView out) = 0;

    // seal() and open() into a fresh buffer: for tests and tools, which want the bytes as a value.
    Bytes protect(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView plaintext,
                  crypto::RandomSource& rng);
    Bytes unprotect(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView fragment);

    // The most fragment bytes protect() may add to a plaintext: the record layer allows a
    // TLSCiphertext up to max_plaintext_length + overhead (and never more than 2^14 + 2048).
    virtual std::size_t max_overhead() const = 0;

    // Whether seal() and open() fill last_trace() (on by default). The trace copies what the MAC
    // covered, the plaintext included: the record layer turns it off when nobody observes its
    // records, so that a record costs no copy for it. Off, last_trace() stays as it was.
    void set_tracing(bool on) { tracing_ = on; }
    const CipherTrace& last_trace() const { return trace_; }

protected:
    bool tracing_ = true;
    CipherTrace trace_;
};

// TLS_NULL_WITH_NULL_NULL (§6.1): the state every connection starts in.
class NullCipherState final : public CipherState {
public:
    std::string name() const override { return "NULL"; }
    std::size_t seal(ContentType, ProtocolVersion, std::uint64_t, ByteView plaintext, crypto::RandomSource&,
                     MutableByteView out) override;
    ByteView open(ContentType, ProtocolVersion, std::uint64_t, ByteView fragment, MutableByteView out) override;
    std::size_t max_overhead() const override { return 0; }
};

// GenericStreamCipher with the NULL cipher (§6.2.3.1): fragment = content || MAC. Integrity only:
// the teaching suite TLS_RSA_WITH_NULL_SHA256 shows the MAC with the content readable.
class NullHmacCipherState final : public CipherState {
public:
    NullHmacCipherState(MacAlgorithm mac, const SecretBytes& mac_key);
    std::string name() const override;
    std::size_t seal(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView plaintext,
                     crypto::RandomSource& rng, MutableByteView out) override;
    ByteView open(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView fragment,
                  MutableByteView out) override;
    std::size_t max_overhead() const override;

private:
    MacAlgorithm mac_;
    crypto::Hmac hmac_;  // keyed once with the MAC key
};

// GenericBlockCipher (§6.2.3.2): AES-CBC over content || MAC || padding || padding_length.
// TLS 1.1/1.2 (version >= tls11): a fresh random IV in front of each record.
// TLS 1.0: the IV of a record is the last ciphertext block of the previous one (see BEAST in
// cbc_cipher_state.cpp); the first comes from the key block.
class CbcHmacCipherState final : public CipherState {
public:
    // keys.iv is used only for TLS 1.0. Throws lucid::Error if a key's length is not the spec's.
    CbcHmacCipherState(const CipherSpec& spec, ProtocolVersion version, const TrafficKeys& keys);
    ~CbcHmacCipherState() override;
    std::string name() const override;
    std::size_t seal(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView plaintext,
                     crypto::RandomSource& rng, MutableByteView out) override;
    ByteView open(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView fragment,
                  MutableByteView out) override;
    std::size_t max_overhead() const override;

    // §6.2.3.2 allows up to 255 bytes of padding "to frustrate attacks on a protocol that are based
    // on analysis of the lengths of exchanged messages". protect() adds this many whole blocks to
    // the minimal padding, as far as 255 allows. Default 0.
    void set_extra_padding_blocks(std::size_t blocks);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// RFC 7366 §3 GenericBlockCipher: AES-CBC over content || padding || padding_length, then the
// MAC over IV || ciphertext, checked before anything is decrypted (etm_cipher_state.cpp).
class EtmCbcHmacCipherState final : public CipherState {
public:
    EtmCbcHmacCipherState(const CipherSpec& spec, ProtocolVersion version, const TrafficKeys& keys);
    ~EtmCbcHmacCipherState() override;
    std::string name() const override;
    std::size_t seal(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView plaintext,
                     crypto::RandomSource& rng, MutableByteView out) override;
    ByteView open(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView fragment,
                  MutableByteView out) override;
    std::size_t max_overhead() const override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The cipher state for spec in the given protocol version (which decides explicit vs chained IV),
// chosen by spec.kind. Throws lucid::Error for a combination that does not exist (a NULL MAC with
// a block cipher, a MAC with an AEAD, AEAD sizes that are not the algorithm's) or keys whose sizes
// are not the spec's.
std::unique_ptr<CipherState> make_cipher_state(const CipherSpec& spec, ProtocolVersion version, const TrafficKeys& keys);

}  // namespace lucid::record
