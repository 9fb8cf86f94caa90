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
#include <algorithm>
#include <array>

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
          aes(keys.enc_key.view()), hmac(mac_hash(spec.mac), keys.mac_key.view()) {}

    BulkCipher bulk;
    MacAlgorithm mac;
    std::size_t mac_size;
    bool explicit_iv;         // TLS 1.1+; false: TLS 1.0 chained IV (BEAST: cbc_cipher_state.cpp)
    crypto::Aes aes;
    crypto::Hmac hmac;        // keyed once with the MAC key
    SecretBytes chained_iv;   // TLS 1.0 only: the last ciphertext block (public once sent)

    // RFC 7366 §3: the MAC over seq_num + type + version + length + IV + ciphertext, written to
    // mac. The header and the record are fed to the HMAC one after the other: nothing is
    // concatenated first.
    void compute_mac(std::uint64_t seq, ContentType type, ProtocolVersion version, ByteView authenticated,
                     MutableByteView mac) {
        hmac.update(make_mac_header(seq, type, version, authenticated.size()));
        hmac.update(authenticated);
        hmac.final(mac);
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
std::size_t EtmCbcHmacCipherState::seal(ContentType type, ProtocolVersion version, std::uint64_t seq,
                                        ByteView plaintext, crypto::RandomSource& rng, MutableByteView out) {
    if (plaintext.size() > max_plaintext_length) {
        throw Error("protect: a plaintext of " + std::to_string(plaintext.size()) +
                    " bytes is longer than 2^14; the record layer must fragment it first");
    }
    Impl& s = *impl_;
    // RFC 5246 §6.2.3.2: the padding fills whole blocks (here without a MAC inside).
    const std::size_t padding_length = (block - (plaintext.size() + 1) % block) % block;
    const std::size_t iv_size = s.explicit_iv ? block : 0;
    const std::size_t n = plaintext.size() + padding_length + 1;
    if (out.size() < iv_size + n + s.mac_size) throw Error("seal: the output buffer is too short for the record");

    if (s.explicit_iv) rng.fill(out.first(block));
    const ByteView iv = s.explicit_iv ? ByteView(out.first(block)) : s.chained_iv.view();
    if (tracing_) {
        trace_ = CipherTrace{};
        trace_.iv.assign(iv.begin(), iv.end());
    }
    // The whole blocks of content straight from the caller's buffer, then the last block (the rest
    // of the content, the padding) from a small buffer, chained to the first part (see the same
    // step in cbc_cipher_state.cpp).
    const std::size_t whole = plaintext.size() - plaintext.size() % block;
    const MutableByteView ciphertext = out.subspan(iv_size, n);
    if (whole > 0) crypto::cbc_encrypt(s.aes, iv, plaintext.first(whole), ciphertext.first(whole));
    std::array<std::uint8_t, block> last_block{};
    const ByteView rest = plaintext.subspan(whole);
    std::copy(rest.begin(), rest.end(), last_block.begin());
    std::fill(last_block.begin() + static_cast<std::ptrdiff_t>(rest.size()), last_block.end(),
              static_cast<std::uint8_t>(padding_length));
    const ByteView last_iv = whole > 0 ? ByteView(ciphertext.subspan(whole - block, block)) : iv;
    crypto::cbc_encrypt(s.aes, last_iv, last_block, ciphertext.subspan(whole));
    ct::wipe(last_block.data(), last_block.size());
    if (!s.explicit_iv) s.chained_iv = SecretBytes(ByteView(ciphertext).last(block));

    const ByteView authenticated = out.first(iv_size + n);
    const MutableByteView mac = out.subspan(iv_size + n, s.mac_size);
    s.compute_mac(seq, type, version, authenticated, mac);
    if (tracing_) {
        trace_.encrypt_then_mac = true;
        trace_.content_length = plaintext.size();
        trace_.padding_length = static_cast<std::uint8_t>(padding_length);
        trace_.iv_explicit = s.explicit_iv;
        trace_.mac_input = concat({mac_header(seq, type, version, authenticated.size()), authenticated});
        trace_.mac.assign(mac.begin(), mac.end());
    }
    return iv_size + n + s.mac_size;
}

// RFC 7366 §3, receiving side: "the MAC is verified ... before decryption". Only public lengths
// decide a branch until the one constant-time MAC comparison.
ByteView EtmCbcHmacCipherState::open(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView fragment,
                                     MutableByteView out) {
    Impl& s = *impl_;
    if (tracing_) trace_ = CipherTrace{};  // a failure leaves it empty
    const std::size_t iv_size = s.explicit_iv ? block : 0;
    // Public: IV, at least one block, the MAC; the ciphertext is whole blocks.
    if (fragment.size() < iv_size + block + s.mac_size || (fragment.size() - iv_size - s.mac_size) % block != 0) fail();
    if (out.size() < fragment.size()) throw Error("open: the output buffer is shorter than the fragment");
    ByteView authenticated = fragment.first(fragment.size() - s.mac_size);
    ByteView received = fragment.last(s.mac_size);
    std::array<std::uint8_t, max_mac_length> expected_buffer{};
    const MutableByteView expected = MutableByteView(expected_buffer).first(s.mac_size);
    s.compute_mac(seq, type, version, authenticated, expected);
    if (!ct::equal(expected, received)) fail();

    // Authenticated from here on: the padding is what the peer wrote, so branches on it are safe.
    ByteView iv = s.explicit_iv ? authenticated.first(block) : s.chained_iv.view();
    ByteView ciphertext = authenticated.subspan(iv_size);
    std::array<std::uint8_t, block> iv_used{};  // for the trace: a TLS 1.0 chained IV moves on below
    std::copy(iv.begin(), iv.end(), iv_used.begin());
    const MutableByteView p = out.first(ciphertext.size());
    crypto::cbc_decrypt(s.aes, iv, ciphertext, p);
    if (!s.explicit_iv) s.chained_iv = SecretBytes(ciphertext.last(block));
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

    if (tracing_) {
        trace_ = CipherTrace{};
        trace_.iv.assign(iv_used.begin(), iv_used.end());
        trace_.encrypt_then_mac = true;
        trace_.iv_explicit = s.explicit_iv;
        trace_.mac_input = concat({mac_header(seq, type, version, authenticated.size()), authenticated});
        trace_.mac.assign(expected.begin(), expected.end());
        trace_.padding_length = static_cast<std::uint8_t>(padding_length);
        trace_.content_length = content_length;
    }
    return ByteView(p).first(content_length);
}

}  // namespace lucid::record
