// Tests of handshake/extensions/empty_extensions.cpp: RFC 7627 §5.1, RFC 7366 §2.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/extensions.h"
#include "record/tls_error.h"

using namespace lucid;
using namespace lucid::handshake;

TEST_CASE("RFC 7627 §5.1: extended_master_secret with data is decode_error") {
    const Bytes data = from_hex("00");
    FieldReader r(data, "ems", 0, nullptr);
    CHECK_THROWS_AS(read_empty_extension(r, "extended_master_secret"), record::TlsError);
    FieldReader empty({}, "ems", 0, nullptr);
    CHECK_NOTHROW(read_empty_extension(empty, "extended_master_secret"));
}
