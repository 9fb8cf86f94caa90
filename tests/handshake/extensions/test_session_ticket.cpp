// Tests of handshake/extensions/session_ticket.cpp: RFC 5077 §3.2.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/extensions.h"
#include "record/codec.h"
#include "record/tls_error.h"

using namespace lucid;
using namespace lucid::handshake;

namespace {

HelloExtensions read_block(const char* hex, HelloKind kind) {
    const Bytes block = from_hex(hex);
    FieldReader r(block, "hello", 0, nullptr);
    return read_extensions(r, kind);
}

}  // namespace

TEST_CASE("RFC 5077 §3.2: in a ClientHello the extension data is the ticket itself, without a length prefix") {
    const HelloExtensions ext = read_block("0007" "0023" "0003" "a1b2c3", HelloKind::client_hello);
    REQUIRE(ext.session_ticket.has_value());
    CHECK(to_hex(*ext.session_ticket) == "a1b2c3");
}

TEST_CASE("RFC 5077 §3.2: an empty SessionTicket extension says 'I support tickets' (ClientHello) or 'a ticket follows' (ServerHello)") {
    CHECK(read_block("0004" "0023" "0000", HelloKind::client_hello).session_ticket->empty());
    CHECK(read_block("0004" "0023" "0000", HelloKind::server_hello).session_ticket->empty());
    CHECK_FALSE(read_block("0004" "0017" "0000", HelloKind::client_hello).session_ticket.has_value());
}

TEST_CASE("RFC 5077 §3.2: the server uses a zero-length SessionTicket extension: a non-empty one is decode_error") {
    CHECK_THROWS_AS(read_block("0005" "0023" "0001" "aa", HelloKind::server_hello), record::TlsError);
}
