// SHA-1 compression with the x86 SHA extensions: the hardware twin of sha1_compress in
// crypto/sha1.cpp, used by it when crypto/cpu.h says CpuFeature::sha_ni may run.
#pragma once

#include <array>
#include <cstdint>

#include "crypto/bytes.h"

namespace lucid::crypto::sha1_ni {

// FIPS 180-4 §6.1.2 on each 64-byte block of blocks (a whole number of them), in order.
// Call only when cpu_use(CpuFeature::sha_ni); elsewhere it throws lucid::Error.
void compress_blocks(std::array<std::uint32_t, 5>& H, ByteView blocks);

}  // namespace lucid::crypto::sha1_ni
