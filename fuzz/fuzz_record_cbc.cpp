// Fuzz target: CBC record protection (record/cipher_state.h, RFC 5246 §6.2.3.2) with fixed keys:
// AES-128/256-CBC with HMAC-SHA1/SHA256/SHA384, in TLS 1.0 (chained IV), 1.1 and 1.2 (explicit IV).
//
// Input: byte 0 picks the suite and the version (bits 0-1 cipher and MAC, bits 2-3 version), the
// mode (bits 4-5) and the record mechanism (bit 6: encrypt-then-MAC, RFC 7366 §3, else
// MAC-then-encrypt):
//   0  unprotect the rest as a TLSCiphertext.fragment: every failure must be bad_record_mac;
//   1  protect the rest, then unprotect it: the plaintext must come back (the valid path, which the
//      fuzzer cannot reach in mode 0 without forging a MAC);
//   2  protect the rest, XOR byte data[1] (mod length) of the fragment with data[2] (non-zero), then
//      unprotect: it must fail with bad_record_mac (Vaudenay 2002, Lucky Thirteen: no other outcome).
#include <algorithm>

#include "crypto/random.h"
#include "fuzz/fuzz_support.h"
#include "record/alert.h"
#include "record/cipher_state.h"
#include "tests/record/cipher_specs.h"
#include "record/record.h"
#include "record/tls_error.h"

namespace {

using namespace lucid;

record::TrafficKeys fixed_keys(const record::CipherSpec& spec) {
    record::KeyMaterialSizes sizes = record::key_material_sizes(spec);
    Bytes mac(sizes.mac_key_length), enc(sizes.enc_key_length), iv(sizes.iv_length);
    for (std::size_t i = 0; i < mac.size(); ++i) mac[i] = static_cast<std::uint8_t>(0x10 + i);
    for (std::size_t i = 0; i < enc.size(); ++i) enc[i] = static_cast<std::uint8_t>(0x80 + i);
    for (std::size_t i = 0; i < iv.size(); ++i) iv[i] = static_cast<std::uint8_t>(0xC0 + i);
    return record::TrafficKeys{SecretBytes(mac), SecretBytes(enc), SecretBytes(iv)};
}

// Runs unprotect and says whether it failed the one way it may fail.
bool rejected_as_bad_record_mac(record::CipherState& state, record::ProtocolVersion v, ByteView fragment) {
    try {
        state.unprotect(record::ContentType::application_data, v, 7, fragment);
        return false;
    } catch (const record::TlsError& e) {
        if (e.alert() != record::AlertDescription::bad_record_mac) __builtin_trap();
        return true;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 3) return 0;
    static const record::CipherSpec specs[] = {
        record::test::spec_for(record::BulkCipher::aes_128_cbc, record::MacAlgorithm::hmac_sha1),
        record::test::spec_for(record::BulkCipher::aes_256_cbc, record::MacAlgorithm::hmac_sha1),
        record::test::spec_for(record::BulkCipher::aes_128_cbc, record::MacAlgorithm::hmac_sha256),
        record::test::spec_for(record::BulkCipher::aes_256_cbc, record::MacAlgorithm::hmac_sha384),
    };
    static constexpr record::ProtocolVersion versions[] = {record::tls10, record::tls11, record::tls12, record::tls12};
    record::CipherSpec spec = specs[data[0] & 3];
    spec.encrypt_then_mac = (data[0] >> 6) & 1;
    const record::ProtocolVersion version = versions[(data[0] >> 2) & 3];
    const int mode = (data[0] >> 4) & 3;
    ByteView rest = fuzz::input(data + 3, size - 3);

    record::TrafficKeys keys = fixed_keys(spec);
    auto reader = record::make_cipher_state(spec, version, keys);
    if (mode == 0) {
        rejected_as_bad_record_mac(*reader, version, rest);
        return 0;
    }
    auto writer = record::make_cipher_state(spec, version, keys);
    crypto::HmacDrbg rng(as_bytes("fuzz cbc explicit IVs"), as_bytes("nonce"), {});
    ByteView plaintext = rest.first(std::min(rest.size(), record::max_plaintext_length));
    Bytes fragment = writer->protect(record::ContentType::application_data, version, 7, plaintext, rng);
    if (mode == 1) {
        Bytes back = reader->unprotect(record::ContentType::application_data, version, 7, fragment);
        if (!std::equal(back.begin(), back.end(), plaintext.begin(), plaintext.end())) __builtin_trap();
        return 0;
    }
    const std::uint8_t flip = data[2] == 0 ? 1 : data[2];
    fragment[data[1] % fragment.size()] ^= flip;
    if (!rejected_as_bad_record_mac(*reader, version, fragment)) __builtin_trap();
    return 0;
}
