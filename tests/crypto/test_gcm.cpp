// Tests of crypto/gcm.cpp. The CAVP files run in tests/conformance/; here, the GCM paper's
// cases and the rules of the interface.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>

#include "crypto/aes.h"
#include "crypto/error.h"
#include "crypto/gcm.h"
#include "crypto/hex.h"

using namespace lucid;
using namespace lucid::crypto;

namespace {

const Bytes key4 = from_hex("feffe9928665731c6d6a8f9467308308");
const Bytes plaintext4 = from_hex(
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525"
    "b16aedf5aa0de657ba637b39");
const Bytes aad4 = from_hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");

}  // namespace

// McGrew and Viega, "The Galois/Counter Mode of Operation", test cases 2, 4 and 6.
TEST_CASE("SP 800-38D §7.1: the GCM paper's test cases 2, 4 (96-bit IV) and 6 (60-byte IV)") {
    CHECK(to_hex(AesGcm(Bytes(16, 0)).seal(Bytes(12, 0), {}, Bytes(16, 0))) ==
          "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf");
    const AesGcm gcm(key4);
    CHECK(to_hex(gcm.seal(from_hex("cafebabefacedbaddecaf888"), aad4, plaintext4)) ==
          "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa05"
          "1ba30b396a0aac973d58e0915bc94fbc3221a5db94fae95ae7121a47");
    const Bytes iv6 = from_hex(
        "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728c3c0c95156809539fcf0e2429a6b5254"
        "16aedbf5a0de6a57a637b39b");
    CHECK(to_hex(gcm.seal(iv6, aad4, plaintext4)) ==
          "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca701e4a9a4fba43c90ccdcb281d48c7c6f"
          "d62875d2aca417034c34aee5619cc5aefffe0bfa462af43c1699d050");
}

TEST_CASE("SP 800-38D §7.2: open returns the plaintext for the right tag, nothing for any other") {
    const AesGcm gcm(key4);
    const Bytes iv = from_hex("cafebabefacedbaddecaf888");
    const Bytes sealed = gcm.seal(iv, aad4, plaintext4);
    const ByteView ciphertext = ByteView(sealed).first(plaintext4.size());
    Bytes tag(sealed.end() - 16, sealed.end());
    CHECK(gcm.open(iv, aad4, ciphertext, tag) == plaintext4);
    CHECK(gcm.open(iv, aad4, ciphertext, ByteView(tag).first(12)) == plaintext4);  // a 96-bit tag
    tag[15] ^= 1;
    CHECK_FALSE(gcm.open(iv, aad4, ciphertext, tag).has_value());
    tag[15] ^= 1;
    CHECK_FALSE(gcm.open(iv, {}, ciphertext, tag).has_value());  // the AAD is authenticated
    CHECK_FALSE(gcm.open(from_hex("cafebabefacedbaddecaf889"), aad4, ciphertext, tag).has_value());
}

TEST_CASE("SP 800-38D §5.2.1: an empty IV and tag lengths other than 16..12, 8, 4 bytes are refused") {
    const AesGcm gcm(key4);
    CHECK_THROWS_WITH_AS(gcm.seal({}, {}, plaintext4), doctest::Contains("IV must not be empty"), Error);
    CHECK_THROWS_AS(gcm.open(Bytes(12, 0), {}, {}, Bytes(11, 0)), Error);
    CHECK_THROWS_AS(gcm.open(Bytes(12, 0), {}, {}, Bytes(17, 0)), Error);
    CHECK_THROWS_AS(AesGcm(Bytes(20, 0)), Error);
}

TEST_CASE("SP 800-38D §7.2: open into a caller's buffer writes the plaintext only when the tag matches") {
    const AesGcm gcm(Bytes(16, 0x42));
    const Bytes iv(12, 0x07), aad = {1, 2, 3}, plaintext(100, 0x61);
    Bytes sealed(plaintext.size() + 16);
    gcm.seal(iv, aad, plaintext, sealed);
    CHECK(sealed == gcm.seal(iv, aad, plaintext));
    Bytes out(plaintext.size(), 0xee);
    const ByteView ciphertext = ByteView(sealed).first(plaintext.size()), tag = ByteView(sealed).last(16);
    CHECK(gcm.open(iv, aad, ciphertext, tag, out));
    CHECK(out == plaintext);
    Bytes bad_tag(tag.begin(), tag.end());
    bad_tag[0] ^= 1;
    Bytes untouched(plaintext.size(), 0xee);
    CHECK_FALSE(gcm.open(iv, aad, ciphertext, bad_tag, untouched));
    CHECK(untouched == Bytes(plaintext.size(), 0xee));
}

TEST_CASE("SP 800-38D §6.5: GCTR in batches of 8 counter blocks equals counter mode block by block, 0 to 300 bytes, both AES paths") {
    // The reference: J0 = IV || 0^31 || 1 (§7.1 step 2, a 96-bit IV), CB_1 = inc32(J0), one
    // encrypt_block per counter. 300 bytes cross the batch boundaries at 128 and 256 bytes and end
    // in a partial block.
    const Bytes key = from_hex("000102030405060708090a0b0c0d0e0f");
    const Bytes iv = from_hex("cafebabefacedbaddecaf8fe");
    const Aes aes(key);
    Bytes plaintext(300);
    for (std::size_t i = 0; i < plaintext.size(); ++i) plaintext[i] = static_cast<std::uint8_t>(i * 7 + 1);
    for (bool portable : {true, false}) {
        const bool before = aes_force_portable(portable);
        const AesGcm gcm(key);
        std::size_t wrong_lengths = 0;
        for (std::size_t n = 0; n <= plaintext.size(); ++n) {
            const ByteView p = ByteView(plaintext).first(n);
            Bytes expected(n);
            std::array<std::uint8_t, 16> cb{};  // J0
            std::copy(iv.begin(), iv.end(), cb.begin());
            cb[15] = 1;
            std::array<std::uint8_t, 16> stream{};
            for (std::size_t at = 0; at < n; at += 16) {
                for (std::size_t i = 15; i >= 12; --i) if (++cb[i] != 0) break;  // inc32
                aes.encrypt_block(cb.data(), stream.data());
                for (std::size_t i = 0; i < std::min<std::size_t>(16, n - at); ++i) expected[at + i] = p[at + i] ^ stream[i];
            }
            const Bytes sealed = gcm.seal(iv, {}, p);
            const bool ok = Bytes(sealed.begin(), sealed.begin() + static_cast<std::ptrdiff_t>(n)) == expected &&
                            gcm.open(iv, {}, ByteView(sealed).first(n), ByteView(sealed).subspan(n)) == Bytes(p.begin(), p.end());
            wrong_lengths += !ok;
        }
        aes_force_portable(before);
        INFO((portable ? "portable" : "default"));
        CHECK(wrong_lengths == 0);
    }
}
