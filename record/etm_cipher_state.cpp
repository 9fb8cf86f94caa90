// AES-CBC with HMAC, encrypt-then-MAC: RFC 7366 §3, negotiated by the encrypt_then_mac extension.
//
//   The same record, MAC-then-encrypt (RFC 5246 §6.2.3.2)      and encrypt-then-MAC (RFC 7366 §3)
//
//   | IV | E_k( content | MAC | padding | pl ) |              | IV | E_k( content | padding | pl ) | MAC |
//          `-- the MAC is inside the encryption --'                 `------- covered by the MAC -------'
//
//   MAC (RFC 7366 §3): HMAC(MAC_write_key, seq_num + type + version + length + IV +
//                           ENC(content + padding + padding_length))
//   where length is the length of IV + ciphertext, "without the MAC" (the TLSCiphertext.length
//   the receiver sees minus mac_length). In TLS 1.0 there is no IV field (it is the last
//   ciphertext block of the previous record), so the MAC covers the ciphertext alone.
//
// Why this removes the padding oracle (docs/record.md): the receiver checks the MAC over bytes it
// has not decrypted yet. A modified record fails there, before any padding exists; the padding of
// an authenticated record came from the peer, so looking at it with branches tells an attacker
// nothing it did not write itself. Nothing here is secret-dependent before the MAC decision: the
// MAC's position is public (the last mac_length bytes), the HMAC covers a public length, and the
// comparison is the one constant-time helper. Compare cbc_cipher_state.cpp, which needs
// secret_length_hmac.cpp to hide the length of a MAC input only the padding decides.
#include "crypto/aes.h"
#include "crypto/cbc.h"
#include "crypto/ct.h"
#include "crypto/error.h"
#include "crypto/hmac.h"
#include "record/cipher_state.h"
#include "record/tls_error.h"

namespace lucid::record {

namespace {

constexpr std::size_t block = crypto::Aes::block_size;
constexpr std::size_t max_padding_length = 255;

[[noreturn]] void fail() { throw TlsError(AlertDescription::bad_record_mac, bad_record_mac_sentence); }

}  // namespace

struct EtmCbcHmacCipherState::Impl {
    Impl(const CipherSpec& spec, ProtocolVersion v, const TrafficKeys& keys)
        : bulk(spec.bulk), mac(spec.mac), mac_size(spec.mac_length), explicit_iv(v >= tls11),
          aes(keys.enc_key.view()), mac_key(keys.mac_key.clone()) {}

    BulkCipher bulk;
    MacAlgorithm mac;
    std::size_t mac_size;
    bool explicit_iv;         // TLS 1.1+; false: TLS 1.0 chained IV (BEAST: cbc_cipher_state.cpp)
    crypto::Aes aes;
    SecretBytes mac_key;
    SecretBytes chained_iv;   // TLS 1.0 only: the last ciphertext block (public once sent)

    // RFC 7366 §3: the MAC over seq_num + type + version + length + IV + ciphertext.
    Bytes mac_input(std::uint64_t seq, ContentType type, ProtocolVersion version, ByteView authenticated) const {
        return concat({mac_header(seq, type, version, authenticated.size()), authenticated});
    }
};

EtmCbcHmacCipherState::EtmCbcHmacCipherState(const CipherSpec& spec, ProtocolVersion version, const TrafficKeys& keys) {
    if (spec.kind != CipherKind::block || spec.mac == MacAlgorithm::null || !spec.encrypt_then_mac) {
        throw Error("EtmCbcHmacCipherState needs a block cipher, a MAC and encrypt_then_mac");
    }
    if (spec.block_length != block || spec.mac_length != mac_length(spec.mac)) {
        throw Error("EtmCbcHmacCipherState: the spec's block or MAC length is not AES's or " + mac_name(spec.mac) + "'s");
    }
    if (keys.enc_key.size() != spec.enc_key_length || keys.mac_key.size() != spec.mac_length) {
        throw Error(bulk_cipher_name(spec.bulk) + " " + mac_name(spec.mac) + ": a key's length is not the spec's");
    }
    impl_ = std::make_unique<Impl>(spec, version, keys);
    if (!impl_->explicit_iv) {
        if (keys.iv.size() != block) {
            throw Error("TLS 1.0 CBC needs a 16-byte IV from the key block, not " + std::to_string(keys.iv.size()));
        }
        impl_->chained_iv = keys.iv.clone();
    }
}

EtmCbcHmacCipherState::~EtmCbcHmacCipherState() = default;

std::string EtmCbcHmacCipherState::name() const {
    return bulk_cipher_name(impl_->bulk) + " " + mac_name(impl_->mac) + " encrypt-then-MAC" +
           (impl_->explicit_iv ? " (explicit IV)" : " (chained IV)");
}

// IV + at most 255 bytes of padding + the padding_length byte + MAC.
std::size_t EtmCbcHmacCipherState::max_overhead() const {
    return (impl_->explicit_iv ? block : 0) + max_padding_length + 1 + impl_->mac_size;
}

// RFC 7366 §3, sending side: encrypt content || padding || padding_length, then MAC IV || ciphertext.
Bytes EtmCbcHmacCipherState::protect(ContentType type, ProtocolVersion version, std::uint64_t seq,
                                     ByteView plaintext, crypto::RandomSource& rng) {
    if (plaintext.size() > max_plaintext_length) {
        throw Error("protect: a plaintext of " + std::to_string(plaintext.size()) +
                    " bytes is longer than 2^14; the record layer must fragment it first");
    }
    Impl& s = *impl_;
    trace_ = CipherTrace{};
    trace_.encrypt_then_mac = true;
    trace_.content_length = plaintext.size();
    // RFC 5246 §6.2.3.2: the padding fills whole blocks (here without a MAC inside).
    const std::size_t padding_length = (block - (plaintext.size() + 1) % block) % block;
    trace_.padding_length = static_cast<std::uint8_t>(padding_length);
    Bytes block_ciphered(plaintext.begin(), plaintext.end());
    block_ciphered.insert(block_ciphered.end(), padding_length + 1, static_cast<std::uint8_t>(padding_length));

    Bytes iv = s.explicit_iv ? rng.bytes(block) : s.chained_iv.reveal();
    Bytes ciphertext = crypto::cbc_encrypt(s.aes, iv, block_ciphered);
    ct::wipe(block_ciphered.data(), block_ciphered.size());
    if (!s.explicit_iv) s.chained_iv = SecretBytes(ByteView(ciphertext).last(block));
    Bytes authenticated = s.explicit_iv ? concat({iv, ciphertext}) : ciphertext;
    trace_.iv = std::move(iv);
    trace_.iv_explicit = s.explicit_iv;
    trace_.mac_input = s.mac_input(seq, type, version, authenticated);
    trace_.mac = crypto::hmac(mac_hash(s.mac), s.mac_key.view(), trace_.mac_input);
    return concat({authenticated, trace_.mac});
}

// RFC 7366 §3, receiving side: "the MAC is verified ... before decryption". Only public lengths
// decide a branch until the one constant-time MAC comparison.
Bytes EtmCbcHmacCipherState::unprotect(ContentType type, ProtocolVersion version, std::uint64_t seq,
                                       ByteView fragment) {
    Impl& s = *impl_;
    trace_ = CipherTrace{};
    const std::size_t iv_size = s.explicit_iv ? block : 0;
    // Public: IV, at least one block, the MAC; the ciphertext is whole blocks.
    if (fragment.size() < iv_size + block + s.mac_size || (fragment.size() - iv_size - s.mac_size) % block != 0) fail();
    ByteView authenticated = fragment.first(fragment.size() - s.mac_size);
    ByteView received = fragment.last(s.mac_size);
    Bytes mac_input = s.mac_input(seq, type, version, authenticated);
    Bytes expected = crypto::hmac(mac_hash(s.mac), s.mac_key.view(), mac_input);
    if (!ct::equal(expected, received)) fail();

    // Authenticated from here on: the padding is what the peer wrote, so branches on it are safe.
    ByteView iv = s.explicit_iv ? authenticated.first(block) : s.chained_iv.view();
    ByteView ciphertext = authenticated.subspan(iv_size);
    Bytes iv_used(iv.begin(), iv.end());
    SecretBytes plain = SecretBytes::adopt(crypto::cbc_decrypt(s.aes, iv, ciphertext));
    if (!s.explicit_iv) s.chained_iv = SecretBytes(ciphertext.last(block));
    ByteView p = plain.view();
    // Public from here on: the record is authenticated, so its length is the sender's choice (as
    // after step (6) of cbc_cipher_state.cpp). A sender that MACs a record with bad padding is
    // broken: the same bad_record_mac (RFC 7366 §3).
    const std::size_t padding_length = ct::declassify(p.back());
    if (padding_length + 1 > p.size()) fail();
    ct::Mask padding_ok = ct::eq(0, 0);
    for (std::size_t i = 0; i <= padding_length; ++i) {
        padding_ok &= ct::eq(p[p.size() - 1 - i], static_cast<std::uint32_t>(padding_length));
    }
    if (ct::declassify(padding_ok) == 0) fail();
    const std::size_t content_length = p.size() - padding_length - 1;

    trace_.encrypt_then_mac = true;
    trace_.iv = std::move(iv_used);
    trace_.iv_explicit = s.explicit_iv;
    trace_.mac_input = std::move(mac_input);
    trace_.mac = std::move(expected);
    trace_.padding_length = static_cast<std::uint8_t>(padding_length);
    trace_.content_length = content_length;
    return Bytes(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(content_length));
}

}  // namespace lucid::record
