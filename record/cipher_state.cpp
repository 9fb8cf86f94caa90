// The cipher states without a block cipher (NULL, NULL with HMAC), the sizes of the key material,
// and the factory (which also builds the AEAD state of aead_cipher_state.cpp). The CBC state, with
// the record diagram and the padding-oracle story, is in cbc_cipher_state.cpp.
#include "record/cipher_state.h"

#include <algorithm>
#include <array>
#include <optional>

#include "crypto/ct.h"
#include "crypto/error.h"
#include "crypto/hmac.h"
#include "record/aead_cipher_state.h"
#include "record/codec.h"
#include "record/tls_error.h"

namespace lucid::record {

std::string bulk_cipher_name(BulkCipher bulk) {
    switch (bulk) {
        case BulkCipher::null: return "NULL";
        case BulkCipher::aes_128_cbc: return "AES_128_CBC";
        case BulkCipher::aes_256_cbc: return "AES_256_CBC";
        case BulkCipher::aes_128_gcm: return "AES_128_GCM";
        case BulkCipher::aes_256_gcm: return "AES_256_GCM";
        case BulkCipher::chacha20_poly1305: return "CHACHA20_POLY1305";
    }
    return "unknown";
}

std::string mac_name(MacAlgorithm mac) {
    switch (mac) {
        case MacAlgorithm::null: return "NULL";
        case MacAlgorithm::hmac_sha1: return "HMAC-SHA1";
        case MacAlgorithm::hmac_sha256: return "HMAC-SHA256";
        case MacAlgorithm::hmac_sha384: return "HMAC-SHA384";
    }
    return "unknown";
}

crypto::HashAlgorithm mac_hash(MacAlgorithm mac) {
    switch (mac) {
        case MacAlgorithm::hmac_sha1: return crypto::HashAlgorithm::sha1;
        case MacAlgorithm::hmac_sha256: return crypto::HashAlgorithm::sha256;
        case MacAlgorithm::hmac_sha384: return crypto::HashAlgorithm::sha384;
        case MacAlgorithm::null: break;
    }
    throw Error("the NULL MAC has no hash");
}

// RFC 5246 §6.2.3.1: mac_length = mac_key_length = the hash's output size.
std::size_t mac_length(MacAlgorithm mac) {
    return mac == MacAlgorithm::null ? 0 : crypto::digest_size(mac_hash(mac));
}

MacAlgorithm hmac_with(crypto::HashAlgorithm hash) {
    switch (hash) {
        case crypto::HashAlgorithm::sha1: return MacAlgorithm::hmac_sha1;
        case crypto::HashAlgorithm::sha256: return MacAlgorithm::hmac_sha256;
        case crypto::HashAlgorithm::sha384: return MacAlgorithm::hmac_sha384;
        default: break;
    }
    throw Error("no TLS record MAC uses this hash");
}

// RFC 5246 §6.3: the sizes come from the spec, which the suite table filled.
KeyMaterialSizes key_material_sizes(const CipherSpec& spec) {
    return KeyMaterialSizes{spec.mac_length, spec.enc_key_length, spec.fixed_iv_length};
}

// RFC 5246 §6.2.3.1
MacHeader make_mac_header(std::uint64_t seq, ContentType type, ProtocolVersion version, std::size_t length) {
    MacHeader h{};
    for (std::size_t i = 0; i < 8; ++i) h[i] = static_cast<std::uint8_t>(seq >> (56 - 8 * i));  // uint64, big-endian
    h[8] = static_cast<std::uint8_t>(type);
    h[9] = version.major;
    h[10] = version.minor;
    h[11] = static_cast<std::uint8_t>(length >> 8);  // uint16, big-endian
    h[12] = static_cast<std::uint8_t>(length);
    return h;
}

Bytes mac_header(std::uint64_t seq, ContentType type, ProtocolVersion version, std::size_t length) {
    const MacHeader h = make_mac_header(seq, type, version, length);
    return Bytes(h.begin(), h.end());
}

Bytes CipherState::protect(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView plaintext,
                           crypto::RandomSource& rng) {
    Bytes out(plaintext.size() + max_overhead());
    out.resize(seal(type, version, seq, plaintext, rng, out));
    return out;
}

Bytes CipherState::unprotect(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView fragment) {
    Bytes buffer(fragment.size());
    const ByteView plaintext = open(type, version, seq, fragment, buffer);
    return Bytes(plaintext.begin(), plaintext.end());
}

namespace {

void check_plaintext_length(ByteView plaintext) {
    if (plaintext.size() > max_plaintext_length) {
        throw Error("protect: a plaintext of " + std::to_string(plaintext.size()) +
                    " bytes is longer than 2^14; the record layer must fragment it first");
    }
}

void check_output_length(std::size_t needed, MutableByteView out) {
    if (out.size() < needed) throw Error("seal: the output buffer is shorter than " + std::to_string(needed) + " bytes");
}

// RFC 5246 §6.2.3.3: an AEAD suite has no MAC key, and its sizes are fixed by the algorithm
// (RFC 5288 §3, RFC 7905 §2). The suite table states them too; a row that disagrees is a bug in
// the table, reported here rather than as an interop failure later.
std::unique_ptr<CipherState> make_aead_cipher_state(const CipherSpec& spec, const TrafficKeys& keys) {
    std::optional<AeadAlgorithm> algorithm;
    switch (spec.bulk) {
        case BulkCipher::aes_128_gcm: algorithm = AeadAlgorithm::aes_128_gcm; break;
        case BulkCipher::aes_256_gcm: algorithm = AeadAlgorithm::aes_256_gcm; break;
        case BulkCipher::chacha20_poly1305: algorithm = AeadAlgorithm::chacha20_poly1305; break;
        default: break;
    }
    if (!algorithm) throw Error(bulk_cipher_name(spec.bulk) + " is not an AEAD cipher");
    const AeadSizes sizes = aead_sizes(*algorithm);
    if (spec.mac != MacAlgorithm::null || spec.mac_length != 0 || spec.enc_key_length != sizes.key_length ||
        spec.fixed_iv_length != sizes.fixed_iv_length || spec.record_iv_length != sizes.explicit_nonce_length ||
        spec.tag_length != sizes.tag_length) {
        throw Error("the cipher spec of " + aead_name(*algorithm) + " does not have the sizes of RFC 5288 §3 / RFC 7905 §2");
    }
    return std::make_unique<AeadCipherState>(*algorithm, keys);
}

}  // namespace

// RFC 5246 §6.1: TLS_NULL_WITH_NULL_NULL, "no encryption, no MAC".
std::size_t NullCipherState::seal(ContentType, ProtocolVersion, std::uint64_t, ByteView plaintext,
                                  crypto::RandomSource&, MutableByteView out) {
    check_plaintext_length(plaintext);
    check_output_length(plaintext.size(), out);
    if (tracing_) {
        trace_ = CipherTrace{};
        trace_.content_length = plaintext.size();
    }
    std::copy(plaintext.begin(), plaintext.end(), out.begin());
    return plaintext.size();
}

// The fragment is the plaintext: nothing to decrypt, nothing to copy.
ByteView NullCipherState::open(ContentType, ProtocolVersion, std::uint64_t, ByteView fragment, MutableByteView) {
    if (tracing_) {
        trace_ = CipherTrace{};
        trace_.content_length = fragment.size();
    }
    return fragment;
}

namespace {

// The hash of a NULL-cipher MAC, once the algorithm and the key's length are checked.
crypto::HashAlgorithm checked_mac_hash(MacAlgorithm mac, const SecretBytes& mac_key) {
    if (mac == MacAlgorithm::null) throw Error("NullHmacCipherState needs a MAC algorithm");
    if (mac_key.size() != mac_length(mac)) {
        throw Error("NullHmacCipherState: " + mac_name(mac) + " needs a " + std::to_string(mac_length(mac)) +
                    "-byte MAC key, not " + std::to_string(mac_key.size()));
    }
    return mac_hash(mac);
}

}  // namespace

NullHmacCipherState::NullHmacCipherState(MacAlgorithm mac, const SecretBytes& mac_key)
    : mac_(mac), hmac_(checked_mac_hash(mac, mac_key), mac_key.view()) {}

std::string NullHmacCipherState::name() const { return "NULL " + mac_name(mac_); }

std::size_t NullHmacCipherState::max_overhead() const { return mac_length(mac_); }

// RFC 5246 §6.2.3.1: GenericStreamCipher with the NULL cipher is content || MAC.
std::size_t NullHmacCipherState::seal(ContentType type, ProtocolVersion version, std::uint64_t seq,
                                      ByteView plaintext, crypto::RandomSource&, MutableByteView out) {
    check_plaintext_length(plaintext);
    check_output_length(plaintext.size() + max_overhead(), out);
    const MacHeader header = make_mac_header(seq, type, version, plaintext.size());
    const MutableByteView mac = out.subspan(plaintext.size(), mac_length(mac_));
    std::copy(plaintext.begin(), plaintext.end(), out.begin());
    hmac_.update(header);
    hmac_.update(plaintext);
    hmac_.final(mac);
    if (tracing_) {
        trace_ = CipherTrace{};
        trace_.mac_input = concat({header, plaintext});
        trace_.mac.assign(mac.begin(), mac.end());
        trace_.content_length = plaintext.size();
    }
    return plaintext.size() + mac.size();
}

// RFC 5246 §6.2.3.1. The MAC's position is public (the last mac_length bytes); only the
// comparison has to be constant-time, so that it does not tell how many leading bytes matched.
ByteView NullHmacCipherState::open(ContentType type, ProtocolVersion version, std::uint64_t seq,
                                   ByteView fragment, MutableByteView) {
    const std::size_t mac_size = mac_length(mac_);
    if (fragment.size() < mac_size) {
        throw TlsError(AlertDescription::bad_record_mac, bad_record_mac_sentence);
    }
    ByteView content = fragment.first(fragment.size() - mac_size);
    ByteView received = fragment.last(mac_size);
    const MacHeader header = make_mac_header(seq, type, version, content.size());
    std::array<std::uint8_t, max_mac_length> expected_buffer{};
    const MutableByteView expected = MutableByteView(expected_buffer).first(mac_size);
    hmac_.update(header);
    hmac_.update(content);
    hmac_.final(expected);
    if (!ct::equal(expected, received)) {
        throw TlsError(AlertDescription::bad_record_mac, bad_record_mac_sentence);
    }
    if (tracing_) {
        trace_ = CipherTrace{};
        trace_.mac_input = concat({header, content});
        trace_.mac.assign(expected.begin(), expected.end());
        trace_.content_length = content.size();
    }
    return content;
}

std::unique_ptr<CipherState> make_cipher_state(const CipherSpec& spec, ProtocolVersion version, const TrafficKeys& keys) {
    switch (spec.kind) {
        case CipherKind::stream:
            if (spec.bulk != BulkCipher::null) break;
            if (spec.mac == MacAlgorithm::null) return std::make_unique<NullCipherState>();
            if (keys.mac_key.size() != spec.mac_length) break;
            return std::make_unique<NullHmacCipherState>(spec.mac, keys.mac_key);
        case CipherKind::block:
            if (spec.mac == MacAlgorithm::null) {
                throw Error("a " + bulk_cipher_name(spec.bulk) + " cipher state without a MAC does not exist in TLS 1.2");
            }
            if (spec.encrypt_then_mac) return std::make_unique<EtmCbcHmacCipherState>(spec, version, keys);
            return std::make_unique<CbcHmacCipherState>(spec, version, keys);
        case CipherKind::aead:
            return make_aead_cipher_state(spec, keys);
    }
    throw Error("no cipher state for " + bulk_cipher_name(spec.bulk) + " " + mac_name(spec.mac) +
                " with these key sizes");
}

}  // namespace lucid::record
