// Tests of handshake/messages/digitally_signed.cpp: RFC 5246 §4.7.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/messages/digitally_signed.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;
using lucid::record::TlsError;

namespace {
DigitallySigned read_all(ByteView b) {
    FieldReader r(b, "DigitallySigned", 0, nullptr);
    DigitallySigned d = DigitallySigned::read(r, "signed");
    r.expect_end();
    return d;
}
}  // namespace

TEST_CASE("RFC 5246 §4.7: DigitallySigned is the algorithm then signature<0..2^16-1>") {
    record::Writer w;
    DigitallySigned{0x0601, from_hex("abcdef")}.write(w);
    CHECK(to_hex(w.data()) == "0601" "0003" "abcdef");
    const DigitallySigned back = read_all(w.data());
    CHECK(back.algorithm == 0x0601);
    CHECK(back.signature == from_hex("abcdef"));
    // An empty signature is allowed by the syntax (<0..2^16-1>); verification rejects it later.
    CHECK(read_all(from_hex("04010000")).signature.empty());
    testing::check_every_truncated_prefix_fails(w.data(), [](ByteView b) { read_all(b); });
}

TEST_CASE("trace: DigitallySigned is one group with its algorithm and signature") {
    record::Writer w;
    DigitallySigned{0x0401, from_hex("0102")}.write(w);
    Field root;
    FieldReader r(w.data(), "DigitallySigned", 0, &root);
    DigitallySigned::read(r, "signed_params");
    REQUIRE(root.children.size() == 1);
    CHECK(root.children[0].name == "signed_params");
    CHECK(root.children[0].length == 6);
    testing::check_every_byte_explained(root, 6);
}

TEST_CASE("RFC 5246 §7.4.1.4.1: in TLS 1.2 the algorithm {none, anonymous} (0x0000) is illegal_parameter, not the TLS 1.0 form") {
    // Found by fuzz/fuzz_handshake_messages (corpus regression-digitally-signed-0000): read as the
    // field-less TLS 1.0/1.1 form, it was written back without its two bytes.
    CHECK_THROWS_WITH_AS(read_all(from_hex("0000" "0000")), doctest::Contains("{none, anonymous} (0x0000)"), TlsError);
    try {
        read_all(from_hex("0000" "0000"));
    } catch (const TlsError& e) {
        CHECK(e.alert() == record::AlertDescription::illegal_parameter);
    }
    const Bytes empty_signature = from_hex("0000");
    FieldReader r(empty_signature, "DigitallySigned", 0, nullptr);  // TLS 1.1: no algorithm field
    CHECK(DigitallySigned::read(r, "signed", 0x0302).algorithm == rsa_md5_sha1_before_tls12);
}
