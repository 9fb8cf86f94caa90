// Tests of handshake/messages/certificate.cpp: RFC 5246 §7.4.2.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/messages/certificate.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;
using lucid::record::TlsError;

TEST_CASE("RFC 5246 §7.4.2: Certificate round trip and byte layout") {
    CertificateMessage m;
    m.certificate_list = {from_hex("3082aabb"), from_hex("30")};
    const Bytes wire = m.encode();
    CHECK(to_hex(wire) ==
          "0b" "00000e"       // certificate, length 14
          "00000b"            // certificate_list<0..2^24-1>: 11 bytes
          "000004" "3082aabb" // ASN.1Cert[0]
          "000001" "30");     // ASN.1Cert[1]
    const CertificateMessage back = CertificateMessage::parse(ByteView(wire).subspan(4));
    CHECK(back.certificate_list == m.certificate_list);
}

TEST_CASE("RFC 5246 §7.4.2: every truncated Certificate fails with decode_error") {
    CertificateMessage m;
    m.certificate_list = {from_hex("3082aabb"), from_hex("3003020101")};
    const Bytes wire = m.encode();
    testing::check_every_truncated_prefix_fails(ByteView(wire).subspan(4),
                                                [](ByteView b) { CertificateMessage::parse(b); });
}

TEST_CASE("RFC 5246 §7.4.2: an empty ASN.1Cert (<1..2^24-1>) is decode_error; an empty list parses") {
    CHECK_THROWS_AS(CertificateMessage::parse(from_hex("000003000000")), TlsError);
    CHECK(CertificateMessage::parse(from_hex("000000")).certificate_list.empty());
}

TEST_CASE("trace: every byte of a Certificate message is explained") {
    CertificateMessage m;
    m.certificate_list = {from_hex("3082aabb")};
    const Bytes wire = m.encode();
    Field root;
    describe_handshake_message(wire[0], wire, root);
    testing::check_every_byte_explained(root, wire.size());
}
