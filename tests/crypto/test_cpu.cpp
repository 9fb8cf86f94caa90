// crypto/cpu.h: the switch that forces the portable paths, and the list of features.
#include <doctest/doctest.h>

#include "crypto/cpu.h"

#include <fstream>
#include <set>
#include <sstream>
#include <string>

using namespace lucid;

TEST_CASE("cpu_force_portable turns every hardware path off and returns the previous setting") {
    const bool before = crypto::cpu_force_portable(true);
    CHECK(crypto::cpu_portable_forced());
    CHECK_FALSE(crypto::cpu_use(crypto::CpuFeature::aes_ni));
    CHECK_FALSE(crypto::cpu_use(crypto::CpuFeature::sha_ni));
    CHECK(crypto::cpu_force_portable(false) == true);
    CHECK(crypto::cpu_use(crypto::CpuFeature::sha_ni) == crypto::cpu_has(crypto::CpuFeature::sha_ni));
    crypto::cpu_force_portable(before);
}

TEST_CASE("cpu_features_text names what the CPU has, or says none") {
    const std::string text = crypto::cpu_features_text();
    CHECK_FALSE(text.empty());
    CHECK((text.find("sha_ni") != std::string::npos) == crypto::cpu_has(crypto::CpuFeature::sha_ni));
    MESSAGE("this CPU: " << text);
}

// The kernel reads CPUID too and lists what it found in /proc/cpuinfo: an independent answer.
// (Before CPUID was asked directly, Clang could not even compile the detection: its
// __builtin_cpu_supports knows no "sha", "adx" or "vaes".)
TEST_CASE("cpu_has agrees with the flags the kernel lists in /proc/cpuinfo") {
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    std::set<std::string> flags;
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("flags", 0) != 0) continue;
        std::istringstream words(line.substr(line.find(':') + 1));
        for (std::string w; words >> w;) flags.insert(w);
        break;
    }
    if (flags.empty()) {
        MESSAGE("no /proc/cpuinfo flags line here: nothing to compare with");
        return;
    }
    auto has = [&](const char* f) { return flags.count(f) == 1; };
    CHECK(crypto::cpu_has(crypto::CpuFeature::aes_ni) == (has("aes") && has("sse4_1")));
    CHECK(crypto::cpu_has(crypto::CpuFeature::sha_ni) == (has("sha_ni") && has("sse4_1") && has("ssse3")));
    CHECK(crypto::cpu_has(crypto::CpuFeature::pclmulqdq) == (has("pclmulqdq") && has("sse4_1")));
    CHECK(crypto::cpu_has(crypto::CpuFeature::adx_bmi2) == (has("adx") && has("bmi2")));
    CHECK(crypto::cpu_has(crypto::CpuFeature::avx512ifma) == (has("avx512ifma") && has("avx512f") && has("avx512vl")));
    CHECK(crypto::cpu_has(crypto::CpuFeature::vaes512) == (has("vaes") && has("avx512f") && has("aes")));
}
