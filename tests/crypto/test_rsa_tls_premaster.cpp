#include <doctest/doctest.h>

#include <functional>
#include <string>

#include "crypto/rsa_tls_premaster.h"
#include "tests/crypto/rsa_test_keys.h"

using namespace lucid;

namespace {

// A premaster as a TLS 1.2 client makes it: client_version (3,3) then 46 random bytes.
Bytes client_premaster() {
    crypto::HmacDrbg rng = test::seeded_random("client premaster");
    Bytes pm = rng.bytes(48);
    pm[0] = 3;
    pm[1] = 3;
    return pm;
}

// EM for a 48-byte M under a k-byte key: 00 02 PS 00 M, PS nonzero.
Bytes well_formed_block(std::size_t k, ByteView message) {
    Bytes em(k - message.size(), 0x5a);
    em[0] = 0x00;
    em[1] = 0x02;
    em[k - message.size() - 1] = 0x00;
    append(em, message);
    return em;
}

Bytes encrypt_block(const crypto::RsaPublicKey& key, ByteView em) {
    return crypto::i2osp(crypto::rsaep(key, crypto::os2ip(em)), key.size_bytes());
}

// Decrypts with a server random stream named `label`, and returns the first 48 bytes that the same
// stream yields: the substitute premaster R the function must have drawn first.
struct Outcome {
    Bytes premaster;
    Bytes substitute;
};

Outcome decrypt(ByteView ciphertext, std::uint8_t major = 3, std::uint8_t minor = 3) {
    const auto& key = test::test_key_2048();
    crypto::HmacDrbg server_rng = test::seeded_random("server");
    crypto::HmacDrbg replay = test::seeded_random("server");
    Outcome out;
    out.premaster = crypto::decrypt_tls_premaster(server_rng, key, ciphertext, major, minor).reveal();
    out.substitute = replay.bytes(48);
    return out;
}

}  // namespace

TEST_CASE("RFC 5246 §7.4.7.1: a well-formed EncryptedPreMasterSecret yields the client's premaster") {
    const auto& key = test::test_key_2048();
    const Bytes premaster = client_premaster();
    const Outcome out = decrypt(encrypt_block(key.public_key(), well_formed_block(256, premaster)));
    CHECK(out.premaster == premaster);
}

TEST_CASE("RFC 5246 §7.4.7.1: the random premaster is drawn before decryption (it is the stream's first 48 bytes)") {
    const auto& key = test::test_key_2048();
    const Bytes premaster = client_premaster();
    Bytes em = well_formed_block(256, premaster);
    em[1] = 0x01;
    const Outcome out = decrypt(encrypt_block(key.public_key(), em));
    CHECK(out.premaster == out.substitute);
}

TEST_CASE("RFC 5246 §7.4.7.1 (Bleichenbacher 1998, ROBOT 2018): every malformed ciphertext gives 48 bytes "
          "other than the true premaster, with no error") {
    const auto& key = test::test_key_2048();
    const std::size_t k = key.size_bytes();
    const Bytes premaster = client_premaster();

    struct Kind {
        std::string name;
        std::function<Bytes()> ciphertext;
    };
    auto from_block = [&](std::function<void(Bytes&)> damage) {
        return [&, damage] {
            Bytes em = well_formed_block(k, premaster);
            damage(em);
            return encrypt_block(key.public_key(), em);
        };
    };
    const std::size_t separator = k - 49;
    const std::vector<Kind> kinds = {
        {"wrong block type (01)", from_block([](Bytes& em) { em[1] = 0x01; })},
        {"wrong leading byte", from_block([](Bytes& em) { em[0] = 0x01; em[1] = 0x02; })},
        {"a zero inside the padding", from_block([](Bytes& em) { em[50] = 0x00; })},
        {"no separator", from_block([&](Bytes& em) { em[separator] = 0x44; })},
        {"padding shorter than 8 bytes", from_block([](Bytes& em) { em[7] = 0x00; })},
        {"plaintext of 47 bytes", from_block([&](Bytes& em) {
             em[separator] = 0x33;
             em[separator + 1] = 0x00;
         })},
        {"plaintext of 49 bytes", from_block([&](Bytes& em) { em[separator - 1] = 0x00; em[separator] = 0x03; })},
        {"wrong version bytes (3,1)", from_block([&](Bytes& em) { em[separator + 2] = 0x01; })},
        {"wrong major version", from_block([&](Bytes& em) { em[separator + 1] = 0x02; })},
        {"ciphertext equal to n", [&] { return crypto::i2osp(key.n(), k); }},
        {"ciphertext above n (all ff)", [&] { return Bytes(k, 0xff); }},
        {"ciphertext one byte short", [&] {
             Bytes c = encrypt_block(key.public_key(), well_formed_block(k, premaster));
             c.pop_back();
             return c;
         }},
        {"ciphertext one byte long", [&] {
             Bytes c = encrypt_block(key.public_key(), well_formed_block(k, premaster));
             c.push_back(0);
             return c;
         }},
        {"empty ciphertext", [] { return Bytes{}; }},
    };
    for (const Kind& kind : kinds) {
        INFO(kind.name);
        Outcome out;
        CHECK_NOTHROW(out = decrypt(kind.ciphertext()));
        CHECK(out.premaster.size() == 48);
        CHECK(out.premaster != premaster);
        // Not just "different": it is exactly the random substitute R.
        CHECK(out.premaster == out.substitute);
    }
}

TEST_CASE("RFC 5246 §7.4.7.1: the version check uses client_version, not the negotiated version") {
    const auto& key = test::test_key_2048();
    Bytes premaster = client_premaster();
    premaster[1] = 1;  // a TLS 1.0 client's premaster
    const Bytes c = encrypt_block(key.public_key(), well_formed_block(256, premaster));
    CHECK(decrypt(c, 3, 1).premaster == premaster);
    CHECK(decrypt(c, 3, 3).premaster != premaster);
}
