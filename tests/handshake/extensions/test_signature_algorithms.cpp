// Tests of handshake/extensions/signature_algorithms.cpp: RFC 5246 §7.4.1.4.1.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/extensions.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;

namespace {
std::vector<std::uint16_t> read(ByteView data) {
    FieldReader r(data, "signature_algorithms", 0, nullptr);
    auto out = read_signature_algorithms(r);
    r.expect_end();
    return out;
}
}  // namespace

TEST_CASE("RFC 5246 §7.4.1.4.1: supported_signature_algorithms round trip") {
    const Bytes data = encode_signature_algorithms(default_signature_algorithms());
    CHECK(to_hex(data) == "0008" "0401" "0501" "0601" "0201");
    CHECK(read(data) == default_signature_algorithms());
    testing::check_every_truncated_prefix_fails(data, [](ByteView b) { read(b); });
}

TEST_CASE("RFC 5246 §7.4.1.4.1: an odd or empty list is decode_error (<2..2^16-2> of 2-byte pairs)") {
    CHECK_THROWS_AS(read(from_hex("0003040102")), record::TlsError);
    CHECK_THROWS_AS(read(from_hex("0000")), record::TlsError);
}

TEST_CASE("RFC 5246 §7.4.1.4.1: names of hash/signature pairs") {
    CHECK(signature_algorithm_name(0x0401) == "rsa_pkcs1_sha256 (0x0401)");
    CHECK(signature_algorithm_name(0x0403) == "ecdsa_sha256 (0x0403)");
    CHECK(signature_algorithm_name(0x0804) == "other (0x0804)");
}
