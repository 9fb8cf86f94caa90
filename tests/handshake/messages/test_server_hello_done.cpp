// Tests of handshake/messages/server_hello_done.cpp (RFC 5246 §7.4.5) and hello_request.cpp (§7.4.1.1).
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/messages/server_hello_done.h"
#include "record/tls_error.h"

using namespace lucid;
using namespace lucid::handshake;
using lucid::record::AlertDescription;
using lucid::record::TlsError;

TEST_CASE("RFC 5246 §7.4.5: ServerHelloDone is the four bytes 0e000000") {
    CHECK(to_hex(ServerHelloDone{}.encode()) == "0e000000");
    CHECK_NOTHROW(ServerHelloDone::parse({}));
}

TEST_CASE("RFC 5246 §7.4.5: a ServerHelloDone with a body is decode_error") {
    try {
        ServerHelloDone::parse(from_hex("00"));
        FAIL("accepted a non-empty ServerHelloDone");
    } catch (const TlsError& e) {
        CHECK(e.alert() == AlertDescription::decode_error);
    }
}

TEST_CASE("RFC 5246 §7.4.1.1: HelloRequest is the four bytes 00000000 and has no body") {
    CHECK(to_hex(HelloRequest{}.encode()) == "00000000");
    CHECK_NOTHROW(HelloRequest::parse({}));
    CHECK_THROWS_AS(HelloRequest::parse(from_hex("01")), TlsError);
}
