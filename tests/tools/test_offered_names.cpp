// tools/offered_names.cpp: what a browser offers that a TLS 1.2 server leaves unused, named.
#include <doctest/doctest.h>

#include "tools/offered_names.h"

using namespace lucid::tools;

TEST_CASE("RFC 8701: GREASE values are named as such, in suites and in extensions") {
    for (std::uint16_t code : {0x0a0a, 0x1a1a, 0xeaea, 0xfafa}) {
        CAPTURE(code);
        const auto text = explain_offered("CipherSuite", code);
        REQUIRE(text);
        CHECK(text->find("GREASE (RFC 8701)") != std::string::npos);
        CHECK(explain_offered("extension_type", code));
    }
    CHECK_FALSE(explain_offered("CipherSuite", 0x0a1a));
}

TEST_CASE("RFC 8446: TLS 1.3 suites and extensions are named and said to be unused") {
    CHECK(*explain_offered("CipherSuite", 0x1301) == "TLS_AES_128_GCM_SHA256 (TLS 1.3, RFC 8446): offered, not used by this TLS 1.2 server");
    CHECK(explain_offered("extension_type", 0x0033)->find("key_share") != std::string::npos);
    CHECK(explain_offered("[8]", 0x002b)->find("supported_versions") != std::string::npos);
    CHECK_FALSE(explain_offered("extension_type", 0x1301));
}

TEST_CASE("the code is read from the parser's reading of an unknown value, in both of its spellings") {
    CHECK(unknown_code("unknown (0x1301)") == 0x1301);
    CHECK(unknown_code("unknown(0xca34) (0xca34)") == 0xca34);
    CHECK_FALSE(unknown_code("TLS 1.2 (0x0303)"));
    CHECK_FALSE(unknown_code("unknown"));
}
