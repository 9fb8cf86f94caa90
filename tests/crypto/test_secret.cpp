#include <doctest/doctest.h>

#include <type_traits>

#include "crypto/secret.h"

using namespace lucid;

TEST_CASE("SecretBytes is move-only") {
    CHECK_FALSE(std::is_copy_constructible_v<SecretBytes>);
    CHECK_FALSE(std::is_copy_assignable_v<SecretBytes>);
    CHECK(std::is_nothrow_move_constructible_v<SecretBytes>);
}

TEST_CASE("SecretBytes: moving leaves the source empty and keeps the bytes") {
    Bytes raw = {1, 2, 3};
    SecretBytes a(raw);
    SecretBytes b(std::move(a));
    CHECK(a.empty());
    CHECK(b.reveal() == raw);
    SecretBytes c = b.clone();
    CHECK(c.reveal() == raw);
}

TEST_CASE("SecretBytes: move-assignment takes the new bytes") {
    SecretBytes a(Bytes{0xaa, 0xbb});
    SecretBytes b(Bytes{0x01});
    a = std::move(b);
    CHECK(a.reveal() == Bytes{0x01});
    CHECK(b.empty());
}
