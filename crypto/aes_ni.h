// AES with the AES-NI instructions of x86 CPUs (Intel since 2010, AMD since 2011), for crypto/aes.cpp.
//
// Not an interface of its own: crypto/aes.h (class Aes) decides when to call these, and passes its
// round keys. Round keys are the FIPS 197 §5.2 words w as bytes in order, 16 per round (Nr + 1
// rounds' worth, so their size tells the number of rounds); for decryption, the Equivalent Inverse
// Cipher's dw (§5.3.5). in and out hold the same whole number of 16-byte blocks, and are the same
// buffer or do not overlap.
//
// On other architectures, and in builds where the compiler cannot produce the instructions,
// cpu_supports() is false and the other functions throw lucid::Error.
#pragma once

#include "crypto/bytes.h"

namespace lucid::crypto::aes_ni {

// True if the code below exists in this build and the CPU running it has AES-NI (asked once).
bool cpu_supports();

// FIPS 197 §5.1 Cipher of each block (ECB: the blocks are independent), 8 blocks in flight at a time.
void encrypt_blocks(ByteView round_keys, ByteView in, MutableByteView out);

// FIPS 197 §5.3.5 Equivalent Inverse Cipher of each block, 8 blocks in flight at a time.
void decrypt_blocks(ByteView inverse_round_keys, ByteView in, MutableByteView out);

// SP 800-38A §6.2 CBC decryption, P_j = CIPH^-1_K(C_j) xor C_(j-1), C_0 = iv (16 bytes): 8 blocks
// in flight, the XOR done in registers. in and out may be the same buffer.
void cbc_decrypt(ByteView inverse_round_keys, ByteView iv, ByteView in, MutableByteView out);

// SP 800-38A §6.2 CBC encryption, C_j = CIPH_K(P_j xor C_(j-1)), C_0 = iv (16 bytes).
void cbc_encrypt(ByteView round_keys, ByteView iv, ByteView in, MutableByteView out);

}  // namespace lucid::crypto::aes_ni
