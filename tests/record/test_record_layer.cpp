// Tests of record/record_layer.cpp: framing, fragmentation, limits, sequence numbers, the switch
// of cipher states, sticky failures and the observer.
#include <doctest/doctest.h>

#include <vector>

#include "crypto/aes.h"
#include "crypto/cbc.h"
#include "crypto/hex.h"
#include "crypto/hmac.h"
#include "crypto/random.h"
#include "record/cipher_state.h"
#include "tests/record/cipher_specs.h"
#include "record/record_layer.h"
#include "record/tls_error.h"

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
    for (std::size_t i = 0; i < n; ++i) s.mutable_view()[i] = static_cast<std::uint8_t>(start + 5 * i);
    return s;
}

const CipherSpec aes128_sha256 = test::spec_for(BulkCipher::aes_128_cbc, MacAlgorithm::hmac_sha256);

TrafficKeys keys_for(CipherSpec spec, std::uint8_t start = 0x20) {
    const KeyMaterialSizes sizes = key_material_sizes(spec);
    return TrafficKeys{pattern(sizes.mac_key_length, start), pattern(sizes.enc_key_length, start + 1),
                       pattern(sizes.iv_length, start + 2)};
}

Bytes text(std::size_t n) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(i * 7 + 1);
    return b;
}

// The alert of the TlsError f() throws.
template <class F>
AlertDescription alert_of(F&& f) {
    try {
        f();
    } catch (const TlsError& e) {
        return e.alert();
    }
    FAIL("no TlsError was thrown");
    return AlertDescription::close_notify;
}

// Two record layers wired back to back, sharing keys when both switch to a cipher.
struct Pair {
    CountingRandom rng;
    RecordLayer writer{rng};
    RecordLayer reader{rng};

    void switch_to(CipherSpec spec, ProtocolVersion version) {
        writer.set_write_cipher(make_cipher_state(spec, version, keys_for(spec)));
        reader.set_read_cipher(make_cipher_state(spec, version, keys_for(spec)));
    }
    std::vector<Record> pass(ContentType type, ByteView payload) {
        reader.feed(writer.seal(type, payload));
        std::vector<Record> out;
        while (auto r = reader.next_record()) out.push_back(std::move(*r));
        return out;
    }
};

}  // namespace

TEST_CASE("RFC 5246 §6.2.1: a record passes through the NULL state with its header") {
    CountingRandom rng;
    RecordLayer layer(rng);
    const Bytes wire = layer.seal(ContentType::handshake, from_hex("0e000000"));
    CHECK(to_hex(wire) == "16" "0303" "0004" "0e000000");
    layer.set_version(tls10);
    CHECK(to_hex(layer.seal(ContentType::alert, from_hex("0100"))) == "15" "0301" "0002" "0100");

    RecordLayer reader(rng);
    reader.feed(wire);
    auto r = reader.next_record();
    REQUIRE(r);
    CHECK(r->type == ContentType::handshake);
    CHECK(r->version == tls12);
    CHECK(to_hex(r->fragment) == "0e000000");
    CHECK_FALSE(reader.next_record());
}

TEST_CASE("RFC 5246 §6.2.1: fragmentation on send at 2^14 bytes") {
    for (ProtocolVersion version : {tls10, tls12}) {
        INFO(version_name(version));
        for (bool encrypted : {false, true}) {
            Pair p;
            if (encrypted) p.switch_to(aes128_sha256, version);
            for (std::size_t size : {std::size_t{1}, max_plaintext_length, max_plaintext_length + 1,
                                     3 * max_plaintext_length + 5}) {
                const Bytes payload = text(size);
                auto records = p.pass(ContentType::application_data, payload);
                REQUIRE(records.size() == (size + max_plaintext_length - 1) / max_plaintext_length);
                Bytes joined;
                for (std::size_t i = 0; i < records.size(); ++i) {
                    const bool last = i + 1 == records.size();
                    CHECK(records[i].fragment.size() == (last ? size - i * max_plaintext_length : max_plaintext_length));
                    append(joined, records[i].fragment);
                }
                CHECK(joined == payload);
            }
        }
    }
}

TEST_CASE("RFC 6066 §4: a smaller maximum fragment length is honoured") {
    Pair p;
    p.writer.set_max_fragment_length(512);
    auto records = p.pass(ContentType::handshake, text(1500));
    REQUIRE(records.size() == 3);
    CHECK(records[2].fragment.size() == 476);
    CHECK_THROWS_AS(p.writer.set_max_fragment_length(0), Error);
    CHECK_THROWS_AS(p.writer.set_max_fragment_length(max_plaintext_length + 1), Error);
}

TEST_CASE("RFC 5246 §6.2.1: zero-length records") {
    Pair p;
    SUBCASE("an empty application_data record may be sent and received") {
        auto records = p.pass(ContentType::application_data, {});
        REQUIRE(records.size() == 1);
        CHECK(records[0].fragment.empty());
    }
    SUBCASE("an empty handshake, alert or CCS record is never sent") {
        CHECK_THROWS_AS(p.writer.seal(ContentType::handshake, {}), Error);
        CHECK_THROWS_AS(p.writer.seal(ContentType::alert, {}), Error);
        CHECK_THROWS_AS(p.writer.seal(ContentType::change_cipher_spec, {}), Error);
    }
    SUBCASE("and an empty handshake record received is a decode_error") {
        p.reader.feed(from_hex("1603030000"));
        CHECK(alert_of([&] { p.reader.next_record(); }) == AlertDescription::decode_error);
    }
}

TEST_CASE("RFC 5246 §6.2: records arrive in pieces of any size") {
    Pair p;
    p.switch_to(aes128_sha256, tls12);
    Bytes wire = p.writer.seal(ContentType::application_data, text(100));
    append(wire, p.writer.seal(ContentType::alert, from_hex("0100")));
    std::vector<Record> got;
    for (std::uint8_t b : wire) {
        p.reader.feed(ByteView(&b, 1));
        while (auto r = p.reader.next_record()) got.push_back(*r);
    }
    REQUIRE(got.size() == 2);
    CHECK(got[0].fragment == text(100));
    CHECK(got[1].type == ContentType::alert);
    CHECK(p.reader.buffered() == 0);
}

TEST_CASE("RFC 5246 §6.2: every truncated prefix of a valid record fails cleanly") {
    for (bool encrypted : {false, true}) {
        INFO((encrypted ? "AES-128-CBC" : "NULL"));
        Pair seal_side;
        if (encrypted) seal_side.switch_to(aes128_sha256, tls12);
        const Bytes wire = seal_side.writer.seal(ContentType::application_data, text(45));
        for (std::size_t n = 0; n < wire.size(); ++n) {
            INFO("prefix of " << n << " bytes");
            // As a stream: the layer waits for the rest and keeps what it has.
            CountingRandom rng;
            RecordLayer reader(rng);
            if (encrypted) reader.set_read_cipher(make_cipher_state(aes128_sha256, tls12, keys_for(aes128_sha256)));
            reader.feed(ByteView(wire).first(n));
            CHECK_FALSE(reader.next_record());
            CHECK(reader.buffered() == n);
            // As a whole record whose header claims only the bytes present: rejected, not misread.
            if (n >= record_header_length) {
                Bytes cut(wire.begin(), wire.begin() + static_cast<std::ptrdiff_t>(n));
                const std::size_t length = n - record_header_length;
                cut[3] = static_cast<std::uint8_t>(length >> 8);
                cut[4] = static_cast<std::uint8_t>(length);
                RecordLayer whole(rng);
                if (encrypted) whole.set_read_cipher(make_cipher_state(aes128_sha256, tls12, keys_for(aes128_sha256)));
                whole.feed(cut);
                if (encrypted) {
                    CHECK(alert_of([&] { whole.next_record(); }) == AlertDescription::bad_record_mac);
                } else {
                    auto r = whole.next_record();  // NULL: no integrity, the shorter record is what it says
                    REQUIRE(r);
                    CHECK(r->fragment == Bytes(wire.begin() + 5, wire.begin() + static_cast<std::ptrdiff_t>(n)));
                }
            }
        }
    }
}

TEST_CASE("RFC 5246 §6.2.1: more than 2^14 plaintext bytes give record_overflow") {
    CountingRandom rng;
    SUBCASE("NULL state: the header alone decides, before the body arrives") {
        RecordLayer reader(rng);
        reader.feed(from_hex("1703034001"));  // 16385
        CHECK(alert_of([&] { reader.next_record(); }) == AlertDescription::record_overflow);
    }
    SUBCASE("NULL state: exactly 2^14 is fine") {
        RecordLayer reader(rng);
        reader.feed(concat({from_hex("1703034000"), text(max_plaintext_length)}));
        auto r = reader.next_record();
        REQUIRE(r);
        CHECK(r->fragment.size() == max_plaintext_length);
    }
    SUBCASE("RFC 5246 §6.2.3: a TLSCiphertext over 2^14 + 2048 bytes") {
        RecordLayer reader(rng);
        reader.set_read_cipher(make_cipher_state(aes128_sha256, tls12, keys_for(aes128_sha256)));
        reader.feed(from_hex("1703034801"));  // 18433
        CHECK(alert_of([&] { reader.next_record(); }) == AlertDescription::record_overflow);
    }
    SUBCASE("CBC: a fragment longer than 2^14 + the state's largest overhead") {
        RecordLayer reader(rng);
        auto state = make_cipher_state(aes128_sha256, tls12, keys_for(aes128_sha256));
        const std::size_t limit = max_plaintext_length + state->max_overhead();
        reader.set_read_cipher(std::move(state));
        reader.feed(from_hex("170303"));
        const std::size_t length = limit + 16;
        const std::uint8_t len_bytes[2] = {static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)};
        reader.feed(len_bytes);
        CHECK(alert_of([&] { reader.next_record(); }) == AlertDescription::record_overflow);
    }
    SUBCASE("CBC: a well-formed record that decrypts to 2^14 + 1 bytes") {
        // Built by hand (the sealing side refuses to make it): content || MAC || padding.
        const TrafficKeys keys = keys_for(aes128_sha256);
        const Bytes content = text(max_plaintext_length + 1);
        const Bytes mac = crypto::hmac(crypto::HashAlgorithm::sha256, keys.mac_key.view(),
                                       concat({mac_header(0, ContentType::application_data, tls12, content.size()), content}));
        Bytes plain = concat({content, mac});
        const std::size_t pad = (16 - (plain.size() + 1) % 16) % 16;
        plain.insert(plain.end(), pad + 1, static_cast<std::uint8_t>(pad));
        const Bytes iv(16, 9);
        const Bytes fragment = concat({iv, crypto::cbc_encrypt(crypto::Aes(keys.enc_key.view()), iv, plain)});
        RecordLayer reader(rng);
        reader.set_read_cipher(make_cipher_state(aes128_sha256, tls12, keys));
        reader.feed(encode_record(ContentType::application_data, tls12, fragment));
        CHECK(alert_of([&] { reader.next_record(); }) == AlertDescription::record_overflow);
    }
}

TEST_CASE("RFC 5246 §6: unknown content types and non-TLS versions are refused") {
    CountingRandom rng;
    RecordLayer a(rng), b(rng);
    a.feed(from_hex("18030300020102"));
    CHECK(alert_of([&] { a.next_record(); }) == AlertDescription::unexpected_message);
    b.feed(from_hex("16040300020102"));
    CHECK(alert_of([&] { b.next_record(); }) == AlertDescription::protocol_version);
}

TEST_CASE("RFC 5246 §6: a peer that answers in plain HTTP is named as such, not only as content type 0x48") {
    CountingRandom rng;
    RecordLayer a(rng);
    a.feed(as_bytes("HTTP/1.1 400 Bad Request\r\n"));
    try {
        a.next_record();
        FAIL("an HTTP answer was read as a record");
    } catch (const TlsError& e) {
        CHECK(e.alert() == AlertDescription::unexpected_message);
        CHECK(std::string(e.what()).find("0x48") != std::string::npos);
        CHECK(std::string(e.what()).find("speaks plain HTTP, not TLS") != std::string::npos);
    }
}

TEST_CASE("RFC 5246 §6.1: sequence numbers count records and reset when a cipher state is installed") {
    Pair p;
    p.pass(ContentType::handshake, text(10));
    p.pass(ContentType::handshake, text(max_plaintext_length + 10));  // two records
    CHECK(p.writer.write_sequence_number() == 3);
    CHECK(p.reader.read_sequence_number() == 3);
    CHECK(p.reader.write_sequence_number() == 0);

    p.switch_to(aes128_sha256, tls12);  // ChangeCipherSpec both ways
    CHECK(p.writer.write_sequence_number() == 0);
    CHECK(p.reader.read_sequence_number() == 0);
    auto records = p.pass(ContentType::handshake, text(16));
    REQUIRE(records.size() == 1);  // decrypts only if both used seq_num 0 in the MAC
    CHECK(p.writer.write_sequence_number() == 1);
    CHECK(p.writer.write_cipher_name() == "AES_128_CBC HMAC-SHA256 (explicit IV)");
    CHECK(p.reader.read_cipher_name() == "AES_128_CBC HMAC-SHA256 (explicit IV)");

    SUBCASE("a replayed record carries the wrong sequence number: bad_record_mac") {
        const Bytes wire = p.writer.seal(ContentType::application_data, text(5));
        p.reader.feed(wire);
        CHECK(p.reader.next_record());
        p.reader.feed(wire);
        CHECK(alert_of([&] { p.reader.next_record(); }) == AlertDescription::bad_record_mac);
    }
    SUBCASE("a reader that was not reset cannot read the new state's first record") {
        p.writer.set_write_cipher(make_cipher_state(aes128_sha256, tls12, keys_for(aes128_sha256, 0x50)));
        p.reader.feed(p.writer.seal(ContentType::handshake, text(3)));
        CHECK(alert_of([&] { p.reader.next_record(); }) == AlertDescription::bad_record_mac);
    }
}

TEST_CASE("RFC 5246 §7.1: records fed after ChangeCipherSpec are read with the new state") {
    Pair p;
    Bytes wire = p.writer.seal(ContentType::change_cipher_spec, from_hex("01"));
    p.writer.set_write_cipher(make_cipher_state(aes128_sha256, tls12, keys_for(aes128_sha256)));
    append(wire, p.writer.seal(ContentType::handshake, text(16)));
    p.reader.feed(wire);  // both records in one read
    auto ccs = p.reader.next_record();
    REQUIRE(ccs);
    CHECK(ccs->type == ContentType::change_cipher_spec);
    p.reader.set_read_cipher(make_cipher_state(aes128_sha256, tls12, keys_for(aes128_sha256)));
    auto finished = p.reader.next_record();
    REQUIRE(finished);
    CHECK(finished->fragment == text(16));
}

TEST_CASE("RFC 5246 §7.2.2: after a failure the record layer stays failed") {
    Pair p;
    p.switch_to(aes128_sha256, tls12);
    Bytes wire = p.writer.seal(ContentType::application_data, text(30));
    wire.back() ^= 1;
    p.reader.feed(wire);
    CHECK(alert_of([&] { p.reader.next_record(); }) == AlertDescription::bad_record_mac);
    p.reader.feed(p.writer.seal(ContentType::application_data, text(30)));
    CHECK(alert_of([&] { p.reader.next_record(); }) == AlertDescription::bad_record_mac);
}

TEST_CASE("RecordLayer observer: every record in and out, with its wire bytes and the cipher's details") {
    Pair p;
    std::vector<RecordEvent> out_events, in_events;
    p.writer.set_observer([&](const RecordEvent& e) { out_events.push_back(e); });
    p.reader.set_observer([&](const RecordEvent& e) { in_events.push_back(e); });
    p.switch_to(aes128_sha256, tls12);
    const Bytes wire = p.writer.seal(ContentType::application_data, text(max_plaintext_length + 3));
    p.reader.feed(wire);
    while (p.reader.next_record()) {
    }
    REQUIRE(out_events.size() == 2);
    REQUIRE(in_events.size() == 2);
    Bytes joined;
    for (std::size_t i = 0; i < 2; ++i) {
        const RecordEvent& o = out_events[i];
        const RecordEvent& in = in_events[i];
        CHECK(o.direction == Direction::outgoing);
        CHECK(in.direction == Direction::incoming);
        CHECK(o.sequence_number == i);
        CHECK(in.sequence_number == i);
        CHECK(o.wire == in.wire);
        CHECK(o.wire.size() == record_header_length + o.length);
        CHECK(o.plaintext == in.plaintext);
        CHECK(o.trace.iv == Bytes(o.wire.begin() + 5, o.wire.begin() + 21));  // the explicit IV
        CHECK(o.trace.mac == in.trace.mac);
        CHECK(o.trace.padding_length == in.trace.padding_length);
        CHECK(in.trace.mac_input == concat({mac_header(i, ContentType::application_data, tls12, in.plaintext.size()),
                                            in.plaintext}));
        CHECK(o.cipher == "AES_128_CBC HMAC-SHA256 (explicit IV)");
        append(joined, o.wire);
    }
    CHECK(joined == wire);
    CHECK(direction_name(Direction::incoming) == "in");
}
