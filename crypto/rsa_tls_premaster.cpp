#include "crypto/rsa_tls_premaster.h"

#include "crypto/ct.h"

namespace lucid::crypto {

// RFC 5246 §7.4.7.1 (steps 1 to 3 of the list there), RFC 8017 §7.2.2 for the padding.
SecretBytes decrypt_tls_premaster(RandomSource& rng, const RsaPrivateKey& key, ByteView ciphertext,
                                  std::uint8_t client_version_major, std::uint8_t client_version_minor) {
    // Step 1: "Generate a string R of 46 random bytes" (with the version in front, 48); we draw all
    // 48 and the whole of R is the substitute. Drawn first, whatever comes next.
    SecretBytes premaster = rng.secret(tls_premaster_size);

    // Public facts about the input: its length and whether it is below n. A bad one makes the
    // decryption run on a block of zeros instead, which then fails the checks like any other.
    const std::size_t k = key.size_bytes();
    const ct::Mask length_ok = ct::from_bit(ciphertext.size() == k ? 1u : 0u);
    Bytes input(k, 0);
    ct::conditional_copy(length_ok, input, ciphertext);
    const BigInt c_given = os2ip(input);
    const ct::Mask range_ok = ct::from_bit(c_given < key.n() ? 1u : 0u);  // c and n are public
    Bytes zeros(k, 0);
    ct::conditional_copy(~range_ok, input, zeros);

    // Step 2: "Decrypt the message to recover the plaintext M". RSADP cannot reject the input now.
    const SecretBytes em = i2osp_secret(rsadp(key, os2ip(input), rng), k);
    const ByteView block = em.view();

    // Step 3: "If the PKCS#1 padding is not correct, or the length of message M is not exactly 48
    // bytes" ... With M 48 bytes long, EM = 00 || 02 || PS (k - 51 bytes) || 00 || M, so every
    // position is fixed and public; only the byte values are secret. A 48-byte M and k >= 64
    // (RsaPublicKey requires 512 bits) make PS at least 13 bytes, so "PS shorter than 8 bytes" is
    // a zero inside PS below, and a longer or shorter M moves the separator, which the same two
    // checks catch.
    const std::size_t separator = k - tls_premaster_size - 1;
    ct::Mask good = length_ok & range_ok;
    good &= ct::eq(block[0], 0x00);                  // leading byte
    good &= ct::eq(block[1], 0x02);                  // block type 2 (encryption)
    for (std::size_t i = 2; i < separator; ++i) {
        good &= ct::is_nonzero(block[i]);            // PS: nonzero bytes only
    }
    good &= ct::eq(block[separator], 0x00);          // the separator, exactly before M
    // "or the version number is not as expected" (same paragraph): M starts with client_version.
    good &= ct::eq(block[separator + 1], client_version_major);
    good &= ct::eq(block[separator + 2], client_version_minor);

    // "Instead, it MUST continue the handshake with a randomly generated premaster secret": keep R
    // unless every check passed. No branch on `good`, and the same 48 bytes are touched either way.
    ct::conditional_copy(good, premaster.mutable_view(), block.subspan(separator + 1, tls_premaster_size));
    return premaster;
}

}  // namespace lucid::crypto
