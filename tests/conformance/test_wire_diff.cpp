// Tests of conformance/wire_diff.cpp: naming the first difference between two connection streams.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/messages/client_hello.h"
#include "conformance/wire_diff.h"
#include "record/record.h"

using namespace lucid;
using namespace lucid::handshake;
using lucid::conformance::first_difference;

namespace {
Bytes hello_record() {
    ClientHello h;
    h.cipher_suites = {0x002F};
    return record::encode_record(record::ContentType::handshake, record::tls12, h.encode());
}
}  // namespace

TEST_CASE("wire_diff: equal streams have no difference") {
    CHECK_FALSE(first_difference("c2s", hello_record(), hello_record()));
}

TEST_CASE("wire_diff: a changed ClientHello byte is named by its field") {
    const Bytes recorded = hello_record();
    Bytes now = recorded;
    now[5 + 4 + 2 + 5] ^= 1;  // random_bytes[1]
    const auto d = first_difference("c2s", recorded, now);
    REQUIRE(d);
    CHECK(d->find("c2s: first difference at byte 16") != std::string::npos);
    CHECK(d->find("record 0 (handshake)") != std::string::npos);
    CHECK(d->find("ClientHello.random.random_bytes") != std::string::npos);
}

TEST_CASE("wire_diff: header fields, records after ChangeCipherSpec, and a stream that ends early") {
    const Bytes recorded = concat({hello_record(), from_hex("140303000101"), from_hex("1703030003aabbcc")});
    Bytes now = recorded;
    now[1] = 0x02;
    CHECK(first_difference("x", recorded, now)->find("header field version") != std::string::npos);
    now = recorded;
    now.back() ^= 0xFF;
    const auto encrypted = first_difference("x", recorded, now);
    REQUIRE(encrypted);
    CHECK(encrypted->find("record 2 (application_data, encrypted), byte 2 of the fragment") != std::string::npos);
    now = Bytes(recorded.begin(), recorded.end() - 2);
    CHECK(first_difference("x", recorded, now)->find("now (end of stream)") != std::string::npos);
}
