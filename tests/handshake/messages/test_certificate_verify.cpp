// Tests of handshake/messages/certificate_verify.cpp: RFC 5246 §7.4.8.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/messages/certificate_verify.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;
using lucid::record::TlsError;

TEST_CASE("RFC 5246 §7.4.8: CertificateVerify round trip, byte by byte") {
    CertificateVerify m;
    m.signature.algorithm = 0x0201;  // rsa_pkcs1_sha1
    m.signature.signature = from_hex("cafe");
    const Bytes wire = m.encode();
    CHECK(to_hex(wire) ==
          "0f000006"   // certificate_verify, length 6
          "0201"       // algorithm
          "0002" "cafe");
    const CertificateVerify back = CertificateVerify::parse(ByteView(wire).subspan(4));
    CHECK(back.signature.algorithm == 0x0201);
    CHECK(back.signature.signature == m.signature.signature);
}

TEST_CASE("RFC 5246 §7.4.8: every truncated CertificateVerify fails with decode_error") {
    CertificateVerify m;
    m.signature.algorithm = 0x0401;
    m.signature.signature = Bytes(256, 0x42);
    const Bytes wire = m.encode();
    testing::check_every_truncated_prefix_fails(ByteView(wire).subspan(4),
                                                [](ByteView b) { CertificateVerify::parse(b); });
    Bytes extra = wire;
    extra.push_back(0);
    CHECK_THROWS_AS(CertificateVerify::parse(ByteView(extra).subspan(4)), TlsError);
}

TEST_CASE("trace: every byte of a CertificateVerify is explained") {
    CertificateVerify m;
    m.signature.algorithm = 0x0401;
    m.signature.signature = from_hex("0102030405");
    const Bytes wire = m.encode();
    Field root;
    root.children.push_back(Field{"header", 0, 4, "", "", {}});
    CertificateVerify::parse(ByteView(wire).subspan(4), &root);
    testing::check_every_byte_explained(root, wire.size());
    REQUIRE(testing::find_field(root, "signature") != nullptr);
}
