#include "crypto/rsa_pkcs1_encryption.h"

#include "crypto/ct.h"
#include "crypto/error.h"

namespace lucid::crypto {

// RFC 8017 §7.2.1
Bytes rsaes_pkcs1_v15_encrypt(const RsaPublicKey& key, ByteView message, RandomSource& rng) {
    const std::size_t k = key.size_bytes();
    // Step 1: "If mLen > k - 11, output 'message too long' and stop."
    if (message.size() + 11 > k) {
        throw Error("RSAES-PKCS1-v1_5: message too long (" + std::to_string(message.size()) +
                    " bytes; at most " + std::to_string(k - 11) + " for a " + std::to_string(k) + "-byte modulus)");
    }
    // Step 2a: PS of k - mLen - 3 pseudo-randomly generated nonzero octets.
    Bytes ps(k - message.size() - 3);
    rng.fill(ps);
    for (std::uint8_t& byte : ps) {
        while (byte == 0) rng.fill(MutableByteView(&byte, 1));
    }
    // Step 2b: EM = 0x00 || 0x02 || PS || 0x00 || M.
    Bytes em;
    em.reserve(k);
    em.push_back(0x00);
    em.push_back(0x02);
    append(em, ps);
    em.push_back(0x00);
    append(em, message);
    // Step 3: RSA encryption; Step 4: C = I2OSP(c, k).
    return i2osp(rsaep(key, os2ip(em)), k);
}

// RFC 8017 §7.2.2
SecretBytes rsaes_pkcs1_v15_decrypt(const RsaPrivateKey& key, ByteView ciphertext, RandomSource& rng) {
    const std::size_t k = key.size_bytes();
    // Step 1: the length of C is public; k < 11 cannot happen (RsaPublicKey needs 512 bits).
    if (ciphertext.size() != k) throw Error("RSAES-PKCS1-v1_5: decryption error");
    // Step 2: RSADP. c >= n is a property of public values, so reporting it leaks nothing.
    const BigInt c = os2ip(ciphertext);
    if (c >= key.n()) throw Error("RSAES-PKCS1-v1_5: decryption error");
    const SecretBytes em = i2osp_secret(rsadp(key, c, rng), k);

    // Step 3, in constant time. Secret: every byte of EM, hence the position of the separator and
    // whether the padding is good. Public: k.
    const ByteView block = em.view();
    ct::Mask good = ct::eq(block[0], 0x00) & ct::eq(block[1], 0x02);
    ct::Mask still_looking = ~static_cast<ct::Mask>(0);
    std::uint32_t separator = 0;
    for (std::size_t i = 2; i < k; ++i) {
        const ct::Mask zero_here = ct::is_zero(block[i]) & still_looking;
        separator = ct::select(zero_here, static_cast<std::uint32_t>(i), separator);
        still_looking &= ~zero_here;
    }
    good &= ~still_looking;                  // a 0x00 separator exists
    good &= ct::ge(separator, 2 + 8);        // "the length of PS is less than 8 octets" is an error

    // The one decision, taken after all the checks: §7.2.2 Note asks that the cases not be
    // distinguishable, so every failure gives the same sentence.
    if (ct::declassify(good) == 0) throw Error("RSAES-PKCS1-v1_5: decryption error");
    // The message length is the caller's to know once the padding is good.
    return SecretBytes(block.subspan(ct::declassify(separator) + 1));
}

}  // namespace lucid::crypto
