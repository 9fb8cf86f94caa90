// Fuzz target: AEAD record protection (record/aead_cipher_state.h, RFC 5246 §6.2.3.3): AES-128/256-GCM
// (RFC 5288) and ChaCha20-Poly1305 (RFC 7905) with fixed keys. The same three modes as record_cbc:
// byte 0 bits 0-1 pick the algorithm, bits 4-5 the mode:
//   0  unprotect the rest: every failure must be bad_record_mac;
//   1  protect the rest, then unprotect it: the plaintext must come back;
//   2  protect, XOR byte data[1] (mod length) with data[2] (non-zero), unprotect: must fail.
#include <algorithm>

#include "crypto/random.h"
#include "fuzz/fuzz_support.h"
#include "record/aead_cipher_state.h"
#include "record/alert.h"
#include "record/record.h"
#include "record/tls_error.h"

namespace {

using namespace lucid;

bool rejected_as_bad_record_mac(record::CipherState& state, ByteView fragment) {
    try {
        state.unprotect(record::ContentType::application_data, record::tls12, 7, fragment);
        return false;
    } catch (const record::TlsError& e) {
        if (e.alert() != record::AlertDescription::bad_record_mac) __builtin_trap();
        return true;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 3) return 0;
    static constexpr record::AeadAlgorithm algorithms[] = {record::AeadAlgorithm::aes_128_gcm,
                                                           record::AeadAlgorithm::aes_256_gcm,
                                                           record::AeadAlgorithm::chacha20_poly1305,
                                                           record::AeadAlgorithm::aes_128_gcm};
    const record::AeadAlgorithm algorithm = algorithms[data[0] & 3];
    const int mode = (data[0] >> 4) & 3;
    ByteView rest = fuzz::input(data + 3, size - 3);
    const record::AeadSizes sizes = record::aead_sizes(algorithm);
    Bytes key(sizes.key_length), iv(sizes.fixed_iv_length);
    for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(0x80 + i);
    for (std::size_t i = 0; i < iv.size(); ++i) iv[i] = static_cast<std::uint8_t>(0xC0 + i);
    auto keys = [&] { return record::TrafficKeys{SecretBytes(), SecretBytes(key), SecretBytes(iv)}; };

    record::AeadCipherState reader(algorithm, keys());
    if (mode == 0) {
        rejected_as_bad_record_mac(reader, rest);
        return 0;
    }
    record::AeadCipherState writer(algorithm, keys());
    crypto::HmacDrbg rng(as_bytes("fuzz aead nonces"), as_bytes("nonce"), {});
    ByteView plaintext = rest.first(std::min(rest.size(), record::max_plaintext_length));
    Bytes fragment = writer.protect(record::ContentType::application_data, record::tls12, 7, plaintext, rng);
    if (mode == 1) {
        Bytes back = reader.unprotect(record::ContentType::application_data, record::tls12, 7, fragment);
        if (!std::equal(back.begin(), back.end(), plaintext.begin(), plaintext.end())) __builtin_trap();
        return 0;
    }
    const std::uint8_t flip = data[2] == 0 ? 1 : data[2];
    fragment[data[1] % fragment.size()] ^= flip;
    if (!rejected_as_bad_record_mac(reader, fragment)) __builtin_trap();
    return 0;
}
