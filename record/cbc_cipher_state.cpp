// AES-CBC with HMAC, MAC-then-encrypt: RFC 5246 §6.2.3.2 GenericBlockCipher (and RFC 2246 for 1.0).
//
//   TLSCiphertext on the wire, TLS 1.1 and 1.2 (AES: 16-byte blocks)
//
//   +------+---------+---------+------------+---------------------------------------------------+
//   | type | version | length  |  IV        |  E_k( content | MAC | padding ... | padding_length )|
//   |  1   |    2    |    2    |  16        |  n bytes, n a multiple of 16                       |
//   +------+---------+---------+------------+---------------------------------------------------+
//    `----- header, public ---'  public       `--- after decryption, all of it secret until the
//                                                   MAC has been checked ---'
//
//   content          TLSCompressed.fragment, 0 .. 2^14 bytes
//   MAC              HMAC(MAC_write_key, seq_num + type + version + length + content)   §6.2.3.1
//                    20 bytes (SHA-1), 32 (SHA-256), 48 (SHA-384)
//   padding          padding_length bytes, every one of them equal to padding_length
//   padding_length   1 byte, 0..255, chosen so that content + MAC + padding + 1 fills whole blocks
//
//   TLS 1.0 has no IV field: the IV of each record is the last ciphertext block of the record
//   before it (the first comes from the key block).
//
// MAC-then-encrypt, and the two attacks that followed from it.
//
// The receiver must decrypt before it can check the MAC, and so it looks at the padding of a
// plaintext nobody has authenticated yet.
//
// Vaudenay 2002, "Security Flaws Induced by CBC Padding": an attacker who can send modified
// records and learn whether the *padding* was valid (a different alert, or an earlier answer)
// can decrypt any ciphertext block: xor a guess into the previous block, and the padding comes
// out valid exactly when the guess was right (for the last byte: 0x00 padding_length), one byte at
// a time, ~128 tries per byte. Hence RFC 5246 §7.2.2 merges decryption_failed into bad_record_mac,
// and §6.2.3.2 says "implementations MUST ensure that record processing time is essentially the
// same whether or not the padding is correct ... compute the MAC even if the padding is
// incorrect, and only then reject the packet. For instance, if the pad appears to be incorrect,
// the implementation might assume a zero-length pad and then compute the MAC." and admits that
// "This leaves a small timing channel".
//
// Lucky Thirteen 2013 (AlFardan and Paterson) measured that small channel: with a zero-length pad
// assumed, the MAC covers more bytes than with the real (long) pad, which costs more compressions
// of the hash. See secret_length_hmac.cpp for the arithmetic and for how we close it.
//
// So open() below: (1) checks only public things with branches (the fragment length);
// (2) decrypts every block; (3) reads the last 256 decrypted bytes (or all, if fewer) whatever the
// padding_length, building a mask "padding valid"; (4) computes the MAC through
// hmac_secret_length(), whose cost depends on n only; (5) copies the received MAC out of its
// secret position by reading every candidate position; (6) decides once, with one branch, on the
// AND of both masks. Every failure throws the same bad_record_mac with the same sentence.
#include <algorithm>
#include <array>
#include <optional>

#include "crypto/aes.h"
#include "crypto/cbc.h"
#include "crypto/ct.h"
#include "crypto/error.h"
#include "crypto/hmac.h"
#include "record/cipher_state.h"
#include "record/secret_length_hmac.h"
#include "record/tls_error.h"

namespace lucid::record {

namespace {

constexpr std::size_t block = crypto::Aes::block_size;
constexpr std::size_t max_padding_length = 255;

[[noreturn]] void fail() { throw TlsError(AlertDescription::bad_record_mac, bad_record_mac_sentence); }

// What follows the last whole block of content in a record: at most 15 bytes of content, the MAC
// (48 at most) and at most 256 bytes of padding and padding_length.
using Tail = std::array<std::uint8_t, 15 + max_mac_length + max_padding_length + 1>;

}  // namespace

struct CbcHmacCipherState::Impl {
    Impl(const CipherSpec& spec, ProtocolVersion v, const TrafficKeys& keys)
        : bulk(spec.bulk), mac(spec.mac), mac_size(spec.mac_length), explicit_iv(v >= tls11),
          aes(keys.enc_key.view()), send_mac(mac_hash(spec.mac), keys.mac_key.view()),
          received_mac(mac_hash(spec.mac), keys.mac_key.view()) {}

    BulkCipher bulk;
    MacAlgorithm mac;
    std::size_t mac_size;    // from the suite table (= the hash's output size, §6.2.3.1)
    bool explicit_iv;        // TLS 1.1+ (RFC 4346 §6.2.3.2); false: TLS 1.0 chained IV
    crypto::Aes aes;
    // Both keyed once with the MAC key: seal() MACs content of a public length, open() content of a
    // secret length (secret_length_hmac.h).
    crypto::Hmac send_mac;
    SecretLengthHmac received_mac;
    // TLS 1.0 only: the IV of the next record. The first is client/server_write_IV from the key
    // block; after that it is the last ciphertext block sent (or received), which is public.
    //
    // BEAST (Duong and Rizzo 2011): because this IV is known before the next record is encrypted,
    // an attacker who can make the victim encrypt chosen data (JavaScript in a browser) chooses a
    // first block P = IV_next xor C_prev_i xor guess, and sees whether it encrypts to the same
    // block as a secret it targets: a guess check per record. TLS 1.1 fixed it with a fresh random
    // IV per record; TLS 1.0 peers defend with 1/n-1 record splitting. lucidtls speaks TLS 1.0
    // only to read old traces and to teach this; use TLS 1.2.
    SecretBytes chained_iv;
    std::size_t extra_padding_blocks = 0;
};

CbcHmacCipherState::CbcHmacCipherState(const CipherSpec& spec, ProtocolVersion version, const TrafficKeys& keys) {
    if (spec.kind != CipherKind::block || spec.mac == MacAlgorithm::null) {
        throw Error("CbcHmacCipherState needs a block cipher and a MAC");
    }
    if (spec.block_length != block || spec.mac_length != mac_length(spec.mac)) {
        throw Error("CbcHmacCipherState: the spec's block or MAC length is not AES's or " + mac_name(spec.mac) + "'s");
    }
    if (keys.enc_key.size() != spec.enc_key_length) {
        throw Error(bulk_cipher_name(spec.bulk) + " needs a " + std::to_string(spec.enc_key_length) +
                    "-byte key, not " + std::to_string(keys.enc_key.size()));
    }
    if (keys.mac_key.size() != spec.mac_length) {
        throw Error(mac_name(spec.mac) + " needs a " + std::to_string(spec.mac_length) + "-byte MAC key, not " +
                    std::to_string(keys.mac_key.size()));
    }
    impl_ = std::make_unique<Impl>(spec, version, keys);
    if (!impl_->explicit_iv) {
        if (keys.iv.size() != block) {
            throw Error("TLS 1.0 CBC needs a 16-byte IV from the key block, not " + std::to_string(keys.iv.size()));
        }
        impl_->chained_iv = keys.iv.clone();
    }
}

CbcHmacCipherState::~CbcHmacCipherState() = default;

std::string CbcHmacCipherState::name() const {
    return bulk_cipher_name(impl_->bulk) + " " + mac_name(impl_->mac) +
           (impl_->explicit_iv ? " (explicit IV)" : " (chained IV)");
}

// IV + MAC + at most 255 bytes of padding + the padding_length byte.
std::size_t CbcHmacCipherState::max_overhead() const {
    return (impl_->explicit_iv ? block : 0) + impl_->mac_size + max_padding_length + 1;
}

void CbcHmacCipherState::set_extra_padding_blocks(std::size_t blocks) { impl_->extra_padding_blocks = blocks; }

// RFC 5246 §6.2.3.2, sending side.
std::size_t CbcHmacCipherState::seal(ContentType type, ProtocolVersion version, std::uint64_t seq,
                                     ByteView plaintext, crypto::RandomSource& rng, MutableByteView out) {
    if (plaintext.size() > max_plaintext_length) {
        throw Error("protect: a plaintext of " + std::to_string(plaintext.size()) +
                    " bytes is longer than 2^14; the record layer must fragment it first");
    }
    Impl& s = *impl_;
    // "The padding MUST be such that the total size of the GenericBlockCipher.block_ciphered
    // structure is a multiple of the cipher's block length."
    const std::size_t unpadded = plaintext.size() + s.mac_size + 1;
    std::size_t padding_length = (block - unpadded % block) % block;
    for (std::size_t i = 0; i < s.extra_padding_blocks && padding_length + block <= max_padding_length; ++i) {
        padding_length += block;
    }
    const std::size_t iv_size = s.explicit_iv ? block : 0;
    const std::size_t n = unpadded + padding_length;  // block_ciphered
    if (out.size() < iv_size + n) throw Error("seal: the output buffer is too short for the record");

    // "The Initialization Vector (IV) SHOULD be chosen at random, and MUST be unpredictable."
    if (s.explicit_iv) rng.fill(out.first(block));
    const ByteView iv = s.explicit_iv ? ByteView(out.first(block)) : s.chained_iv.view();

    // MAC(MAC_write_key, seq_num + type + version + length + content), §6.2.3.1.
    const MacHeader header = make_mac_header(seq, type, version, plaintext.size());
    std::array<std::uint8_t, max_mac_length> mac_buffer{};
    const MutableByteView mac = MutableByteView(mac_buffer).first(s.mac_size);
    s.send_mac.update(header);
    s.send_mac.update(plaintext);
    s.send_mac.final(mac);

    // Encrypt content || MAC || padding || padding_length without first copying the content next to
    // the MAC: the whole blocks of content straight from the caller's buffer, then the tail (the
    // rest of the content, the MAC, the padding) from a small buffer. CBC chains across the two
    // calls: the IV of the second is the last ciphertext block of the first.
    const std::size_t whole = plaintext.size() - plaintext.size() % block;
    const MutableByteView ciphertext = out.subspan(iv_size, n);
    if (whole > 0) crypto::cbc_encrypt(s.aes, iv, plaintext.first(whole), ciphertext.first(whole));
    Tail tail_buffer{};
    const MutableByteView tail = MutableByteView(tail_buffer).first(n - whole);
    const ByteView rest = plaintext.subspan(whole);
    std::copy(rest.begin(), rest.end(), tail.begin());
    std::copy(mac.begin(), mac.end(), tail.begin() + static_cast<std::ptrdiff_t>(rest.size()));
    std::fill(tail.begin() + static_cast<std::ptrdiff_t>(rest.size() + mac.size()), tail.end(),
              static_cast<std::uint8_t>(padding_length));
    const ByteView tail_iv = whole > 0 ? ByteView(ciphertext.subspan(whole - block, block)) : iv;
    crypto::cbc_encrypt(s.aes, tail_iv, tail, ciphertext.subspan(whole));
    ct::wipe(tail.data(), tail.size());

    if (tracing_) {
        trace_ = CipherTrace{};
        trace_.mac_input = concat({header, plaintext});
        trace_.mac.assign(mac.begin(), mac.end());
        trace_.content_length = plaintext.size();
        trace_.padding_length = static_cast<std::uint8_t>(padding_length);
        trace_.iv.assign(iv.begin(), iv.end());
        trace_.iv_explicit = s.explicit_iv;
    }
    if (!s.explicit_iv) s.chained_iv = SecretBytes(ByteView(ciphertext).last(block));
    return iv_size + n;
}

// RFC 5246 §6.2.3.2, receiving side, in constant time (see the top of this file).
ByteView CbcHmacCipherState::open(ContentType type, ProtocolVersion version, std::uint64_t seq, ByteView fragment,
                                  MutableByteView out) {
    Impl& s = *impl_;
    if (tracing_) trace_ = CipherTrace{};  // a failure leaves it empty
    const std::size_t mac_size = s.mac_size;

    // (1) Public: the fragment length. It must hold the IV (TLS 1.1+) and whole blocks, enough
    // for a MAC and the padding_length byte.
    const std::size_t iv_size = s.explicit_iv ? block : 0;
    const std::size_t min_blocks = std::max(block, (mac_size + 1 + block - 1) / block * block);
    if (fragment.size() < iv_size + min_blocks || (fragment.size() - iv_size) % block != 0) fail();
    if (out.size() < fragment.size()) throw Error("open: the output buffer is shorter than the fragment");
    ByteView iv = s.explicit_iv ? fragment.first(block) : s.chained_iv.view();
    ByteView ciphertext = fragment.subspan(iv_size);

    // (2) Decrypt everything, into the caller's buffer. n is public.
    const MutableByteView p = out.first(ciphertext.size());
    crypto::cbc_decrypt(s.aes, iv, ciphertext, p);
    if (tracing_) trace_.iv.assign(iv.begin(), iv.end());
    if (!s.explicit_iv) s.chained_iv = SecretBytes(ciphertext.last(block));
    const std::uint32_t n = static_cast<std::uint32_t>(p.size());

    // (3) SECRET: padding_length and the padding bytes. Read the last min(256, n) bytes whatever
    // padding_length says, and fold "byte differs from padding_length" into one mask for the
    // bytes that belong to the padding (index i <= padding_length, counted from the end).
    const std::uint32_t padding_length = p[n - 1];
    ct::Mask good = ct::le(padding_length + 1 + static_cast<std::uint32_t>(mac_size), n);
    const std::uint32_t scan = std::min<std::uint32_t>(max_padding_length + 1, n);
    for (std::uint32_t i = 0; i < scan; ++i) {
        const ct::Mask in_padding = ct::le(i, padding_length);
        good &= ~(in_padding & ct::is_nonzero(p[n - 1 - i] ^ padding_length));
    }
    // §6.2.3.2: "if the pad appears to be incorrect, the implementation might assume a
    // zero-length pad and then compute the MAC".
    const std::uint32_t pad = ct::select(good, padding_length, 0);
    const std::uint32_t secret_content_length = n - static_cast<std::uint32_t>(mac_size) - 1 - pad;

    // (4) The MAC over content[0..content_length), at a cost fixed by n (public).
    const std::size_t max_length = n - mac_size - 1;
    const std::size_t min_length = max_length > max_padding_length ? max_length - max_padding_length : 0;
    const MacHeader header = make_mac_header(seq, type, version, secret_content_length);  // contents secret
    std::array<std::uint8_t, max_mac_length> expected_buffer{}, received_buffer{};
    const MutableByteView expected = MutableByteView(expected_buffer).first(mac_size);
    const MutableByteView received = MutableByteView(received_buffer).first(mac_size);
    s.received_mac.compute(header, p, secret_content_length, min_length, max_length, expected);

    // (5) The received MAC starts at content_length (secret): read every candidate position.
    for (std::size_t k = min_length; k <= max_length; ++k) {
        ct::conditional_copy(ct::eq(static_cast<std::uint32_t>(k), secret_content_length), received,
                             ByteView(p).subspan(k, mac_size));
    }

    // (6) One decision. From here on the content length is public: it is what we return.
    const ct::Mask ok = good & ct::equal_mask(expected, received);
    if (ct::declassify(ct::value_barrier(ok)) == 0) {
        ct::wipe(p.data(), p.size());  // what a forged record decrypted to stays nowhere
        if (tracing_) trace_ = CipherTrace{};
        fail();
    }
    // Public from here on: the record authenticated, so its length is the sender's choice.
    const std::uint32_t content_length = ct::declassify(secret_content_length);
    const ByteView content = ByteView(p).first(content_length);

    if (tracing_) {
        trace_.iv_explicit = s.explicit_iv;
        trace_.mac_input = concat({header, content});
        trace_.mac.assign(expected.begin(), expected.end());
        trace_.padding_length = static_cast<std::uint8_t>(ct::declassify(padding_length));
        trace_.content_length = content_length;
    }
    return content;
}

}  // namespace lucid::record
