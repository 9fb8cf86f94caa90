// Run-time CPU feature detection for the hardware paths (see cpu.h).
#include "crypto/cpu.h"

#include <atomic>
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
bool detect(CpuFeature feature) {
    __builtin_cpu_init();  // needed when called before static constructors have run
    switch (feature) {
    case CpuFeature::aes_ni:
        return __builtin_cpu_supports("aes") && __builtin_cpu_supports("sse4.1");
    case CpuFeature::sha_ni:
        return __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1") && __builtin_cpu_supports("ssse3");
    case CpuFeature::pclmulqdq:
        return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
    case CpuFeature::adx_bmi2:
        return __builtin_cpu_supports("adx") && __builtin_cpu_supports("bmi2");
    case CpuFeature::avx512ifma:
        return __builtin_cpu_supports("avx512ifma") && __builtin_cpu_supports("avx512f") &&
               __builtin_cpu_supports("avx512vl");
    case CpuFeature::vaes512:
        return __builtin_cpu_supports("vaes") && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("aes");
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
