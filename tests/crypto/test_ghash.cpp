// Tests of crypto/ghash.cpp and crypto/ghash_pclmul.cpp: the multiplication in GF(2^128) and
// GHASH, on both implementations.
#include <doctest/doctest.h>

#include "crypto/ghash.h"
#include "crypto/hex.h"

using namespace lucid;
using namespace lucid::crypto;

namespace {

// Chooses the GHASH implementation for a scope and puts the previous choice back.
class UseGhashPath {
public:
    explicit UseGhashPath(bool portable) : before_(ghash_force_portable(portable)) {}
    ~UseGhashPath() { ghash_force_portable(before_); }
    UseGhashPath(const UseGhashPath&) = delete;
    UseGhashPath& operator=(const UseGhashPath&) = delete;

private:
    bool before_;
};

std::string ghash_hex(ByteView h, ByteView aad, ByteView text) {
    Ghash g(h);
    g.absorb_padded(aad);
    g.absorb_padded(text);
    g.absorb_lengths(aad.size(), text.size());
    return to_hex(g.digest());
}

}  // namespace

TEST_CASE("SP 800-38D §6.3: the block 1000...0 is the field's one; x times x^127 reduces by R") {
    const GhashBlock one{std::uint64_t{1} << 63, 0};
    const GhashBlock y{0x0123456789abcdef, 0xfedcba9876543210};
    const GhashBlock r = gf128_multiply_portable(one, y);
    CHECK(r.hi == y.hi);
    CHECK(r.lo == y.lo);
    // x (0100...0) times x^127 (0...01) = x^128 = x^7 + x^2 + x + 1 = 11100001 0...0
    const GhashBlock product = gf128_multiply_portable({std::uint64_t{1} << 62, 0}, {0, 1});
    CHECK(product.hi == 0xe100000000000000);
    CHECK(product.lo == 0);
}

// McGrew and Viega, "The Galois/Counter Mode of Operation", test case 2: H = E_0(0^128),
// C = 0388dace..., no A: GHASH(H, {}, C) = f38cbb1a...
TEST_CASE("SP 800-38D §6.4: GHASH of the GCM paper's test case 2, on both implementations") {
    const Bytes h = from_hex("66e94bd4ef8a2c3b884cfa59ca342b2e");
    const Bytes c = from_hex("0388dace60b6a392f328c2b971b2fe78");
    for (bool portable : {true, false}) {
        UseGhashPath path(portable);
        INFO(portable);
        CHECK(ghash_hex(h, {}, c) == "f38cbb1ad69223dcc3457ae5b6b0f885");
    }
}

TEST_CASE("GHASH: PCLMULQDQ and the portable code give the same hash for many lengths") {
    if (!ghash_pclmul_available()) {
        MESSAGE("no PCLMULQDQ on this CPU: only the portable code is used");
        CHECK(ghash_implementation() == GhashImplementation::portable);
        return;
    }
    Bytes h(16), data(400);
    for (std::size_t i = 0; i < h.size(); ++i) h[i] = static_cast<std::uint8_t>(0x9e * (i + 1) + 7);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 31 + 5);
    for (std::size_t aad = 0; aad < 40; aad += 7) {
        for (std::size_t text = 0; text < 340; text += 13) {  // past 4 blocks (aggregated) several times
            const ByteView a = ByteView(data).first(aad), c = ByteView(data).subspan(aad, text);
            std::string portable, fast;
            {
                UseGhashPath path(true);
                portable = ghash_hex(h, a, c);
            }
            {
                UseGhashPath path(false);
                REQUIRE(ghash_implementation() == GhashImplementation::pclmulqdq);
                fast = ghash_hex(h, a, c);
            }
            CHECK(portable == fast);
        }
    }
}
