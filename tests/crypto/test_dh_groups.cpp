#include <doctest/doctest.h>

#include "crypto/dh_groups.h"
#include "crypto/prime.h"
#include "tests/crypto/rsa_test_keys.h"

using namespace lucid;
using crypto::BigInt;

TEST_CASE("RFC 7919 Appendix A, RFC 3526 §3: each named prime has its size, is prime and is a safe prime") {
    crypto::HmacDrbg rng = test::seeded_random("dh groups");
    const std::size_t sizes[] = {2048, 3072, 4096, 6144, 8192, 2048};
    std::size_t i = 0;
    for (const crypto::NamedDhGroupInfo& info : crypto::named_dh_groups()) {
        INFO(info.name);
        const crypto::DhGroup group = crypto::named_dh_group(info.id);
        CHECK(group.bits() == sizes[i++]);
        CHECK(group.g == 2);
        // What this guards against is a mistyped digit, which turns p into an essentially random
        // odd number: one that fools a single Miller-Rabin round with probability far below 2^-100
        // at this size (Damgard, Landrock & Pomerance 1993). 8 rounds keep the test fast.
        CHECK(crypto::is_probable_prime(group.p, 8, rng));
        const BigInt q = (group.p - 1) / 2;
        CHECK(crypto::is_probable_prime(q, 8, rng));
        // And again with GMP's own test (Baillie-PSW, then 2 Miller-Rabin rounds), independent of ours.
        CHECK(mpz_probab_prime_p(group.p.get_mpz_t(), 2) > 0);
        CHECK(mpz_probab_prime_p(q.get_mpz_t(), 2) > 0);
        // The check would notice: one hex digit changed (bit 100 flipped) gives a composite.
        BigInt typo = group.p;
        mpz_combit(typo.get_mpz_t(), 100);
        CHECK_FALSE(crypto::is_probable_prime(typo, 8, rng));
        // Both families begin and end with 64 one bits (RFC 7919 §A, RFC 3526 §1).
        CHECK(crypto::to_hex_text(group.p).substr(0, 16) == "ffffffffffffffff");
        CHECK(crypto::to_hex_text(group.p).substr(group.bits() / 4 - 16) == "ffffffffffffffff");
        CHECK(group.exponent_bits >= 2 * 100);
    }
    CHECK(i == 6);
}

TEST_CASE("RFC 7919 §8: the ffdhe groups carry their TLS NamedGroup code points") {
    CHECK(crypto::named_dh_group_info(crypto::NamedDhGroup::ffdhe2048).tls_named_group == 256);
    CHECK(crypto::named_dh_group_info(crypto::NamedDhGroup::ffdhe3072).tls_named_group == 257);
    CHECK(crypto::named_dh_group_info(crypto::NamedDhGroup::ffdhe4096).tls_named_group == 258);
    CHECK(crypto::named_dh_group_info(crypto::NamedDhGroup::ffdhe6144).tls_named_group == 259);
    CHECK(crypto::named_dh_group_info(crypto::NamedDhGroup::ffdhe8192).tls_named_group == 260);
}

TEST_CASE("RFC 7919 §5.2 and Appendix A: short private exponents of at least 225/275/325/375/400 bits") {
    CHECK(crypto::named_dh_group(crypto::NamedDhGroup::ffdhe2048).exponent_bits >= 225);
    CHECK(crypto::named_dh_group(crypto::NamedDhGroup::ffdhe3072).exponent_bits >= 275);
    CHECK(crypto::named_dh_group(crypto::NamedDhGroup::ffdhe4096).exponent_bits >= 325);
    CHECK(crypto::named_dh_group(crypto::NamedDhGroup::ffdhe6144).exponent_bits >= 375);
    CHECK(crypto::named_dh_group(crypto::NamedDhGroup::ffdhe8192).exponent_bits >= 400);
}

TEST_CASE("named groups are found by name in any case, group14 as an alias") {
    CHECK(crypto::dh_group_from_name("ffdhe3072") == crypto::NamedDhGroup::ffdhe3072);
    CHECK(crypto::dh_group_from_name("FFDHE2048") == crypto::NamedDhGroup::ffdhe2048);
    CHECK(crypto::dh_group_from_name("group14") == crypto::NamedDhGroup::modp2048);
    CHECK_FALSE(crypto::dh_group_from_name("ffdhe1024").has_value());
}
