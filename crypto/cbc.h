// CBC mode, NIST SP 800-38A §6.2, over AES, and PKCS #7 padding (RFC 5652 §6.3) for the command line.
//
// The TLS record layer does not use the PKCS #7 helpers: TLS has its own padding (RFC 5246
// §6.2.3.2) that must be checked in constant time together with the MAC (record/).
#pragma once

#include "crypto/aes.h"
#include "crypto/bytes.h"

namespace lucid::crypto {

// Throws lucid::Error if iv is not 16 bytes or data is not a whole number of blocks.
Bytes cbc_encrypt(const Aes& cipher, ByteView iv, ByteView plaintext);
Bytes cbc_decrypt(const Aes& cipher, ByteView iv, ByteView ciphertext);
// The same, written to out (exactly the input's size, not overlapping it): for the record layer,
// which reuses one buffer per connection instead of allocating one per record.
void cbc_encrypt(const Aes& cipher, ByteView iv, ByteView plaintext, MutableByteView out);
void cbc_decrypt(const Aes& cipher, ByteView iv, ByteView ciphertext, MutableByteView out);

// PKCS #7: append n bytes of value n, 1 <= n <= 16.
Bytes pkcs7_pad(ByteView data, std::size_t block = Aes::block_size);
// Throws lucid::Error naming the fault (empty input, length not a multiple of the block size,
// pad byte 0, pad byte larger than the block, pad bytes that differ). For the command line, where
// nothing is secret; never use it on data an attacker can query (padding oracle, Vaudenay 2002).
Bytes pkcs7_unpad(ByteView data, std::size_t block = Aes::block_size);

}  // namespace lucid::crypto
