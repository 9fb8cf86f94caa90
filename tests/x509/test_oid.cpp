// x509/oid: OBJECT IDENTIFIER encoding (X.690 §8.19) and the table of names.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "x509/error.h"
#include "x509/oid.h"

using namespace lucid;
using namespace lucid::x509;

TEST_CASE("X.690 §8.19: dotted OIDs encode to base-128 arcs and back") {
    // The example of X.690 §8.19.5: {2 999 3} encodes as 88 37 03.
    CHECK(to_hex(Oid::from_dotted("2.999.3").der()) == "883703");
    CHECK(Oid::from_der(from_hex("883703"), 0).dotted() == "2.999.3");
    const Oid sha256_rsa = Oid::from_dotted("1.2.840.113549.1.1.11");
    CHECK(to_hex(sha256_rsa.der()) == "2a864886f70d01010b");
    CHECK(sha256_rsa.name() == "sha256WithRSAEncryption");
    CHECK(sha256_rsa == oids::sha256_with_rsa);
    CHECK(Oid::from_dotted("0.9.2342.19200300.100.1.25").display() == "domainComponent");
    CHECK(Oid::from_dotted("1.2.3.4").display() == "1.2.3.4");
}

TEST_CASE("X.690 §8.19: arcs beyond 64 bits print exactly") {
    const std::string big = "1.3.6.1.4.1.123456789012345678901234567890";
    CHECK(Oid::from_dotted(big).dotted() == big);
    CHECK(Oid::from_dotted("2.100000000000000000000").dotted() == "2.100000000000000000000");
}

TEST_CASE("X.690 §8.19.2: a leading 0x80 in an arc and a truncated arc are rejected with offsets") {
    CHECK_THROWS_AS(Oid::from_der(from_hex("2a8001"), 10), DecodeError);
    try {
        Oid::from_der(from_hex("2a8001"), 10);
    } catch (const DecodeError& e) {
        CHECK(e.offset() == 11);
    }
    try {
        Oid::from_der(from_hex("2a86"), 10);
    } catch (const DecodeError& e) {
        CHECK(e.offset() == 11);
    }
    CHECK_THROWS_AS(Oid::from_der({}, 0), DecodeError);
}

TEST_CASE("Dotted OIDs that are not OIDs are refused") {
    CHECK_THROWS(Oid::from_dotted("3.1"));
    CHECK_THROWS(Oid::from_dotted("1.40"));
    CHECK_THROWS(Oid::from_dotted("1"));
    CHECK_THROWS(Oid::from_dotted("1..2"));
    CHECK_THROWS(Oid::from_dotted("1.02"));
}

TEST_CASE("RFC 4514 §3: attribute type short names") {
    CHECK(attribute_short_name(oids::common_name) == "CN");
    CHECK(attribute_short_name(oids::country_name) == "C");
    CHECK(attribute_type_from_name("cn") == oids::common_name);
    CHECK(attribute_type_from_name("organizationName") == oids::organization_name);
    CHECK(attribute_type_from_name("2.5.4.3") == oids::common_name);
    CHECK_THROWS(attribute_type_from_name("XYZ"));
}
