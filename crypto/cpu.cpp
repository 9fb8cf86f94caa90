// Run-time CPU feature detection for the hardware paths (see cpu.h).
#include "crypto/cpu.h"

#include <atomic>
#if defined(__x86_64__)
#include <cpuid.h>
#endif
#include <cstdlib>
#include <string_view>

namespace lucid::crypto {

namespace {

bool environment_forces_portable() {
    const char* value = std::getenv("LUCID_CPU");
    return value != nullptr && std::string_view(value) == "portable";
}

std::atomic<bool>& portable_forced() {
    static std::atomic<bool> forced{environment_forces_portable()};  // read once
    return forced;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// The CPUID bits (Intel SDM Vol. 2A, "CPUID"), asked directly: GCC's and Clang's
// __builtin_cpu_supports do not know the same feature names (Clang 14 lacks "sha", "adx", "vaes").
struct CpuidBits {
    unsigned leaf1_ecx = 0;  // leaf 1: PCLMULQDQ 1, SSSE3 9, SSE4.1 19, AES 25, OSXSAVE 27
    unsigned leaf7_ebx = 0;  // leaf 7.0: BMI2 8, AVX512F 16, ADX 19, AVX512IFMA 21, SHA 29, AVX512VL 31
    unsigned leaf7_ecx = 0;  // leaf 7.0: VAES 9
    bool avx512_state = false;  // the OS saves the AVX-512 registers (XCR0 bits 1, 2, 5, 6, 7)
};

CpuidBits read_cpuid() {
    CpuidBits b;
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) b.leaf1_ecx = ecx;
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
        b.leaf7_ebx = ebx;
        b.leaf7_ecx = ecx;
    }
    if (b.leaf1_ecx & (1u << 27)) {
        unsigned xcr0_low = 0, xcr0_high = 0;
        __asm__("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
        b.avx512_state = (xcr0_low & 0xe6u) == 0xe6u;
    }
    return b;
}

bool detect(CpuFeature feature) {
    const CpuidBits b = read_cpuid();
    auto bit = [](unsigned word, int n) { return ((word >> n) & 1u) != 0; };
    const bool sse41 = bit(b.leaf1_ecx, 19);
    const bool avx512f = bit(b.leaf7_ebx, 16) && b.avx512_state;
    switch (feature) {
    case CpuFeature::aes_ni:
        return bit(b.leaf1_ecx, 25) && sse41;
    case CpuFeature::sha_ni:
        return bit(b.leaf7_ebx, 29) && sse41 && bit(b.leaf1_ecx, 9);
    case CpuFeature::pclmulqdq:
        return bit(b.leaf1_ecx, 1) && sse41;
    case CpuFeature::adx_bmi2:
        return bit(b.leaf7_ebx, 19) && bit(b.leaf7_ebx, 8);
    case CpuFeature::avx512ifma:
        return bit(b.leaf7_ebx, 21) && avx512f && bit(b.leaf7_ebx, 31);
    case CpuFeature::vaes512:
        return bit(b.leaf7_ecx, 9) && avx512f && bit(b.leaf1_ecx, 25);
    }
    return false;
}
#else
bool detect(CpuFeature) { return false; }  // other architectures: portable code only
#endif

constexpr CpuFeature all_features[] = {CpuFeature::aes_ni, CpuFeature::sha_ni, CpuFeature::pclmulqdq,
                                       CpuFeature::adx_bmi2, CpuFeature::avx512ifma, CpuFeature::vaes512};

struct Detected {
    bool has[std::size(all_features)] = {};
    Detected() {
        for (std::size_t i = 0; i < std::size(all_features); ++i) has[i] = detect(all_features[i]);
    }
};

const Detected& detected() {
    static const Detected d;  // CPUID asked once
    return d;
}

const char* name_of(CpuFeature feature) {
    switch (feature) {
    case CpuFeature::aes_ni: return "aes_ni";
    case CpuFeature::sha_ni: return "sha_ni";
    case CpuFeature::pclmulqdq: return "pclmulqdq";
    case CpuFeature::adx_bmi2: return "adx_bmi2";
    case CpuFeature::avx512ifma: return "avx512ifma";
    case CpuFeature::vaes512: return "vaes512";
    }
    return "?";
}

}  // namespace

bool cpu_has(CpuFeature feature) { return detected().has[static_cast<std::size_t>(feature)]; }

bool cpu_use(CpuFeature feature) {
    return cpu_has(feature) && !portable_forced().load(std::memory_order_relaxed);
}

bool cpu_force_portable(bool force) { return portable_forced().exchange(force); }

bool cpu_portable_forced() { return portable_forced().load(); }

std::string cpu_features_text() {
    std::string out;
    for (CpuFeature f : all_features) {
        if (!cpu_has(f)) continue;
        if (!out.empty()) out += ' ';
        out += name_of(f);
    }
    return out.empty() ? "none" : out;
}

}  // namespace lucid::crypto
