// Tests of handshake/finished_check.cpp: RFC 5246 §7.4.9.
#include <doctest/doctest.h>

#include "handshake/finished_check.h"
#include "record/tls_error.h"

using namespace lucid;
using namespace lucid::handshake;

TEST_CASE("RFC 5246 §7.4.9: a Finished equal to the expected verify_data passes; one differing bit is decrypt_error") {
    VerifyData expected;
    for (std::size_t i = 0; i < expected.verify_data.size(); ++i) expected.verify_data[i] = static_cast<std::uint8_t>(i * 17);
    Finished received;
    received.verify_data = expected.verify_data;
    CHECK_NOTHROW(verify_finished(received, expected));
    for (std::size_t i = 0; i < received.verify_data.size(); ++i) {
        CAPTURE(i);
        Finished wrong = received;
        wrong.verify_data[i] ^= 0x01;
        try {
            verify_finished(wrong, expected);
            FAIL("a wrong verify_data was accepted");
        } catch (const record::TlsError& e) {
            CHECK(e.alert() == record::AlertDescription::decrypt_error);
        }
    }
}
