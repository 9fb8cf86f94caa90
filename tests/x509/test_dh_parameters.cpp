// Tests of x509/dh_parameters.cpp: PKCS #3 DHParameter files.
#include <doctest/doctest.h>

#include <string>

#include "crypto/dh_groups.h"
#include "crypto/hex.h"
#include "x509/dh_parameters.h"
#include "x509/error.h"
#include "x509/pem.h"

using namespace lucid;
using namespace lucid::x509;

TEST_CASE("PKCS #3: the ffdhe2048 group round-trips through DER and PEM") {
    const crypto::DhGroup ffdhe = crypto::named_dh_group(crypto::NamedDhGroup::ffdhe2048);
    const Bytes der = encode_dh_parameters(ffdhe.p, ffdhe.g);
    // SEQUENCE { INTEGER (257 bytes: 00 + 256), INTEGER 2 }
    CHECK(to_hex(ByteView(der).first(9)) == "308201080282010100");
    CHECK(to_hex(ByteView(der).last(3)) == "020102");
    const DhParameters back = parse_dh_parameters_der(der);
    CHECK(back.p == ffdhe.p);
    CHECK(back.g == 2);
    CHECK_FALSE(back.private_value_length);
    const std::string pem = dh_parameters_pem(ffdhe.p, ffdhe.g);
    CHECK(pem.rfind("-----BEGIN DH PARAMETERS-----\n", 0) == 0);
    const DhParameters from_pem = parse_dh_parameters(as_bytes("a comment line\n" + pem));
    CHECK(from_pem.p == ffdhe.p);
    const crypto::DhGroup group = from_pem.group("dhparam file");
    CHECK(group.name == "dhparam file");
    CHECK(group.bits() == 2048);
    CHECK(group.exponent_bits == 0);
}

TEST_CASE("PKCS #3: the optional privateValueLength is read") {
    // SEQUENCE { INTEGER 23, INTEGER 5, INTEGER 160 }
    const DhParameters p = parse_dh_parameters(from_hex("300a" "020117" "020105" "02020" "0a0"));
    CHECK(p.p == 23);
    CHECK(p.g == 5);
    CHECK(p.private_value_length == std::size_t{160});
}

TEST_CASE("PKCS #3: bad shapes and encodings are refused with an offset") {
    CHECK_THROWS_AS(parse_dh_parameters(from_hex("3006" "020116" "020105")), DecodeError);  // p = 22, even
    CHECK_THROWS_AS(parse_dh_parameters(from_hex("3006" "020117" "020101")), DecodeError);  // g = 1
    CHECK_THROWS_AS(parse_dh_parameters(from_hex("3006" "020117" "020116")), DecodeError);  // g = p-1
    CHECK_THROWS_AS(parse_dh_parameters(from_hex("3006" "0201e9" "020105")), DecodeError);  // p negative
    CHECK_THROWS_AS(parse_dh_parameters(from_hex("3009" "020117" "020105" "020100")), DecodeError);  // length 0
    CHECK_THROWS_AS(parse_dh_parameters(from_hex("3007" "020117" "020105" "05")), DecodeError);       // trailing
    CHECK_THROWS_AS(parse_dh_parameters(from_hex("3006" "020117" "020105" "00")), DecodeError);       // after the SEQUENCE
    CHECK_THROWS_AS(parse_dh_parameters(as_bytes(pem_encode("X9.42 DH PARAMETERS", from_hex("3006020117020105")))),
                    DecodeError);
}
