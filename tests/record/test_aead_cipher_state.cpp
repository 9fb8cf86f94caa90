// Tests of record/aead_cipher_state.cpp: AES-GCM (RFC 5288) and ChaCha20-Poly1305 (RFC 7905)
// records.
#include <doctest/doctest.h>

#include <string>

#include "crypto/hex.h"
#include "crypto/random.h"
#include "record/aead_cipher_state.h"
#include "record/tls_error.h"

using namespace lucid;
using namespace lucid::record;

namespace {

// Public test keys: bytes start, start + 1, ...
SecretBytes counting(std::size_t n, std::uint8_t start) {
    SecretBytes s(n);
    for (std::size_t i = 0; i < n; ++i) s.mutable_view()[i] = static_cast<std::uint8_t>(start + i);
    return s;
}

TrafficKeys keys_for(AeadAlgorithm algorithm) {
    const AeadSizes sizes = aead_sizes(algorithm);
    return TrafficKeys{SecretBytes(), counting(sizes.key_length, 0x40), counting(sizes.fixed_iv_length, 0xa0)};
}

// Never asked for anything: the AEAD states draw no randomness.
class NoRandom final : public crypto::RandomSource {
public:
    void fill(MutableByteView) override { FAIL("an AEAD cipher state asked for random bytes"); }
};

const AeadAlgorithm all_algorithms[] = {AeadAlgorithm::aes_128_gcm, AeadAlgorithm::aes_256_gcm,
                                        AeadAlgorithm::chacha20_poly1305};

void check_bad_record_mac(AeadCipherState& state, std::uint64_t seq, ByteView fragment) {
    try {
        state.unprotect(ContentType::application_data, tls12, seq, fragment);
        FAIL("unprotect accepted a bad record");
    } catch (const TlsError& e) {
        CHECK(e.alert() == AlertDescription::bad_record_mac);
        CHECK(std::string(e.what()) == bad_record_mac_sentence);
        CHECK(state.last_trace().nonce.empty());  // nothing of the failed record is reported
    }
}

}  // namespace

TEST_CASE("RFC 5288 §3, RFC 7905 §2: key, fixed IV, explicit nonce and tag sizes; max_overhead") {
    CHECK(aead_sizes(AeadAlgorithm::aes_128_gcm).key_length == 16);
    CHECK(aead_sizes(AeadAlgorithm::aes_256_gcm).key_length == 32);
    CHECK(aead_sizes(AeadAlgorithm::chacha20_poly1305).key_length == 32);
    CHECK(aead_sizes(AeadAlgorithm::aes_128_gcm).fixed_iv_length == 4);
    CHECK(aead_sizes(AeadAlgorithm::chacha20_poly1305).fixed_iv_length == 12);
    CHECK(aead_sizes(AeadAlgorithm::aes_256_gcm).explicit_nonce_length == 8);
    CHECK(aead_sizes(AeadAlgorithm::chacha20_poly1305).explicit_nonce_length == 0);
    CHECK(AeadCipherState(AeadAlgorithm::aes_128_gcm, keys_for(AeadAlgorithm::aes_128_gcm)).max_overhead() == 24);
    CHECK(AeadCipherState(AeadAlgorithm::chacha20_poly1305, keys_for(AeadAlgorithm::chacha20_poly1305)).max_overhead() == 16);
    CHECK(AeadCipherState(AeadAlgorithm::aes_256_gcm, keys_for(AeadAlgorithm::aes_256_gcm)).name() == "AES_256_GCM (AEAD)");
}

TEST_CASE("RFC 5246 §6.2.3.3: AEAD records round-trip, with nonce, additional data and tag in the trace") {
    NoRandom rng;
    for (AeadAlgorithm algorithm : all_algorithms) {
        INFO(aead_name(algorithm));
        AeadCipherState sender(algorithm, keys_for(algorithm));
        AeadCipherState receiver(algorithm, keys_for(algorithm));
        for (std::size_t length : {std::size_t{0}, std::size_t{1}, std::size_t{16}, std::size_t{100}, max_plaintext_length}) {
            Bytes plaintext(length, 0x5a);
            const std::uint64_t seq = 7 + length;
            const Bytes fragment = sender.protect(ContentType::application_data, tls12, seq, plaintext, rng);
            CHECK(fragment.size() == length + sender.max_overhead());
            CHECK(sender.last_trace().additional_data.size() == 13);
            CHECK(sender.last_trace().tag == Bytes(fragment.end() - 16, fragment.end()));
            CHECK(receiver.unprotect(ContentType::application_data, tls12, seq, fragment) == plaintext);
            CHECK(receiver.last_trace().nonce == sender.last_trace().nonce);
            CHECK(receiver.last_trace().tag == sender.last_trace().tag);
            CHECK(receiver.last_trace().content_length == length);
        }
    }
}

TEST_CASE("RFC 5288 §3: the GCM explicit nonce is the sequence number, so it never repeats under one key") {
    NoRandom rng;
    AeadCipherState state(AeadAlgorithm::aes_128_gcm, keys_for(AeadAlgorithm::aes_128_gcm));
    const Bytes fragment = state.protect(ContentType::handshake, tls12, 0x0102030405060708, Bytes{1, 2, 3}, rng);
    CHECK(to_hex(ByteView(fragment).first(8)) == "0102030405060708");
    CHECK(to_hex(state.last_trace().nonce) == "a0a1a2a30102030405060708");
}

TEST_CASE("RFC 7905 §2: the ChaCha20-Poly1305 nonce is the IV XOR the left-padded sequence number") {
    CHECK(to_hex(aead_record_nonce(AeadAlgorithm::chacha20_poly1305, counting(12, 0xa0).view(), 0x0102030405060708)) ==
          "a0a1a2a3a5a7a5a3adafada3");
}

// Known answers from an independent implementation, Python's cryptography 48 (OpenSSL 3), made by:
//   key = bytes(range(0x40, 0x50)); salt = bytes.fromhex("a0a1a2a3"); seq = 5
//   aad = seq.to_bytes(8, "big") + bytes([23, 3, 3]) + (11).to_bytes(2, "big")
//   (seq.to_bytes(8, "big") + AESGCM(key).encrypt(salt + seq.to_bytes(8, "big"), b"hello world", aad)).hex()
// and, with key = bytes(range(0x40, 0x60)), iv = bytes.fromhex("a0a1a2a3a4a5a6a7a8a9aaab"),
//   nonce = bytes(a ^ b for a, b in zip(iv, bytes(4) + seq.to_bytes(8, "big")))
//   ChaCha20Poly1305(key).encrypt(nonce, b"hello world", aad).hex()
TEST_CASE("RFC 5288 §3, RFC 7905 §2: a record matches Python cryptography's AESGCM and ChaCha20Poly1305") {
    NoRandom rng;
    const Bytes hello = to_bytes("hello world");
    AeadCipherState gcm(AeadAlgorithm::aes_128_gcm, keys_for(AeadAlgorithm::aes_128_gcm));
    CHECK(to_hex(gcm.protect(ContentType::application_data, tls12, 5, hello, rng)) ==
          "00000000000000054c271a6ddcd8342a90c2a452b5f537658ba94dfb9a69774abf9a7e");
    AeadCipherState chacha(AeadAlgorithm::chacha20_poly1305, keys_for(AeadAlgorithm::chacha20_poly1305));
    CHECK(to_hex(chacha.protect(ContentType::application_data, tls12, 5, hello, rng)) ==
          "f2b1dec92d825462d41087e8000f2bcbe15756706468401cb78162");
}

TEST_CASE("RFC 5246 §6.2.3.3: a flipped tag bit, a wrong sequence number or type, and a truncated fragment give bad_record_mac") {
    NoRandom rng;
    for (AeadAlgorithm algorithm : all_algorithms) {
        INFO(aead_name(algorithm));
        AeadCipherState sender(algorithm, keys_for(algorithm));
        AeadCipherState receiver(algorithm, keys_for(algorithm));
        const Bytes fragment = sender.protect(ContentType::application_data, tls12, 3, to_bytes("attack at dawn"), rng);

        Bytes flipped = fragment;
        flipped.back() ^= 0x01;
        check_bad_record_mac(receiver, 3, flipped);
        Bytes flipped_text = fragment;
        flipped_text[sender.max_overhead() - 16] ^= 0x80;  // the first ciphertext byte
        check_bad_record_mac(receiver, 3, flipped_text);
        check_bad_record_mac(receiver, 4, fragment);  // replayed or reordered
        check_bad_record_mac(receiver, 3, ByteView(fragment).first(fragment.size() - 1));
        check_bad_record_mac(receiver, 3, ByteView(fragment).first(sender.max_overhead() - 1));
        check_bad_record_mac(receiver, 3, ByteView());
        CHECK_THROWS_AS(receiver.unprotect(ContentType::handshake, tls12, 3, fragment), TlsError);
        // and the genuine record still opens
        CHECK(receiver.unprotect(ContentType::application_data, tls12, 3, fragment) == to_bytes("attack at dawn"));
    }
}

TEST_CASE("AEAD cipher state: keys of the wrong length are refused") {
    TrafficKeys keys{SecretBytes(), counting(16, 0), counting(12, 0)};  // a GCM key with a ChaCha IV
    CHECK_THROWS_AS(AeadCipherState(AeadAlgorithm::aes_128_gcm, keys), Error);
    CHECK_THROWS_AS(AeadCipherState(AeadAlgorithm::chacha20_poly1305, keys), Error);
}
