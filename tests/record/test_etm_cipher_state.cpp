// Tests of record/etm_cipher_state.cpp: encrypt-then-MAC, RFC 7366 §3.
//
// Records are compared with a construction written here from RFC 7366 §3 with the crypto/
// primitives alone (AES-CBC and HMAC). The interop tests (tests/interop/test_etm.sh) check the
// same layout against OpenSSL and GnuTLS.
#include <doctest/doctest.h>

#include "crypto/aes.h"
#include "crypto/cbc.h"
#include "crypto/hmac.h"
#include "crypto/random.h"
#include "record/cipher_state.h"
#include "record/codec.h"
#include "record/tls_error.h"
#include "tests/record/cipher_specs.h"

using namespace lucid;
using namespace lucid::record;

namespace {

constexpr ContentType app = ContentType::application_data;

CipherSpec etm(BulkCipher bulk, MacAlgorithm mac) {
    CipherSpec s = test::spec_for(bulk, mac);
    s.encrypt_then_mac = true;
    return s;
}

const CipherSpec etm_specs[] = {
    etm(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha1),
    etm(BulkCipher::aes_256_cbc, MacAlgorithm::hmac_sha1),
    etm(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha256),
    etm(BulkCipher::aes_256_cbc, MacAlgorithm::hmac_sha384),
};

SecretBytes pattern(std::size_t n, std::uint8_t start) {
    SecretBytes s(n);
    for (std::size_t i = 0; i < n; ++i) s.mutable_view()[i] = static_cast<std::uint8_t>(start + 5 * i);
    return s;
}

TrafficKeys keys_for(const CipherSpec& spec) {
    const KeyMaterialSizes sizes = key_material_sizes(spec);
    return TrafficKeys{pattern(sizes.mac_key_length, 0x11), pattern(sizes.enc_key_length, 0x42),
                       pattern(sizes.iv_length, 0x73)};
}

Bytes text(std::size_t n) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>('A' + i % 26);
    return b;
}

// RFC 7366 §3 written out: IV || ENC(content || padding || padding_length) || MAC, the MAC over
// seq_num + type + version + length(IV + ciphertext) + IV + ciphertext.
Bytes hand_made_etm_record(const CipherSpec& spec, ProtocolVersion version, std::uint64_t seq, ByteView content,
                           std::uint8_t padding_length, ByteView iv) {
    const TrafficKeys keys = keys_for(spec);
    Bytes plain(content.begin(), content.end());
    plain.insert(plain.end(), padding_length + 1u, padding_length);
    const Bytes ciphertext = crypto::cbc_encrypt(crypto::Aes(keys.enc_key.view()), iv, plain);
    const Bytes authenticated = version >= tls11 ? concat({iv, ciphertext}) : ciphertext;
    const Bytes mac = crypto::hmac(mac_hash(spec.mac), keys.mac_key.view(),
                                   concat({mac_header(seq, app, version, authenticated.size()), authenticated}));
    return concat({authenticated, mac});
}

void expect_bad_record_mac(CipherState& receiver, ProtocolVersion version, std::uint64_t seq, ByteView fragment) {
    try {
        receiver.unprotect(app, version, seq, fragment);
        FAIL("unprotect accepted a record it must reject");
    } catch (const TlsError& e) {
        CHECK(e.alert() == AlertDescription::bad_record_mac);
        CHECK(std::string(e.what()) == bad_record_mac_sentence);
    }
}

}  // namespace

TEST_CASE("RFC 7366 §3: the MAC follows the ciphertext and covers seq_num, header, IV and ciphertext") {
    for (const CipherSpec& spec : etm_specs) {
        for (ProtocolVersion version : {tls10, tls11, tls12}) {
            INFO(bulk_cipher_name(spec.bulk) << " " << mac_name(spec.mac) << " " << version_name(version));
            for (std::size_t length : {0, 1, 15, 16, 17, 100}) {
                auto sender = make_cipher_state(spec, version, keys_for(spec));
                crypto::HmacDrbg rng(as_bytes("etm ivs"), as_bytes("nonce"), {});
                const Bytes content = text(length);
                const Bytes fragment = sender->protect(app, version, 5, content, rng);
                const CipherTrace& t = sender->last_trace();
                CHECK(t.encrypt_then_mac);
                const Bytes iv = version >= tls11 ? t.iv : keys_for(spec).iv.reveal();
                CHECK(fragment == hand_made_etm_record(spec, version, 5, content, *t.padding_length, iv));
                // "the length here is the length of the IV + ciphertext, without the MAC"
                CHECK(t.mac_input.size() == 13 + fragment.size() - spec.mac_length);
                auto receiver = make_cipher_state(spec, version, keys_for(spec));
                CHECK(receiver->unprotect(app, version, 5, fragment) == content);
                CHECK(receiver->last_trace().encrypt_then_mac);
            }
        }
    }
}

TEST_CASE("RFC 7366 §3: a hand-made record with every padding length is accepted") {
    const CipherSpec spec = etm(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha256);
    const Bytes iv(16, 0x5a);
    for (std::size_t padding = 0; padding <= 255; ++padding) {
        const Bytes content = text((16 - (padding + 1) % 16) % 16 + 16);
        const Bytes record = hand_made_etm_record(spec, tls12, 3, content, static_cast<std::uint8_t>(padding), iv);
        auto receiver = make_cipher_state(spec, tls12, keys_for(spec));
        CHECK(receiver->unprotect(app, tls12, 3, record) == content);
        CHECK(receiver->last_trace().padding_length == padding);
    }
}

TEST_CASE("RFC 7366 §3: a change anywhere in IV, ciphertext or MAC gives bad_record_mac before decryption") {
    for (const CipherSpec& spec : etm_specs) {
        auto sender = make_cipher_state(spec, tls12, keys_for(spec));
        crypto::HmacDrbg rng(as_bytes("etm flips"), as_bytes("nonce"), {});
        const Bytes fragment = sender->protect(app, tls12, 0, text(40), rng);
        for (std::size_t i = 0; i < fragment.size(); ++i) {
            Bytes bad = fragment;
            bad[i] ^= 0x01;
            auto receiver = make_cipher_state(spec, tls12, keys_for(spec));
            expect_bad_record_mac(*receiver, tls12, 0, bad);
            CHECK(receiver->last_trace().mac.empty());  // nothing decrypted, nothing to trace
        }
        auto receiver = make_cipher_state(spec, tls12, keys_for(spec));
        expect_bad_record_mac(*receiver, tls12, 1, fragment);  // another sequence number
    }
}

TEST_CASE("RFC 7366 §3: a record with a valid MAC but bad padding gives bad_record_mac") {
    const CipherSpec spec = etm(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha1);
    const TrafficKeys keys = keys_for(spec);
    const Bytes iv(16, 0x21);
    // content (12) + padding 3,3,2 + padding_length 3: one padding byte is wrong, the MAC is right.
    Bytes plain = concat({text(12), Bytes{3, 3, 2, 3}});
    const Bytes ciphertext = crypto::cbc_encrypt(crypto::Aes(keys.enc_key.view()), iv, plain);
    const Bytes authenticated = concat({iv, ciphertext});
    const Bytes mac = crypto::hmac(mac_hash(spec.mac), keys.mac_key.view(),
                                   concat({mac_header(0, app, tls12, authenticated.size()), authenticated}));
    auto receiver = make_cipher_state(spec, tls12, keys);
    expect_bad_record_mac(*receiver, tls12, 0, concat({authenticated, mac}));
}

TEST_CASE("RFC 7366 §3: fragments too short or not whole blocks give bad_record_mac") {
    const CipherSpec spec = etm(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha256);
    for (std::size_t n : {0, 16, 31, 47, 48 + 32 - 1, 48 + 32 + 1}) {
        auto receiver = make_cipher_state(spec, tls12, keys_for(spec));
        expect_bad_record_mac(*receiver, tls12, 0, Bytes(n, 0));
    }
}

TEST_CASE("RFC 7366 §2: encrypt_then_mac makes the ETM state for block ciphers only") {
    CHECK(make_cipher_state(etm(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha1), tls12,
                            keys_for(etm(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha1)))
              ->name() == "AES_128_CBC HMAC-SHA1 encrypt-then-MAC (explicit IV)");
    CHECK(make_cipher_state(test::spec_for(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha1), tls12,
                            keys_for(etm(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha1)))
              ->name() == "AES_128_CBC HMAC-SHA1 (explicit IV)");
    CHECK(key_material_sizes(etm(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha1)).key_block_length() == 104);
    const CipherSpec spec = etm(BulkCipher::aes_256_cbc, MacAlgorithm::hmac_sha384);
    CHECK(make_cipher_state(spec, tls12, keys_for(spec))->max_overhead() == 16 + 255 + 1 + 48);
}
