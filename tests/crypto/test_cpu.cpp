// crypto/cpu.h: the switch that forces the portable paths, and the list of features.
#include <doctest/doctest.h>

#include "crypto/cpu.h"

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
