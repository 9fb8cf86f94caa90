// Tests of the record path of record/record_layer.cpp (docs/record.md, "The record path"): once a
// connection is running, a record is sealed and opened without allocating. This file replaces the
// global operator new of the test program with one that counts, and counts while records of
// every record protection go through a pair of record layers.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "crypto/random.h"
#include "record/aead_cipher_state.h"
#include "record/cipher_state.h"
#include "record/record_layer.h"
#include "tests/record/cipher_specs.h"

namespace {
std::atomic<std::size_t> allocations{0};
}  // namespace

// GCC pairs the inlined malloc of the operator new below with the free of operator delete and
// warns that they do not match; they do (both are this file's, malloc and free underneath).
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

void* operator new(std::size_t n) {
    ++allocations;
    if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using namespace lucid;
using namespace lucid::record;

namespace {

class CountingRandom final : public crypto::RandomSource {
public:
    void fill(MutableByteView out) override {
        for (auto& b : out) b = next_++;
    }

private:
    std::uint8_t next_ = 1;
};

SecretBytes pattern(std::size_t n, std::uint8_t start) {
    SecretBytes s(n);
    for (std::size_t i = 0; i < n; ++i) s.mutable_view()[i] = static_cast<std::uint8_t>(start + 3 * i);
    return s;
}

TrafficKeys keys_for(const CipherSpec& spec) {
    const KeyMaterialSizes sizes = key_material_sizes(spec);
    return TrafficKeys{pattern(sizes.mac_key_length, 0x10), pattern(sizes.enc_key_length, 0x20),
                       pattern(sizes.iv_length, 0x30)};
}

CipherSpec aead_spec(BulkCipher bulk, AeadAlgorithm algorithm) {
    const AeadSizes sizes = aead_sizes(algorithm);
    CipherSpec s;
    s.kind = CipherKind::aead;
    s.bulk = bulk;
    s.enc_key_length = sizes.key_length;
    s.fixed_iv_length = sizes.fixed_iv_length;
    s.record_iv_length = sizes.explicit_nonce_length;
    s.tag_length = sizes.tag_length;
    return s;
}

CipherSpec with_etm(CipherSpec spec) {
    spec.encrypt_then_mac = true;
    return spec;
}

struct Case {
    std::string name;
    CipherSpec spec;
    // Allocations per record that are not the record layer's: crypto/chacha20_poly1305.cpp computes
    // the Poly1305 tag in one shot over a copy of aad || ciphertext (a streaming Poly1305 would
    // remove these three: the one-time key, that copy, the tag).
    std::size_t crypto_allocations_per_record = 0;
};

}  // namespace

TEST_CASE("RFC 5246 §6.2: a running connection seals and opens records without allocating") {
    const std::vector<Case> cases = {
        {"AES_128_CBC HMAC-SHA1, MAC-then-encrypt (Lucky Thirteen defence)",
         test::spec_for(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha1)},
        {"AES_128_CBC HMAC-SHA1, encrypt-then-MAC",
         with_etm(test::spec_for(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha1))},
        {"AES_256_CBC HMAC-SHA384, MAC-then-encrypt", test::spec_for(BulkCipher::aes_256_cbc, MacAlgorithm::hmac_sha384)},
        {"NULL HMAC-SHA256", test::spec_for(BulkCipher::null, MacAlgorithm::hmac_sha256)},
        {"AES_128_GCM", aead_spec(BulkCipher::aes_128_gcm, AeadAlgorithm::aes_128_gcm)},
        {"CHACHA20_POLY1305", aead_spec(BulkCipher::chacha20_poly1305, AeadAlgorithm::chacha20_poly1305), 3},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        CountingRandom rng;
        RecordLayer sender(rng), receiver(rng);
        sender.set_write_cipher(make_cipher_state(c.spec, tls12, keys_for(c.spec)));
        receiver.set_read_cipher(make_cipher_state(c.spec, tls12, keys_for(c.spec)));
        Bytes payload(3 * max_plaintext_length + 100);
        for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<std::uint8_t>(i * 13);

        // The first records: the connection's buffers are made (the caller's output, the
        // receiver's input and plaintext buffers).
        Bytes first, wire;
        first.reserve(payload.size() + 4 * 2048);
        wire.reserve(payload.size() + 4 * 2048);
        sender.seal_into(ContentType::application_data, payload, first);
        receiver.feed(first);
        while (receiver.next_record_view()) {
        }

        const std::size_t before_seal = allocations.load();
        sender.seal_into(ContentType::application_data, payload, wire);
        const std::size_t records = 4;  // 3 * 2^14 + 100 bytes
        CHECK(allocations.load() - before_seal == records * c.crypto_allocations_per_record);

        receiver.feed(wire);
        Bytes received;
        received.reserve(payload.size());
        const std::size_t before_open = allocations.load();
        while (const std::optional<RecordView> r = receiver.next_record_view()) {
            received.insert(received.end(), r->fragment.begin(), r->fragment.end());
        }
        CHECK(allocations.load() - before_open == records * c.crypto_allocations_per_record);
        CHECK(received == payload);
    }
}

TEST_CASE("record layer: with an observer the cipher states trace, without one they do not") {
    const CipherSpec spec = with_etm(test::spec_for(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha256));
    CountingRandom rng;
    RecordLayer quiet(rng), traced(rng);
    std::size_t events = 0;
    traced.set_observer([&](const RecordEvent& e) {
        ++events;
        CHECK(e.trace.mac_input.size() == 13 + 16 + 16);  // header + IV + one block (RFC 7366 §3)
    });
    quiet.set_write_cipher(make_cipher_state(spec, tls12, keys_for(spec)));
    traced.set_write_cipher(make_cipher_state(spec, tls12, keys_for(spec)));
    const Bytes text = {'h', 'e', 'l', 'l', 'o'};
    // The same bytes either way: tracing changes what is kept, not what is sent.
    CHECK(quiet.seal(ContentType::application_data, text).size() == traced.seal(ContentType::application_data, text).size());
    CHECK(events == 1);
}
