// x509/name: distinguished names, printed as RFC 4514 says and compared as RFC 5280 §7.1 says.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "x509/error.h"
#include "x509/name.h"

using namespace lucid;
using namespace lucid::x509;

namespace {

// A Name from (type, string tag, value) triples, one RDN each, in encoding order.
Name name_of(const std::vector<std::tuple<Oid, Tag, std::string>>& attrs) {
    DerWriter w;
    w.sequence([&](DerWriter& seq) {
        for (const auto& [type, tag, value] : attrs) {
            seq.set([&](DerWriter& set) {
                set.sequence([&](DerWriter& atv) {
                    write_oid(atv, type);
                    atv.element(tag, as_bytes(value));
                });
            });
        }
    });
    return Name::parse(read_single(w.data(), "Name"));
}

}  // namespace

TEST_CASE("RFC 4514 §2.1: RDNs are printed in reverse order of their encoding") {
    Name n = name_of({{oids::country_name, tags::printable_string, "US"},
                      {oids::organization_name, tags::printable_string, "Test Certificates 2011"},
                      {oids::common_name, tags::printable_string, "Good CA"}});
    CHECK(n.to_string() == "CN=Good CA,O=Test Certificates 2011,C=US");
    CHECK(n.common_name() == "Good CA");
}

TEST_CASE("RFC 4514 §2.4: special characters, leading '#' or space, trailing space are escaped") {
    Name n = name_of({{oids::common_name, tags::utf8_string, "a,b+c\"d\\e<f>g;h"}});
    CHECK(n.to_string() == "CN=a\\,b\\+c\\\"d\\\\e\\<f\\>g\\;h");
    CHECK(name_of({{oids::common_name, tags::utf8_string, "#x "}}).to_string() == "CN=\\#x\\ ");
    CHECK(name_of({{oids::common_name, tags::utf8_string, std::string("a\0b", 3)}}).to_string() == "CN=a\\00b");
}

TEST_CASE("RFC 4514 §2.4: a value that is not a string is '#' and the hex of its encoding") {
    // x500UniqueIdentifier holds a BIT STRING (as in x509/unique_identifier.pem of the vectors)
    DerWriter w;
    w.sequence([&](DerWriter& seq) {
        seq.set([&](DerWriter& set) {
            set.sequence([&](DerWriter& atv) {
                write_oid(atv, Oid::from_dotted("2.5.4.45"));
                atv.bit_string(from_hex("70b3"));
            });
        });
    });
    CHECK(Name::parse(read_single(w.data(), "Name")).to_string() == "x500UniqueIdentifier=#030300" "70b3");
}

TEST_CASE("RFC 4514 §3: from_string builds the encoding in reverse, C as PrintableString") {
    Name n = Name::from_string("CN=Lucid Demo CA,O=lucidtls,C=US");
    REQUIRE(n.rdns().size() == 3);
    CHECK(n.rdns()[0][0].type == oids::country_name);
    CHECK(n.rdns()[0][0].value_tag == tags::printable_string);
    CHECK(n.rdns()[2][0].value_tag == tags::utf8_string);
    CHECK(n.to_string() == "CN=Lucid Demo CA,O=lucidtls,C=US");
    CHECK(Name::from_string("CN=a\\,b").common_name() == "a,b");
    CHECK(Name::from_string("CN=x+O=y").rdns().size() == 1);  // '+' joins one multi-valued RDN
    CHECK_THROWS(Name::from_string("CN"));
    CHECK_THROWS(Name::from_string("C=USA"));
}

TEST_CASE("RFC 5280 §7.1: names match after case and whitespace folding, PrintableString = UTF8String") {
    Name a = name_of({{oids::country_name, tags::printable_string, "US"}, {oids::common_name, tags::printable_string, "Good CA"}});
    CHECK(a.matches(name_of({{oids::country_name, tags::printable_string, "US"}, {oids::common_name, tags::printable_string, "GOOD CA"}})));
    CHECK(a.matches(name_of({{oids::country_name, tags::printable_string, "US"}, {oids::common_name, tags::printable_string, "  Good    CA "}})));
    CHECK(a.matches(name_of({{oids::country_name, tags::printable_string, "US"}, {oids::common_name, tags::utf8_string, "good ca"}})));
    // Different value, different order of RDNs, a missing RDN: no match.
    CHECK_FALSE(a.matches(name_of({{oids::country_name, tags::printable_string, "US"}, {oids::common_name, tags::printable_string, "Good CA2"}})));
    CHECK_FALSE(a.matches(name_of({{oids::common_name, tags::printable_string, "Good CA"}, {oids::country_name, tags::printable_string, "US"}})));
    CHECK_FALSE(a.matches(name_of({{oids::common_name, tags::printable_string, "Good CA"}})));
    // Other string types compare by their encoding.
    CHECK_FALSE(name_of({{oids::common_name, tags::bmp_string, std::string("\0a", 2)}})
                    .matches(name_of({{oids::common_name, tags::bmp_string, std::string("\0A", 2)}})));
}

TEST_CASE("X.690 §11.6: the attributes of a multi-valued RDN must be in ascending order") {
    Name ordered = Name::from_string("CN=x+O=y");
    Bytes der = ordered.der();
    // Swap the two AttributeTypeAndValue encodings inside the SET.
    Element seq = read_single(der, "Name");
    Element set = DerReader::contents_of(seq).read();
    DerReader in_set = DerReader::contents_of(set);
    Element first = in_set.read(), second = in_set.read();
    Bytes swapped(der.begin(), der.begin() + static_cast<std::ptrdiff_t>(first.offset));
    append(swapped, second.encoding);
    append(swapped, first.encoding);
    CHECK(swapped.size() == der.size());
    try {
        Name::parse(read_single(swapped, "Name"));
        FAIL("a SET OF out of order was accepted");
    } catch (const DecodeError& e) {
        CHECK(e.offset() == first.offset + second.encoding.size());
        CHECK(std::string(e.what()).find("§11.6") != std::string::npos);
    }
}

TEST_CASE("RFC 5280 §4.1.2.4: an empty RDN SET is rejected") {
    Bytes der = from_hex("30023100");
    CHECK_THROWS_AS(Name::parse(read_single(der, "Name")), DecodeError);
}
