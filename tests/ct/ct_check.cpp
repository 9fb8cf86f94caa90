// The constant-time check, in the style of Botan's and BearSSL's (docs/robustness.md).
//
// Valgrind's memcheck tracks, bit by bit, which memory holds "undefined" values, and reports a
// conditional jump or a memory address computed from one. We mark every SECRET input undefined
// (VALGRIND_MAKE_MEM_UNDEFINED), run the operation, and count the reports: a branch or a table
// index that depends on a key, a padding byte, a MAC or a decrypted premaster shows up as an
// error with the line that took it. The points where the protocol must take its one decision
// (the MAC is right, the Finished matches) say so with ct::declassify (crypto/ct.h).
//
// Run it with scripts/ct-check.sh, which runs this program under valgrind with the exemptions of
// tests/ct/gmp.supp. Each case prints "case NAME: N errors"; the check passes when every case has
// 0 errors, except the self-check `leaky_branch_self_check`, which branches on a secret byte on
// purpose and MUST be reported: if it is not, the tool is not looking and the other zeros mean
// nothing. Without valgrind the program runs too (it then checks only the results).
#include <valgrind/memcheck.h>
#include <valgrind/valgrind.h>

#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "crypto/aes.h"
#include "crypto/cbc.h"
#include "crypto/bignum.h"
#include "crypto/bytes.h"
#include "crypto/ghash.h"
#include "crypto/montgomery.h"
#include "crypto/cpu.h"
#include "crypto/poly1305.h"
#include "crypto/x25519.h"
#include "crypto/ct.h"
#include "crypto/hmac.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "crypto/rsa_pkcs1_encryption.h"
#include "crypto/rsa_tls_premaster.h"
#include "crypto/secret.h"
#include "handshake/finished_check.h"
#include "handshake/key_schedule.h"
#include "handshake/messages/finished.h"
#include "record/aead_cipher_state.h"
#include "record/cipher_state.h"
#include "tests/record/cipher_specs.h"
#include "record/record.h"
#include "record/secret_length_hmac.h"
#include "record/tls_error.h"
#include "x509/private_key.h"

namespace {

using namespace lucid;

// --- marking -------------------------------------------------------------------------------

void secret(const void* p, std::size_t n) { VALGRIND_MAKE_MEM_UNDEFINED(p, n); }
void secret(ByteView b) { secret(b.data(), b.size()); }
void secret(const SecretBytes& b) { secret(b.view()); }
// The limbs of a GMP integer (its size, a public fact about the key, stays defined).
void secret(const crypto::BigInt& x) {
    secret(mpz_limbs_read(x.get_mpz_t()), mpz_size(x.get_mpz_t()) * sizeof(mp_limb_t));
}
// The test itself looks at results: they become defined first, so the test's own checks are not
// counted against the code under test.
template <typename T>
T reveal(T x) {
    VALGRIND_MAKE_MEM_DEFINED(&x, sizeof x);
    return x;
}
void reveal_bytes(ByteView b) { VALGRIND_MAKE_MEM_DEFINED(b.data(), b.size()); }

int functional_failures = 0;
void expect(bool ok, const char* what) {
    if (!ok) {
        std::printf("  FUNCTIONAL FAILURE: %s\n", what);
        ++functional_failures;
    }
}

Bytes pattern(std::size_t n, std::uint8_t start) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(start + 7 * i);
    return b;
}

// --- the cases -------------------------------------------------------------------------------

// Deliberately leaky: a branch and a table index on a secret byte. Must be reported.
__attribute__((noinline)) int leaky_lookup(const std::uint8_t* s) {
    static const int table[256] = {1, 2, 3};
    int r = 0;
    if (s[0] == 0x42) r += 7;  // branch on a secret
    return r + table[s[1]];    // index on a secret
}
void leaky_branch_self_check() {
    std::uint8_t s[2] = {0x42, 0x01};
    secret(s, sizeof s);
    expect(reveal(leaky_lookup(s)) == 9, "leaky_lookup");
}

// crypto/ct.h: every helper on secret operands.
void ct_helpers() {
    std::uint32_t a = 5, b = 9;
    secret(&a, sizeof a);
    secret(&b, sizeof b);
    ct::Mask m = ct::eq(a, b) | ct::lt(a, b) | ct::ge(a, b) | ct::gt(a, b) | ct::le(a, b) | ct::is_zero(a) |
                 ct::is_nonzero(b) | ct::from_bit(a & 1);
    std::uint32_t s = ct::select(m, a, b) + ct::select_u8(ct::lt(a, b), 1, 2);
    Bytes x = pattern(32, 1), y = pattern(32, 1), dst(32, 0);
    secret(x);
    secret(y);
    ct::conditional_copy(ct::lt(a, b), dst, x);
    ct::Mask same = ct::equal_mask(x, y);
    expect(reveal(same) == ~0u && reveal(s) == 6, "ct helpers");
    reveal_bytes(dst);
    expect(dst == pattern(32, 1), "conditional_copy");
}

// The portable AES (bit-sliced): key schedule, encryption and decryption with a secret key and
// secret blocks. AES-NI is constant time by construction; the portable path is the one at risk.
void aes_portable() {
    crypto::aes_force_portable(true);
    for (std::size_t key_size : {16u, 32u}) {
        Bytes key = pattern(key_size, 3);
        secret(key);
        crypto::Aes aes(key);
        std::uint8_t in[16], out[16], back[16];
        std::memcpy(in, pattern(16, 9).data(), 16);
        secret(in, 16);
        aes.encrypt_block(in, out);
        aes.decrypt_block(out, back);
        reveal_bytes(ByteView(back, 16));
        expect(Bytes(back, back + 16) == pattern(16, 9), "AES round trip");
    }
    crypto::aes_force_portable(false);
}

// The portable AES in CBC mode (SP 800-38A §6.2) over whole groups of four blocks and a partial
// group (1, 4 and 5 blocks), secret key, IV and data: the loads and stores of several blocks into
// bit planes (aes_planes.cpp, one 8-byte load per half block) must not depend on the bytes either.
void aes_portable_cbc() {
    crypto::aes_force_portable(true);
    Bytes key = pattern(16, 4);
    secret(key);
    crypto::Aes aes(key);
    for (std::size_t blocks : {1u, 4u, 5u}) {
        Bytes iv = pattern(16, 5), plain = pattern(16 * blocks, 6);
        secret(iv);
        secret(plain);
        Bytes sealed(plain.size()), opened(plain.size());
        crypto::cbc_encrypt(aes, iv, plain, sealed);
        crypto::cbc_decrypt(aes, iv, sealed, opened);
        reveal_bytes(opened);
        expect(opened == pattern(16 * blocks, 6), "AES-CBC round trip");
    }
    crypto::aes_force_portable(false);
}

// HMAC (RFC 2104) with a secret key over secret data: the hashes must not branch on either.
void hmac_secret_key_and_data() {
    for (auto alg : {crypto::HashAlgorithm::sha1, crypto::HashAlgorithm::sha256, crypto::HashAlgorithm::sha384}) {
        Bytes key = pattern(32, 5), data = pattern(200, 11);
        secret(key);
        secret(data);
        Bytes mac = crypto::hmac(alg, key, data);
        reveal_bytes(mac);
    }
}

// record/secret_length_hmac.h: the Lucky Thirteen countermeasure. The length itself is secret.
void hmac_of_secret_length() {
    Bytes key = pattern(32, 5), header = pattern(13, 1), data = pattern(300, 2), out(32);
    secret(key);
    secret(data);
    for (std::uint32_t length : {45u, 200u, 299u}) {
        std::uint32_t secret_length = length;
        secret(&secret_length, sizeof secret_length);
        record::hmac_secret_length(crypto::HashAlgorithm::sha256, key, header, data, secret_length, 44, 299, out);
        reveal_bytes(out);
    }
}

// record/cbc_cipher_state: CBC unprotect, RFC 5246 §6.2.3.2. Secret: the keys, hence every
// decrypted byte (padding, MAC, content). Public: the fragment and its length. Three records per
// suite: valid, bad padding, bad MAC; only the final accept/reject is declassified. The same with
// encrypt-then-MAC (record/etm_cipher_state.cpp, RFC 7366): there only the MAC comparison and,
// after it, the authenticated padding length are declassified.
void cbc_unprotect() {
    const record::CipherSpec specs[] = {record::test::spec_for(record::BulkCipher::aes_128_cbc, record::MacAlgorithm::hmac_sha1),
                                        record::test::spec_for(record::BulkCipher::aes_128_cbc, record::MacAlgorithm::hmac_sha256),
                                        record::test::spec_for(record::BulkCipher::aes_256_cbc, record::MacAlgorithm::hmac_sha384)};
    crypto::aes_force_portable(true);
    for (const record::CipherSpec& suite_spec : specs) {
        for (bool etm : {false, true}) {
            record::CipherSpec spec = suite_spec;
            spec.encrypt_then_mac = etm;
            for (record::ProtocolVersion version : {record::tls10, record::tls12}) {
                record::KeyMaterialSizes sizes = record::key_material_sizes(spec);
                auto keys = [&] {
                    return record::TrafficKeys{SecretBytes(pattern(sizes.mac_key_length, 1)),
                                               SecretBytes(pattern(sizes.enc_key_length, 2)),
                                               SecretBytes(pattern(sizes.iv_length, 3))};
                };
                crypto::HmacDrbg rng(as_bytes("ct check"), as_bytes("nonce"), {});
                auto writer = record::make_cipher_state(spec, version, keys());
                const Bytes content = pattern(100, 4);
                Bytes good = writer->protect(record::ContentType::application_data, version, 0, content, rng);
                Bytes bad_padding = writer->protect(record::ContentType::application_data, version, 1, content, rng);
                bad_padding[bad_padding.size() - 17] ^= 0x01;  // the last plaintext block's padding changes
                Bytes bad_mac = writer->protect(record::ContentType::application_data, version, 2, content, rng);
                bad_mac[bad_mac.size() - 40] ^= 0x80;

                record::TrafficKeys secret_keys = keys();
                secret(secret_keys.mac_key);
                secret(secret_keys.enc_key);
                secret(secret_keys.iv);
                auto reader = record::make_cipher_state(spec, version, secret_keys);
                Bytes plain = reader->unprotect(record::ContentType::application_data, version, 0, good);
                reveal_bytes(plain);
                expect(plain == content, "CBC unprotect of a valid record");
                // TLS 1.0 chains the IV from the previous record; the two bad ones are judged on their own.
                for (auto [seq, fragment] : {std::pair<std::uint64_t, Bytes*>{1, &bad_padding}, {2, &bad_mac}}) {
                    bool rejected = false;
                    try {
                        reader->unprotect(record::ContentType::application_data, version, seq, *fragment);
                    } catch (const record::TlsError& e) {
                        rejected = e.alert() == record::AlertDescription::bad_record_mac;
                    }
                    if (version != record::tls10) expect(rejected, "CBC unprotect rejects a bad record");
                }
            }
        }
    }
    crypto::aes_force_portable(false);
}

// record/aead_cipher_state: AES-GCM and ChaCha20-Poly1305 unprotect (RFC 5246 §6.2.3.3). Secret:
// the key, hence the GHASH key H, the Poly1305 key and the expected tag; the verdict is declassified.
void aead_unprotect() {
    crypto::aes_force_portable(true);
    crypto::ghash_force_portable(true);
    for (auto algorithm : {record::AeadAlgorithm::aes_128_gcm, record::AeadAlgorithm::aes_256_gcm,
                           record::AeadAlgorithm::chacha20_poly1305}) {
        const record::AeadSizes sizes = record::aead_sizes(algorithm);
        auto keys = [&] {
            return record::TrafficKeys{SecretBytes(), SecretBytes(pattern(sizes.key_length, 2)),
                                       SecretBytes(pattern(sizes.fixed_iv_length, 3))};
        };
        crypto::HmacDrbg rng(as_bytes("ct check aead"), as_bytes("nonce"), {});
        record::AeadCipherState writer(algorithm, keys());
        const Bytes content = pattern(100, 4);
        Bytes good = writer.protect(record::ContentType::application_data, record::tls12, 0, content, rng);
        Bytes bad = writer.protect(record::ContentType::application_data, record::tls12, 1, content, rng);
        bad[bad.size() - 1] ^= 1;
        record::TrafficKeys secret_keys = keys();
        secret(secret_keys.enc_key);
        record::AeadCipherState reader(algorithm, secret_keys);
        Bytes plain = reader.unprotect(record::ContentType::application_data, record::tls12, 0, good);
        reveal_bytes(plain);
        expect(plain == content, "AEAD unprotect of a valid record");
        bool rejected = false;
        try {
            reader.unprotect(record::ContentType::application_data, record::tls12, 1, bad);
        } catch (const record::TlsError&) {
            rejected = true;
        }
        expect(rejected, "AEAD unprotect rejects a bad tag");
    }
    crypto::ghash_force_portable(false);
    crypto::aes_force_portable(false);
}

// crypto/x25519: the Montgomery ladder (RFC 7748 §5) with a secret scalar.
void x25519_ladder() {
    SecretBytes scalar(pattern(32, 7));
    secret(scalar);
    crypto::X25519Bytes pub = crypto::x25519_public_key(scalar);
    reveal_bytes(ByteView(pub.data(), pub.size()));
    Bytes peer = pattern(32, 9);
    peer[31] &= 0x7f;
    SecretBytes shared = crypto::x25519_shared_secret(scalar, peer);
    reveal_bytes(shared.view());
}

// crypto/poly1305 (RFC 8439 §2.5) with a secret key and message; crypto/ghash, portable, with a
// secret H and message (the GCM hash key is E_K(0), as secret as K).
void poly1305_and_ghash() {
    Bytes key = pattern(32, 1), message = pattern(100, 2), h = pattern(16, 3);
    secret(key);
    secret(message);
    secret(h);
    auto tag = crypto::poly1305(key, message);
    reveal_bytes(ByteView(tag.data(), tag.size()));
    crypto::ghash_force_portable(true);
    crypto::Ghash g(h);
    g.absorb_padded(message);
    g.absorb_lengths(0, message.size());
    auto digest = g.digest();
    reveal_bytes(ByteView(digest.data(), digest.size()));
    crypto::ghash_force_portable(false);
}

const crypto::RsaPrivateKey& server_key() {
    static const crypto::RsaPrivateKey key = [] {
        std::FILE* f = std::fopen(LUCID_VECTORS_DIR "/tls/data/lucid-server.key", "rb");
        if (!f) throw Error("ct_check: cannot read vectors/tls/data/lucid-server.key");
        std::string text;
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
        std::fclose(f);
        return x509::parse_private_key(as_bytes(text));
    }();
    return key;
}

// The key's private numbers become undefined: everything computed from them is secret, the
// primes included (the CRT reduces modulo p and q). (The numbers are the key's own; marking them
// changes no value.)
void mark_private_key_secret(const crypto::RsaPrivateKey& key) {
    for (const crypto::BigInt* x : {&key.d(), &key.p(), &key.q(), &key.dp(), &key.dq(), &key.qinv()}) secret(*x);
}
void unmark_private_key(const crypto::RsaPrivateKey& key) {
    for (const crypto::BigInt* x : {&key.d(), &key.p(), &key.q(), &key.dp(), &key.dq(), &key.qinv()})
        VALGRIND_MAKE_MEM_DEFINED(mpz_limbs_read(x->get_mpz_t()), mpz_size(x->get_mpz_t()) * sizeof(mp_limb_t));
}

// crypto/rsa_tls_premaster: RFC 5246 §7.4.7.1, the Bleichenbacher countermeasure. Secret: the
// private key, hence the decrypted block, its padding and the premaster. No decision at all is
// taken: good and bad ciphertexts give 48 bytes through the same instructions.
void rsa_premaster() {
    const crypto::RsaPrivateKey& key = server_key();
    crypto::HmacDrbg rng(as_bytes("ct check rsa"), as_bytes("nonce"), {});
    Bytes premaster = pattern(48, 0);
    premaster[0] = 3;
    premaster[1] = 3;
    Bytes good = crypto::rsaes_pkcs1_v15_encrypt(key.public_key(), premaster, rng);
    Bytes wrong_version = crypto::rsaes_pkcs1_v15_encrypt(key.public_key(), pattern(48, 9), rng);
    Bytes short_message = crypto::rsaes_pkcs1_v15_encrypt(key.public_key(), pattern(20, 9), rng);
    Bytes garbage = pattern(key.size_bytes(), 0);
    mark_private_key_secret(key);
    for (const Bytes* c : {&good, &wrong_version, &short_message, &garbage}) {
        SecretBytes out = crypto::decrypt_tls_premaster(rng, key, *c, 3, 3);
        reveal_bytes(out.view());
        expect(out.size() == 48, "premaster is 48 bytes");
        if (c == &good) expect(Bytes(out.view().begin(), out.view().end()) == premaster, "premaster decrypts");
    }
    unmark_private_key(key);
}

// crypto/rsa_pkcs1_encryption: PKCS#1 v1.5 unpadding (RFC 8017 §7.2.2) with the one decision
// (padding good or not) and the message length declassified at the end.
void rsa_pkcs1_unpadding() {
    const crypto::RsaPrivateKey& key = server_key();
    crypto::HmacDrbg rng(as_bytes("ct check pkcs1"), as_bytes("nonce"), {});
    Bytes good = crypto::rsaes_pkcs1_v15_encrypt(key.public_key(), pattern(30, 1), rng);
    Bytes garbage = pattern(key.size_bytes(), 0);
    mark_private_key_secret(key);
    SecretBytes m = crypto::rsaes_pkcs1_v15_decrypt(key, good, rng);
    reveal_bytes(m.view());
    expect(Bytes(m.view().begin(), m.view().end()) == pattern(30, 1), "PKCS#1 decrypts");
    bool rejected = false;
    try {
        crypto::rsaes_pkcs1_v15_decrypt(key, garbage, rng);
    } catch (const Error&) {
        rejected = true;
    }
    expect(rejected, "PKCS#1 rejects garbage");
    unmark_private_key(key);
}

// handshake/finished_check: RFC 5246 §7.4.9, verify_data compared in constant time; the verdict
// is the one declassified value.
void finished_comparison() {
    handshake::Finished received;
    handshake::VerifyData expected{};
    for (std::size_t i = 0; i < 12; ++i) received.verify_data[i] = expected.verify_data[i] = static_cast<std::uint8_t>(i);
    secret(expected.verify_data.data(), expected.verify_data.size());
    handshake::verify_finished(received, expected);
    received.verify_data[11] ^= 1;
    bool rejected = false;
    try {
        handshake::verify_finished(received, expected);
    } catch (const record::TlsError&) {
        rejected = true;
    }
    expect(rejected, "a wrong Finished is rejected");
}

// crypto/montgomery: the fixed-window exponentiation of the RSA private-key operation, with the
// base and the exponent secret (the modulus, R^2 mod m and the exponent's width are public), on
// every multiplication path this CPU (as Valgrind presents it) can run. The RSA cases above reach
// it too, through crypto/rsa.cpp, with dP and dQ secret.
void montgomery_power() {
    const std::size_t n = 16, exponent_bits = 1021;
    std::vector<crypto::Limb> m(n), r2(n), base(n), exponent(n), out(n);
    for (std::size_t i = 0; i < n; ++i) {
        m[i] = 0x9e3779b97f4a7c15u * (i + 1) + 0x632be59bd9b4e019u;
        base[i] = 0xd1b54a32d192ed03u * (i + 3);
        exponent[i] = 0xa0761d6478bd642fu * (i + 5);
    }
    m[0] |= 1;
    m[n - 1] |= 1ull << 63;
    base[n - 1] &= ~(1ull << 63);  // base < m
    crypto::montgomery_r_squared(r2, m);
    std::vector<crypto::MontgomeryPath> paths{crypto::MontgomeryPath::portable};
    if (crypto::cpu_has(crypto::CpuFeature::adx_bmi2)) paths.push_back(crypto::MontgomeryPath::adx);
    std::vector<crypto::Limb> first;
    for (crypto::MontgomeryPath path : paths) {
        secret(base.data(), n * sizeof(crypto::Limb));
        secret(exponent.data(), n * sizeof(crypto::Limb));
        crypto::montgomery_power(out, base, exponent, exponent_bits, m, r2, path);
        reveal_bytes(ByteView(reinterpret_cast<const std::uint8_t*>(out.data()), n * sizeof(crypto::Limb)));
        VALGRIND_MAKE_MEM_DEFINED(base.data(), n * sizeof(crypto::Limb));
        VALGRIND_MAKE_MEM_DEFINED(exponent.data(), n * sizeof(crypto::Limb));
        if (first.empty()) first = out;
        expect(out == first, "the Montgomery paths agree");
    }
    std::printf("  montgomery paths checked: %zu (adx %s)\n", paths.size(),
                crypto::cpu_has(crypto::CpuFeature::adx_bmi2) ? "included" : "not on this CPU as Valgrind shows it");
}

struct Case {
    const char* name;
    void (*run)();
    bool must_leak;
};

}  // namespace

int main() {
    const Case cases[] = {
        {"leaky_branch_self_check", leaky_branch_self_check, true},
        {"ct_helpers", ct_helpers, false},
        {"aes_portable", aes_portable, false},
        {"aes_portable_cbc", aes_portable_cbc, false},
        {"hmac_secret_key_and_data", hmac_secret_key_and_data, false},
        {"hmac_of_secret_length", hmac_of_secret_length, false},
        {"cbc_unprotect", cbc_unprotect, false},
        {"rsa_premaster", rsa_premaster, false},
        {"rsa_pkcs1_unpadding", rsa_pkcs1_unpadding, false},
        {"finished_comparison", finished_comparison, false},
        {"aead_unprotect", aead_unprotect, false},
        {"x25519_ladder", x25519_ladder, false},
        {"poly1305_and_ghash", poly1305_and_ghash, false},
        {"montgomery_power", montgomery_power, false},
    };
    const bool under_valgrind = RUNNING_ON_VALGRIND != 0;
    server_key();  // loaded before any case, with nothing marked
    int bad = 0;
    for (const Case& c : cases) {
        const unsigned before = VALGRIND_COUNT_ERRORS;
        c.run();
        const unsigned errors = VALGRIND_COUNT_ERRORS - before;
        const bool ok = !under_valgrind || (c.must_leak ? errors > 0 : errors == 0);
        std::printf("case %s: %u errors%s%s\n", c.name, errors, c.must_leak ? " (must be > 0: the tool's self-check)" : "",
                    ok ? "" : "  <-- FAILED");
        std::fflush(stdout);
        if (!ok) ++bad;
    }
    if (!under_valgrind) std::printf("not under valgrind: only the results were checked\n");
    std::printf("%d cases failed, %d functional failures\n", bad, functional_failures);
    return bad == 0 && functional_failures == 0 ? 0 : 1;
}
