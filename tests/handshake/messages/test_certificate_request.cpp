// Tests of handshake/messages/certificate_request.cpp: RFC 5246 §7.4.4.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/messages/certificate_request.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;

TEST_CASE("RFC 5246 §7.4.4: CertificateRequest round trip, byte by byte") {
    CertificateRequest m;
    m.certificate_types = {1, 64};
    m.supported_signature_algorithms = {0x0401, 0x0403};
    m.certificate_authorities = {from_hex("3000")};
    const Bytes wire = m.encode();
    CHECK(to_hex(wire) ==
          "0d00000f"          // certificate_request, length 15
          "02" "0140"         // certificate_types: rsa_sign, ecdsa_sign
          "0004" "04010403"   // supported_signature_algorithms
          "0004" "0002" "3000");  // certificate_authorities: one DistinguishedName
    const CertificateRequest back = CertificateRequest::parse(ByteView(wire).subspan(4));
    CHECK(back.certificate_types == m.certificate_types);
    CHECK(back.supported_signature_algorithms == m.supported_signature_algorithms);
    CHECK(back.certificate_authorities == m.certificate_authorities);
    testing::check_every_truncated_prefix_fails(ByteView(wire).subspan(4),
                                                [](ByteView b) { CertificateRequest::parse(b); });
    Field root;
    describe_handshake_message(wire[0], wire, root);
    testing::check_every_byte_explained(root, wire.size());
}
