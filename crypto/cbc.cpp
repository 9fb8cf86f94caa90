// CBC mode (NIST SP 800-38A §6.2) and PKCS #7 padding (RFC 5652 §6.3).
//
//  encryption                                  decryption
//
//       P1         P2         P3                  C1 ------+   C2 ------+   C3
//       |          |          |                   |        |   |        |   |
//  IV->(+)   +--->(+)   +--->(+)                 D_K       |  D_K       |  D_K
//       |    |     |    |     |                   |        |   |        |   |
//      E_K   |    E_K   |    E_K           IV -->(+)       +->(+)       +->(+)
//       |----+     |----+     |                   |            |            |
//       C1         C2         C3                  P1           P2           P3
//
//   encryption: C_j = E_K(P_j xor C_(j-1))       decryption: P_j = D_K(C_j) xor C_(j-1), C_0 = IV
//
// Lengths are public here; the bytes may be secret, but nothing below looks at them except
// pkcs7_unpad, which is for the command line only (see cbc.h).
#include "crypto/cbc.h"

#include <algorithm>
#include <string>

#include "crypto/error.h"

namespace lucid::crypto {

namespace {

void check_cbc_input(ByteView iv, ByteView data) {
    if (iv.size() != Aes::block_size) {
        throw Error("CBC: IV must be 16 bytes, got " + std::to_string(iv.size()));
    }
    if (data.size() % Aes::block_size != 0) {
        throw Error("CBC: input length " + std::to_string(data.size()) +
                    " is not a whole number of 16-byte blocks");
    }
}

// The output is as long as the input and apart from it (the chaining reads input blocks after
// output blocks were written).
void check_cbc_output(ByteView in, MutableByteView out) {
    if (out.size() != in.size()) {
        throw Error("CBC: the output must be as long as the input (" + std::to_string(in.size()) + " bytes)");
    }
    const auto* a = in.data();
    const auto* b = out.data();
    if (!in.empty() && a < b + out.size() && b < a + in.size()) throw Error("CBC: the output overlaps the input");
}

std::string hex_byte(std::uint8_t b) {
    static const char digits[] = "0123456789abcdef";
    return std::string("0x") + digits[b >> 4] + digits[b & 15];
}

}  // namespace

// SP 800-38A §6.2, CBC encryption: C_1 = CIPH_K(P_1 xor IV), C_j = CIPH_K(P_j xor C_(j-1)).
Bytes cbc_encrypt(const Aes& cipher, ByteView iv, ByteView plaintext) {
    Bytes out(plaintext.size());
    cbc_encrypt(cipher, iv, plaintext, out);
    return out;
}

void cbc_encrypt(const Aes& cipher, ByteView iv, ByteView plaintext, MutableByteView out) {
    check_cbc_input(iv, plaintext);
    check_cbc_output(plaintext, out);
    // Fast path: with AES-NI the whole chain runs inside crypto/aes_ni.cpp, round keys kept in
    // registers. It computes exactly what the loop below computes; the loop is the one to read.
    if (cipher.cbc_encrypt_accelerated(iv, plaintext, out)) return;

    Aes::Block chain;
    std::copy(iv.begin(), iv.end(), chain.begin());
    for (std::size_t offset = 0; offset < plaintext.size(); offset += Aes::block_size) {
        Aes::Block block;
        for (std::size_t i = 0; i < Aes::block_size; ++i) block[i] = plaintext[offset + i] ^ chain[i];
        cipher.encrypt_block(block.data(), chain.data());
        std::copy(chain.begin(), chain.end(), out.begin() + static_cast<std::ptrdiff_t>(offset));
    }
}

// SP 800-38A §6.2, CBC decryption: P_1 = CIPH^-1_K(C_1) xor IV, P_j = CIPH^-1_K(C_j) xor C_(j-1).
Bytes cbc_decrypt(const Aes& cipher, ByteView iv, ByteView ciphertext) {
    Bytes out(ciphertext.size());
    cbc_decrypt(cipher, iv, ciphertext, out);
    return out;
}

void cbc_decrypt(const Aes& cipher, ByteView iv, ByteView ciphertext, MutableByteView out) {
    check_cbc_input(iv, ciphertext);
    check_cbc_output(ciphertext, out);
    // Fast path: with AES-NI, decryption and chaining in one pass inside crypto/aes_ni.cpp, eight
    // blocks at a time. It computes exactly what the code below computes; the code below is the one to read.
    if (cipher.cbc_decrypt_accelerated(iv, ciphertext, out)) return;
    // Unlike encryption, the CIPH^-1_K(C_j) do not depend on each other, so they are all computed
    // first, in one call: decrypt_blocks works on several blocks at once (8 with AES-NI, 4 in the
    // bit-sliced code), which is most of why decryption is faster than encryption.
    const MutableByteView plaintext(out);
    cipher.decrypt_blocks(ciphertext, plaintext);
    Aes::Block previous;  // C_(j-1), a copy: then the compiler sees it cannot overlap the output
    std::copy(iv.begin(), iv.end(), previous.begin());
    for (std::size_t offset = 0; offset < ciphertext.size(); offset += Aes::block_size) {
        for (std::size_t i = 0; i < Aes::block_size; ++i) plaintext[offset + i] ^= previous[i];
        const ByteView current = ciphertext.subspan(offset, Aes::block_size);
        std::copy(current.begin(), current.end(), previous.begin());
    }
}

// RFC 5652 §6.3: "the input shall be padded at the trailing end with k-(lth mod k) octets all
// having value k-(lth mod k)": always at least one byte, a whole block when already aligned.
Bytes pkcs7_pad(ByteView data, std::size_t block) {
    if (block == 0 || block > 255) {
        throw Error("PKCS#7: block size must be 1 to 255 bytes, got " + std::to_string(block));
    }
    const std::size_t n = block - data.size() % block;
    Bytes out(data.begin(), data.end());
    out.insert(out.end(), n, static_cast<std::uint8_t>(n));
    return out;
}

// RFC 5652 §6.3, the reverse: the last byte says how many bytes to remove, and they must all
// carry that value. Branches on the bytes: only for data that is not secret (see cbc.h).
Bytes pkcs7_unpad(ByteView data, std::size_t block) {
    if (block == 0 || block > 255) {
        throw Error("PKCS#7: block size must be 1 to 255 bytes, got " + std::to_string(block));
    }
    if (data.empty()) {
        throw Error("PKCS#7: bad padding: the input is empty, but padded data is at least one block");
    }
    if (data.size() % block != 0) {
        throw Error("PKCS#7: bad padding: the input is " + std::to_string(data.size()) +
                    " bytes, not a multiple of the block size " + std::to_string(block));
    }
    const std::uint8_t n = data.back();
    if (n == 0) {
        throw Error("PKCS#7: bad padding: the last byte is 0, but a pad length is 1 to " +
                    std::to_string(block));
    }
    if (n > block) {
        throw Error("PKCS#7: bad padding: the last byte is " + std::to_string(n) +
                    ", larger than the block size " + std::to_string(block));
    }
    const std::size_t start = data.size() - n;
    for (std::size_t i = start; i < data.size(); ++i) {
        if (data[i] != n) {
            throw Error("PKCS#7: bad padding: the last " + std::to_string(n) + " bytes must all be " +
                        hex_byte(n) + ", but byte " + std::to_string(i) + " is " + hex_byte(data[i]));
        }
    }
    return Bytes(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(start));
}

}  // namespace lucid::crypto
