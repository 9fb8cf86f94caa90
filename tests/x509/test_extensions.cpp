// x509/extensions: the extensions of RFC 5280 §4.2 that lucid reads, and their DER rules.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "x509/error.h"
#include "x509/extensions.h"

using namespace lucid;
using namespace lucid::x509;

namespace {

// Extensions ::= SEQUENCE OF Extension, from (oid, critical, value DER) triples.
Bytes extensions_der(const std::vector<std::tuple<Oid, bool, Bytes>>& list) {
    DerWriter w;
    w.sequence([&](DerWriter& seq) {
        for (const auto& [id, critical, value] : list) {
            seq.sequence([&](DerWriter& e) {
                write_oid(e, id);
                if (critical) e.boolean(true);
                e.octet_string(value);
            });
        }
    });
    return w.take();
}

Extensions parse(const Bytes& der) { return parse_extensions(read_single(der, "extensions")); }

}  // namespace

TEST_CASE("RFC 5280 §4.2.1.9, §4.2.1.3, §4.2.1.12, §4.2.1.6: what lucid writes it reads back") {
    KeyUsage ku;
    ku.set(KeyUsageBit::digital_signature);
    ku.set(KeyUsageBit::key_encipherment);
    SubjectAltName san;
    san.dns_names = {"localhost", "*.example.org"};
    san.ip_addresses = {*parse_ip_address("127.0.0.1"), *parse_ip_address("2001:db8::1")};
    const Bytes der = extensions_der({
        {oids::basic_constraints, true, encode_basic_constraints({true, 3})},
        {oids::key_usage, true, encode_key_usage(ku)},
        {oids::ext_key_usage, false, encode_ext_key_usage({oids::server_auth, oids::client_auth})},
        {oids::subject_alt_name, false, encode_subject_alt_name(san)},
        {oids::authority_key_identifier, false, encode_authority_key_identifier(from_hex("0102"))},
    });
    Extensions e = parse(der);
    REQUIRE(e.basic_constraints);
    CHECK(e.basic_constraints->ca);
    CHECK(e.basic_constraints->path_len_constraint == 3u);
    REQUIRE(e.key_usage);
    CHECK(e.key_usage->to_string() == "digitalSignature, keyEncipherment");
    CHECK(e.ext_key_usage->size() == 2);
    CHECK(e.subject_alt_name->to_string() == "DNS:localhost, DNS:*.example.org, IP:127.0.0.1, IP:2001:db8::1");
    CHECK(e.authority_key_identifier->key_identifier == from_hex("0102"));
    CHECK(e.unknown_critical().empty());
    // keyUsage digitalSignature|keyEncipherment is bits 0 and 2: 03 02 05 a0.
    CHECK(to_hex(encode_key_usage(ku)) == "030205a0");
}

TEST_CASE("X.690 §11.5: basicConstraints cA FALSE and critical FALSE written out are not DER") {
    const Bytes explicit_false = from_hex("3003010100");
    CHECK_THROWS_WITH_AS(parse(extensions_der({{oids::basic_constraints, false, explicit_false}})),
                         doctest::Contains("§11.5"), DecodeError);
    DerWriter w;
    w.sequence([](DerWriter& seq) {
        seq.sequence([](DerWriter& e) {
            write_oid(e, oids::key_usage);
            e.boolean(false);
            e.octet_string(from_hex("03020780"));
        });
    });
    CHECK_THROWS_WITH_AS(parse(w.take()), doctest::Contains("critical FALSE"), DecodeError);
}

TEST_CASE("RFC 5280 §4.2.1.9: pathLenConstraint without cA is rejected") {
    // x509/wosign-bc-invalid.pem of the vectors has exactly this: SEQUENCE { INTEGER 0 }
    CHECK_THROWS_WITH_AS(parse(extensions_der({{oids::basic_constraints, true, from_hex("3003020100")}})),
                         doctest::Contains("pathLenConstraint without cA"), DecodeError);
}

TEST_CASE("RFC 5280 §4.2.1.3: keyUsage needs a bit set; DER drops trailing zero bits (X.690 §11.2.2)") {
    CHECK_THROWS_AS(parse(extensions_der({{oids::key_usage, true, from_hex("030100")}})), DecodeError);
    CHECK_THROWS_WITH_AS(parse(extensions_der({{oids::key_usage, true, from_hex("030204a0")}})),
                         doctest::Contains("trailing zero bits"), DecodeError);
    CHECK(parse(extensions_der({{oids::key_usage, true, from_hex("03020204")}})).key_usage->has(KeyUsageBit::key_cert_sign));
}

TEST_CASE("RFC 5280 §4.2.1.6: an iPAddress is 4 or 16 bytes, a dNSName is IA5 and not empty") {
    CHECK_THROWS_WITH_AS(parse(extensions_der({{oids::subject_alt_name, false, from_hex("3007870501020304ff")}})),
                         doctest::Contains("4 (IPv4) or 16 (IPv6)"), DecodeError);
    CHECK_THROWS_AS(parse(extensions_der({{oids::subject_alt_name, false, from_hex("3004820261e9")}})), DecodeError);
    CHECK_THROWS_AS(parse(extensions_der({{oids::subject_alt_name, false, from_hex("30028200")}})), DecodeError);
    // Other GeneralName forms are kept as text.
    Extensions e = parse(extensions_der({{oids::subject_alt_name, false, from_hex("300d810b6140622e6578616d706c65")}}));
    CHECK(e.subject_alt_name->others == std::vector<std::string>{"email:a@b.example"});
}

TEST_CASE("RFC 5280 §4.2: a repeated extension is rejected; unknown ones are kept, critical ones flagged") {
    const Bytes bc = encode_basic_constraints({true, std::nullopt});
    try {
        parse(extensions_der({{oids::basic_constraints, true, bc}, {oids::basic_constraints, true, bc}}));
        FAIL("a repeated extension was accepted");
    } catch (const DecodeError& e) {
        CHECK(std::string(e.what()).find("appears twice") != std::string::npos);
        CHECK(e.offset() == 2 + 2 + 5 + 3 + 2 + bc.size());  // the second Extension SEQUENCE
    }
    const Oid private_oid = Oid::from_dotted("1.3.6.1.4.1.99999.1");
    Extensions e = parse(extensions_der({{private_oid, true, from_hex("0500")}, {oids::name_constraints, false, from_hex("3000")}}));
    REQUIRE(e.all.size() == 2);
    CHECK_FALSE(e.all[0].understood);
    REQUIRE(e.unknown_critical().size() == 1);
    CHECK(e.unknown_critical()[0]->id == private_oid);
}

TEST_CASE("Errors inside an extension value carry the offset in the whole structure") {
    // keyUsage with non-zero unused bits (X.690 §11.2.1) in the last byte of its extnValue.
    const Bytes der = extensions_der({{oids::key_usage, true, from_hex("03020681")}});
    try {
        parse(der);
        FAIL("accepted");
    } catch (const DecodeError& e) {
        CHECK(e.offset() == der.size() - 1);
        CHECK(std::string(e.what()).find("keyUsage: BIT STRING has non-zero unused bits") != std::string::npos);
    }
}

TEST_CASE("IP addresses: RFC 5952 text, and parsing of the forms a user types") {
    CHECK(ip_address_text(from_hex("7f000001")) == "127.0.0.1");
    CHECK(ip_address_text(from_hex("20010db8000000000000000000000001")) == "2001:db8::1");
    CHECK(ip_address_text(from_hex("00000000000000000000000000000001")) == "::1");
    CHECK(ip_address_text(from_hex("20010db8000100000001000000000001")) == "2001:db8:1:0:1::1");
    CHECK(parse_ip_address("::1") == from_hex("00000000000000000000000000000001"));
    CHECK(parse_ip_address("[2001:db8::1]") == from_hex("20010db8000000000000000000000001"));
    CHECK(parse_ip_address("1:2:3:4:5:6:7:8")->size() == 16);
    CHECK_FALSE(parse_ip_address("256.0.0.1"));
    CHECK_FALSE(parse_ip_address("1.2.3"));
    CHECK_FALSE(parse_ip_address("01.2.3.4"));
    CHECK_FALSE(parse_ip_address("localhost"));
    CHECK_FALSE(parse_ip_address("1::2::3"));
    CHECK_FALSE(parse_ip_address("1:2:3:4:5:6:7:8:9"));
}
