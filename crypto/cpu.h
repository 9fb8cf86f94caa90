// Which optional CPU instructions the hardware paths of crypto/ may use, decided once at run time.
//
// Every hardware path (AES-NI in aes_ni.cpp, the SHA extensions in sha1_ni.cpp and sha256_ni.cpp)
// sits beside a portable twin that computes the same function and is the one to read. A path is
// used only if (1) this build has its code (x86 with GCC or Clang), (2) the CPU running it has the
// instructions, asked once with CPUID, and (3) nobody forced the portable paths:
//   - LUCID_CPU=portable in the environment (read once, at the first use) forces them at start,
//     so that a whole program (`lucid vectors`, a test binary, a server) runs portable code only;
//     CI runs the vector files and the crypto tests both ways;
//   - cpu_force_portable(true) does the same from code and returns the previous setting, so that
//     tests and `lucid bench` can check and measure both paths in one process.
#pragma once

#include <string>

namespace lucid::crypto {

enum class CpuFeature {
    aes_ni,    // AESENC/AESDEC... and SSE4.1 (FIPS 197 rounds in hardware)
    sha_ni,    // SHA1RNDS4, SHA256RNDS2... and SSSE3/SSE4.1 (the "SHA extensions")
    pclmulqdq, // carry-less multiplication (GHASH)
    adx_bmi2,  // MULX, ADCX, ADOX (multi-precision multiplication)
    avx512ifma, // VPMADD52LUQ/HUQ (52-bit multiply-add), with AVX-512F and VL
    vaes512     // VAESDEC on 512-bit registers (four AES blocks per instruction), with AVX-512F
};

// (1) and (2): the build has code for it and the CPU has the instructions. Not affected by forcing.
bool cpu_has(CpuFeature feature);

// (1), (2) and (3): what a hardware path asks before it runs.
bool cpu_use(CpuFeature feature);

// Forces every hardware path off (true) or lets them run where available (false); returns the
// previous setting. Thread-safe; meant for tests and benchmarks, not to be flipped mid-operation.
bool cpu_force_portable(bool force);
bool cpu_portable_forced();

// "aes_ni sha_ni pclmulqdq adx_bmi2 avx512ifma vaes512" (those present), for `lucid bench` and reports.
std::string cpu_features_text();

}  // namespace lucid::crypto
