// Tests of record/cipher_state.cpp and record/cbc_cipher_state.cpp.
//
// The CBC records are checked against a construction written here from the RFC with the crypto/
// primitives alone (AES-CBC and HMAC), so that protect() and unprotect() are each compared with
// something other than themselves. The recorded OpenSSL sessions (vectors/tls/) check both against
// an independent implementation.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "crypto/aes.h"
#include "crypto/cbc.h"
#include "crypto/hex.h"
#include "crypto/hmac.h"
#include "crypto/random.h"
#include "record/cipher_state.h"
#include "tests/record/cipher_specs.h"
#include "record/codec.h"
#include "record/tls_error.h"

using namespace lucid;
using namespace lucid::record;

namespace {

// Repeats a counter, so that tests know which "random" IV was drawn.
class CountingRandom final : public crypto::RandomSource {
public:
    void fill(MutableByteView out) override {
        for (auto& b : out) b = next_++;
    }

private:
    std::uint8_t next_ = 0xa0;
};

SecretBytes pattern(std::size_t n, std::uint8_t start) {
    SecretBytes s(n);
    for (std::size_t i = 0; i < n; ++i) s.mutable_view()[i] = static_cast<std::uint8_t>(start + 3 * i);
    return s;
}

TrafficKeys keys_for(CipherSpec spec) {
    const KeyMaterialSizes sizes = key_material_sizes(spec);
    return TrafficKeys{pattern(sizes.mac_key_length, 0x10), pattern(sizes.enc_key_length, 0x40),
                       pattern(sizes.iv_length, 0x70)};
}

Bytes text(std::size_t n) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>('a' + i % 26);
    return b;
}

struct SpecCase {
    const char* name;
    CipherSpec spec;
};

const SpecCase cbc_specs[] = {
    {"AES-128-CBC HMAC-SHA1", test::spec_for(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha1)},
    {"AES-256-CBC HMAC-SHA1", test::spec_for(BulkCipher::aes_256_cbc, MacAlgorithm::hmac_sha1)},
    {"AES-128-CBC HMAC-SHA256", test::spec_for(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha256)},
    {"AES-256-CBC HMAC-SHA256", test::spec_for(BulkCipher::aes_256_cbc, MacAlgorithm::hmac_sha256)},
    {"AES-256-CBC HMAC-SHA384", test::spec_for(BulkCipher::aes_256_cbc, MacAlgorithm::hmac_sha384)},
};

constexpr ContentType app = ContentType::application_data;

// RFC 5246 §6.2.3.2 by hand: IV || CBC(content || MAC || padding_length + 1 bytes of padding_length).
// padding_length must make the total a multiple of 16 (the caller chooses the content length).
Bytes hand_made_cbc_record(CipherSpec spec, ProtocolVersion version, std::uint64_t seq, ContentType type,
                           ByteView content, std::size_t padding_length, ByteView iv) {
    const TrafficKeys keys = keys_for(spec);
    Writer mac_input;
    mac_input.u64(seq);
    mac_input.u8(static_cast<std::uint8_t>(type));
    mac_input.u8(version.major);
    mac_input.u8(version.minor);
    mac_input.vec(2, content);
    const Bytes mac = crypto::hmac(mac_hash(spec.mac), keys.mac_key.view(), mac_input.data());
    Bytes plain = concat({content, mac});
    plain.insert(plain.end(), padding_length + 1, static_cast<std::uint8_t>(padding_length));
    const crypto::Aes aes(keys.enc_key.view());
    const Bytes ciphertext = crypto::cbc_encrypt(aes, iv, plain);
    return version >= tls11 ? concat({iv, ciphertext}) : ciphertext;
}

// The content length that makes padding_length exact for this MAC (content + MAC + pad + 1 ≡ 0 mod 16).
std::size_t content_length_for(std::size_t padding_length, std::size_t mac_size, std::size_t at_least) {
    std::size_t n = at_least;
    while ((n + mac_size + padding_length + 1) % 16 != 0) ++n;
    return n;
}

// Asserts that f() throws TlsError(bad_record_mac) and returns its sentence.
template <class F>
std::string expect_bad_record_mac(F&& f) {
    try {
        f();
    } catch (const TlsError& e) {
        CHECK(e.alert() == AlertDescription::bad_record_mac);
        return e.what();
    }
    FAIL("no TlsError was thrown");
    return {};
}

}  // namespace

TEST_CASE("RFC 5246 §6.3 / Appendix C: key material sizes of each cipher spec") {
    CHECK(key_material_sizes(test::spec_for(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha1)).key_block_length() == 104);
    CHECK(key_material_sizes(test::spec_for(BulkCipher::aes_256_cbc, MacAlgorithm::hmac_sha1)).key_block_length() == 136);
    CHECK(key_material_sizes(test::spec_for(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha256)).key_block_length() == 128);
    CHECK(key_material_sizes(test::spec_for(BulkCipher::aes_256_cbc, MacAlgorithm::hmac_sha256)).key_block_length() == 160);
    CHECK(key_material_sizes(test::spec_for(BulkCipher::null, MacAlgorithm::hmac_sha256)).key_block_length() == 64);
    CHECK(key_material_sizes(test::spec_for(BulkCipher::null, MacAlgorithm::null)).key_block_length() == 0);
    CHECK(mac_length(MacAlgorithm::hmac_sha384) == 48);
}

TEST_CASE("RFC 5246 §6.2.3.1: the MAC header is seq_num, type, version, length") {
    CHECK(to_hex(mac_header(0x0102030405060708, ContentType::handshake, tls12, 0x1234)) ==
          "0102030405060708" "16" "0303" "1234");
}

TEST_CASE("RFC 5246 §6.1: the NULL cipher state passes the fragment through") {
    NullCipherState null;
    CountingRandom rng;
    const Bytes content = text(33);
    CHECK(null.protect(app, tls12, 0, content, rng) == content);
    CHECK(null.unprotect(app, tls12, 7, content) == content);
    CHECK(null.name() == "NULL");
}

TEST_CASE("RFC 5246 §6.2.3.1: NULL with HMAC-SHA256 sends content || MAC and checks it") {
    const CipherSpec spec = test::spec_for(BulkCipher::null, MacAlgorithm::hmac_sha256);
    const TrafficKeys keys = keys_for(spec);
    auto sender = make_cipher_state(spec, tls12, keys);
    auto receiver = make_cipher_state(spec, tls12, keys);
    CountingRandom rng;
    const Bytes content = text(20);
    const Bytes fragment = sender->protect(app, tls12, 5, content, rng);
    const Bytes expected_mac =
        crypto::hmac(crypto::HashAlgorithm::sha256, keys.mac_key.view(), concat({mac_header(5, app, tls12, 20), content}));
    CHECK(fragment == concat({content, expected_mac}));
    CHECK(sender->last_trace().mac == expected_mac);
    CHECK(receiver->unprotect(app, tls12, 5, fragment) == content);
    CHECK(receiver->last_trace().content_length == 20);

    SUBCASE("flipping any bit of content or MAC gives bad_record_mac") {
        for (std::size_t bit = 0; bit < fragment.size() * 8; ++bit) {
            Bytes bad = fragment;
            bad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
            expect_bad_record_mac([&] { receiver->unprotect(app, tls12, 5, bad); });
        }
    }
    SUBCASE("every truncated prefix gives bad_record_mac") {
        for (std::size_t n = 0; n < fragment.size(); ++n) {
            expect_bad_record_mac([&] { receiver->unprotect(app, tls12, 5, ByteView(fragment).first(n)); });
        }
    }
    SUBCASE("another sequence number, type or version gives bad_record_mac") {
        expect_bad_record_mac([&] { receiver->unprotect(app, tls12, 6, fragment); });
        expect_bad_record_mac([&] { receiver->unprotect(ContentType::handshake, tls12, 5, fragment); });
        expect_bad_record_mac([&] { receiver->unprotect(app, tls11, 5, fragment); });
    }
}

TEST_CASE("RFC 5246 §6.2.3.2: CBC protect() builds IV || CBC(content || MAC || padding), checked by hand") {
    for (const SpecCase& c : cbc_specs) {
        INFO(c.name);
        for (ProtocolVersion version : {tls10, tls11, tls12}) {
            INFO(version_name(version));
            auto sender = make_cipher_state(c.spec, version, keys_for(c.spec));
            CountingRandom rng, same_rng;
            for (std::size_t len : {0u, 1u, 15u, 16u, 17u, 100u}) {
                const Bytes content = text(len);
                const std::uint64_t seq = len * 3;
                const Bytes fragment = sender->protect(app, version, seq, content, rng);
                const CipherTrace& trace = sender->last_trace();
                REQUIRE(trace.padding_length.has_value());
                // The same record, built here from the RFC with the IV the state used.
                Bytes iv = trace.iv;
                if (version >= tls11) CHECK(iv == same_rng.bytes(16));  // drawn from the RandomSource
                CHECK(fragment == hand_made_cbc_record(c.spec, version, seq, app, content, *trace.padding_length, iv));
                CHECK(trace.iv_explicit == (version >= tls11));
                CHECK(trace.mac_input == concat({mac_header(seq, app, version, len), content}));
                // Minimal padding: fewer than 16 bytes.
                CHECK(*trace.padding_length < 16);
            }
        }
    }
}

TEST_CASE("RFC 5246 §6.2.3.2: CBC unprotect() reads hand-made records of every padding length 0..255") {
    for (const SpecCase& c : cbc_specs) {
        INFO(c.name);
        const std::size_t mac_size = mac_length(c.spec.mac);
        for (ProtocolVersion version : {tls10, tls12}) {
            for (std::size_t padding = 0; padding <= 255; ++padding) {
                INFO("padding_length " << padding << " " << version_name(version));
                const Bytes content = text(content_length_for(padding, mac_size, padding % 7));
                const Bytes iv = keys_for(c.spec).iv.reveal();  // TLS 1.0: the key block IV comes first
                const Bytes record = hand_made_cbc_record(c.spec, version, 9, app, content, padding, iv);
                auto receiver = make_cipher_state(c.spec, version, keys_for(c.spec));
                CHECK(receiver->unprotect(app, version, 9, record) == content);
                CHECK(receiver->last_trace().padding_length == padding);
            }
        }
    }
}

TEST_CASE("RFC 5246 §6.2.3.2: extra padding blocks reach every padding length 0..255 and round-trip") {
    const CipherSpec spec = test::spec_for(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha256);
    std::set<int> seen;
    for (std::size_t extra = 0; extra < 16; ++extra) {
        for (std::size_t len = 0; len < 16; ++len) {
            CbcHmacCipherState sender(spec, tls12, keys_for(spec));
            CbcHmacCipherState receiver(spec, tls12, keys_for(spec));
            sender.set_extra_padding_blocks(extra);
            CountingRandom rng;
            const Bytes content = text(len);
            const Bytes fragment = sender.protect(app, tls12, 1, content, rng);
            const int padding = *sender.last_trace().padding_length;
            seen.insert(padding);
            CHECK(receiver.unprotect(app, tls12, 1, fragment) == content);
            CHECK(*receiver.last_trace().padding_length == padding);
        }
    }
    CHECK(seen.size() == 256);
    CHECK(*seen.begin() == 0);
    CHECK(*seen.rbegin() == 255);
}

TEST_CASE("RFC 5246 §6.2.3.2: bad padding gives bad_record_mac, even under a correct MAC") {
    const CipherSpec spec = test::spec_for(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha1);
    // A record whose MAC is right but one padding byte differs from padding_length: build the
    // plaintext by hand so that only the padding is wrong.
    const TrafficKeys keys = keys_for(spec);
    const Bytes content = text(content_length_for(10, 20, 5));
    const Bytes mac = crypto::hmac(crypto::HashAlgorithm::sha1, keys.mac_key.view(),
                                   concat({mac_header(0, app, tls12, content.size()), content}));
    for (std::size_t wrong = 0; wrong < 10; ++wrong) {
        Bytes plain = concat({content, mac});
        plain.insert(plain.end(), 11, 10);
        plain[content.size() + mac.size() + wrong] = 9;
        const Bytes iv(16, 0x33);
        const Bytes record = concat({iv, crypto::cbc_encrypt(crypto::Aes(keys.enc_key.view()), iv, plain)});
        auto receiver = make_cipher_state(spec, tls12, keys);
        expect_bad_record_mac([&] { receiver->unprotect(app, tls12, 0, record); });
    }
    SUBCASE("a padding_length longer than the record gives bad_record_mac") {
        Bytes plain = concat({Bytes(11, 0), mac});  // 31 bytes + 1
        plain.push_back(200);
        const Bytes iv(16, 0x33);
        const Bytes record = concat({iv, crypto::cbc_encrypt(crypto::Aes(keys.enc_key.view()), iv, plain)});
        auto receiver = make_cipher_state(spec, tls12, keys);
        expect_bad_record_mac([&] { receiver->unprotect(app, tls12, 0, record); });
    }
}

TEST_CASE("RFC 5246 §6.2.3.2: flipping any bit of IV, ciphertext, MAC or padding gives bad_record_mac") {
    for (const SpecCase& c : cbc_specs) {
        for (ProtocolVersion version : {tls10, tls12}) {
            INFO(c.name << " " << version_name(version));
            auto sender = make_cipher_state(c.spec, version, keys_for(c.spec));
            static_cast<CbcHmacCipherState&>(*sender).set_extra_padding_blocks(2);  // 32+ padding bytes to flip
            CountingRandom rng;
            const Bytes content = text(19);
            const Bytes fragment = sender->protect(app, version, 42, content, rng);
            REQUIRE(make_cipher_state(c.spec, version, keys_for(c.spec))->unprotect(app, version, 42, fragment) ==
                    content);
            std::set<std::string> sentences;
            for (std::size_t bit = 0; bit < fragment.size() * 8; ++bit) {
                Bytes bad = fragment;
                bad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
                auto receiver = make_cipher_state(c.spec, version, keys_for(c.spec));
                sentences.insert(expect_bad_record_mac([&] { receiver->unprotect(app, version, 42, bad); }));
                CHECK(receiver->last_trace().mac.empty());  // nothing about a failure is traced
            }
            CHECK(sentences.size() == 1);  // one failure, one sentence
        }
    }
}

TEST_CASE("RFC 5246 §6.2.3.2: every truncated prefix of a CBC fragment fails with bad_record_mac") {
    const CipherSpec spec = test::spec_for(BulkCipher::aes_256_cbc, MacAlgorithm::hmac_sha256);
    for (ProtocolVersion version : {tls10, tls12}) {
        auto sender = make_cipher_state(spec, version, keys_for(spec));
        CountingRandom rng;
        const Bytes fragment = sender->protect(app, version, 0, text(50), rng);
        for (std::size_t n = 0; n < fragment.size(); ++n) {
            INFO(version_name(version) << " prefix of " << n << " bytes");
            auto receiver = make_cipher_state(spec, version, keys_for(spec));
            expect_bad_record_mac([&] { receiver->unprotect(app, version, 0, ByteView(fragment).first(n)); });
        }
    }
}

TEST_CASE("RFC 5246 §6.2.3.1: the CBC MAC covers sequence number, type and version") {
    const CipherSpec spec = test::spec_for(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha256);
    auto sender = make_cipher_state(spec, tls12, keys_for(spec));
    CountingRandom rng;
    const Bytes fragment = sender->protect(app, tls12, 8, text(30), rng);
    auto receiver = [&] { return make_cipher_state(spec, tls12, keys_for(spec)); };
    expect_bad_record_mac([&] { receiver()->unprotect(app, tls12, 9, fragment); });
    expect_bad_record_mac([&] { receiver()->unprotect(ContentType::alert, tls12, 8, fragment); });
    expect_bad_record_mac([&] { receiver()->unprotect(app, tls11, 8, fragment); });
    CHECK(receiver()->unprotect(app, tls12, 8, fragment) == text(30));
}

TEST_CASE("RFC 2246 §6.2.3.2: TLS 1.0 chains the IV from the last ciphertext block (BEAST's premise)") {
    const CipherSpec spec = test::spec_for(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha1);
    const TrafficKeys keys = keys_for(spec);
    auto sender = make_cipher_state(spec, tls10, keys);
    auto receiver = make_cipher_state(spec, tls10, keys);
    CountingRandom rng;
    const Bytes first = sender->protect(app, tls10, 0, text(10), rng);
    CHECK(sender->last_trace().iv == keys.iv.reveal());
    CHECK_FALSE(sender->last_trace().iv_explicit);
    const Bytes second = sender->protect(app, tls10, 1, text(40), rng);
    CHECK(sender->last_trace().iv == Bytes(first.end() - 16, first.end()));
    CHECK(first.size() % 16 == 0);  // no IV on the wire
    CHECK(receiver->unprotect(app, tls10, 0, first) == text(10));
    CHECK(receiver->unprotect(app, tls10, 1, second) == text(40));
    CHECK(sender->name() == "AES_128_CBC HMAC-SHA1 (chained IV)");
}

TEST_CASE("RFC 5246 §6.2.3: a plaintext over 2^14 is refused by protect()") {
    const CipherSpec spec = test::spec_for(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha256);
    auto sender = make_cipher_state(spec, tls12, keys_for(spec));
    CountingRandom rng;
    CHECK_THROWS_AS(sender->protect(app, tls12, 0, text(max_plaintext_length + 1), rng), Error);
    const Bytes full = text(max_plaintext_length);
    const Bytes fragment = sender->protect(app, tls12, 0, full, rng);
    CHECK(fragment.size() <= max_plaintext_length + sender->max_overhead());
    CHECK(make_cipher_state(spec, tls12, keys_for(spec))->unprotect(app, tls12, 0, fragment) == full);
}

TEST_CASE("make_cipher_state: wrong key sizes and impossible combinations are refused") {
    const CipherSpec spec = test::spec_for(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha1);
    TrafficKeys keys = keys_for(spec);
    keys.enc_key = pattern(24, 0);
    CHECK_THROWS_AS(make_cipher_state(spec, tls12, keys), Error);
    keys = keys_for(spec);
    keys.mac_key = pattern(32, 0);
    CHECK_THROWS_AS(make_cipher_state(spec, tls12, keys), Error);
    keys = keys_for(spec);
    keys.iv = SecretBytes();
    CHECK_THROWS_AS(make_cipher_state(spec, tls10, keys), Error);  // TLS 1.0 needs the key block IV
    CHECK_NOTHROW(make_cipher_state(spec, tls12, keys));             // TLS 1.2 does not
    CHECK_THROWS_AS(make_cipher_state(test::spec_for(BulkCipher::aes_128_cbc, MacAlgorithm::null), tls12, keys), Error);
    CHECK(make_cipher_state(test::spec_for(BulkCipher::null, MacAlgorithm::null), tls12, keys)->name() == "NULL");
}
