// GHASH with the PCLMULQDQ (carry-less multiplication) instruction of x86 CPUs, for crypto/ghash.cpp.
// Not an interface of its own: ghash.cpp decides when to call it. On other architectures
// cpu_supports() is false and absorb_blocks() throws lucid::Error.
#pragma once

#include "crypto/bytes.h"
#include "crypto/ghash.h"

namespace lucid::crypto::ghash_pclmul {

bool cpu_supports();

// Y := (Y xor X_i) · H for each 16-byte block X_i of blocks (a whole number of blocks).
void absorb_blocks(GhashBlock& y, GhashBlock h, ByteView blocks);

}  // namespace lucid::crypto::ghash_pclmul
