// Tests of record/record.cpp: names, limits and the 5-byte header.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "record/record.h"
#include "record/tls_error.h"

using namespace lucid;
using namespace lucid::record;

TEST_CASE("RFC 5246 §6.2.1: content types have names; unknown values print as hex") {
    CHECK(content_type_name(ContentType::change_cipher_spec) == "change_cipher_spec");
    CHECK(content_type_name(ContentType::alert) == "alert");
    CHECK(content_type_name(ContentType::handshake) == "handshake");
    CHECK(content_type_name(ContentType::application_data) == "application_data");
    CHECK(content_type_name(static_cast<ContentType>(24)) == "unknown(0x18)");
    CHECK(is_known_content_type(ContentType::alert));
    CHECK_FALSE(is_known_content_type(static_cast<ContentType>(19)));
}

TEST_CASE("RFC 5246 Appendix E: protocol versions have names and an order") {
    CHECK(version_name(tls10) == "TLS 1.0");
    CHECK(version_name(tls11) == "TLS 1.1");
    CHECK(version_name(tls12) == "TLS 1.2");
    CHECK(version_name(ProtocolVersion{3, 4}) == "unknown(0x0304)");
    CHECK(tls10 < tls11);
    CHECK(tls12 > tls11);
    CHECK(ProtocolVersion{3, 3} == tls12);
}

TEST_CASE("RFC 5246 §6.2: the length limits") {
    CHECK(max_plaintext_length == 16384);
    CHECK(max_compressed_length == 16384 + 1024);
    CHECK(max_ciphertext_length == 16384 + 2048);
}

TEST_CASE("RFC 5246 §6.2.1: a record header round-trips, and a short one is a decode_error") {
    const Bytes wire = encode_record(ContentType::handshake, tls10, from_hex("0100"));
    CHECK(to_hex(wire) == "16" "0301" "0002" "0100");
    const RecordHeader h = parse_record_header(wire);
    CHECK(h.type == ContentType::handshake);
    CHECK(h.version == tls10);
    CHECK(h.length == 2);
    for (std::size_t n = 0; n < record_header_length; ++n) {
        try {
            parse_record_header(ByteView(wire).first(n));
            FAIL("a header of " << n << " bytes was accepted");
        } catch (const TlsError& e) {
            CHECK(e.alert() == AlertDescription::decode_error);
        }
    }
}
