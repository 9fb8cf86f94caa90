// Tests of handshake/session_state_codec.cpp: the StatePlaintext inside a ticket (RFC 5077 §4).
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/session_state_codec.h"

using namespace lucid;
using namespace lucid::handshake;

namespace {

SessionState example() {
    SessionState s;
    s.cipher_suite = 0xc02f;
    s.master_secret = SecretBytes(Bytes(48, 0x5a));
    s.extended_master_secret = true;
    s.encrypt_then_mac = true;
    s.server_name = "localhost";
    s.peer_certificates = {from_hex("3003020101"), from_hex("3003020102")};
    s.peer_verified = true;
    s.created = 1704067200;
    return s;
}

}  // namespace

TEST_CASE("RFC 5077 §4: StatePlaintext keeps version, suite, master secret, client identity, timestamp, EMS, ETM and SNI") {
    const SessionState s = example();
    const std::optional<SessionState> back = decode_session_state(encode_session_state(s).view());
    REQUIRE(back.has_value());
    CHECK(back->version == 0x0303);
    CHECK(back->cipher_suite == 0xc02f);
    CHECK(back->master_secret.view()[0] == 0x5a);
    CHECK(back->master_secret.size() == 48);
    CHECK(back->extended_master_secret);
    CHECK(back->encrypt_then_mac);  // RFC 7366 §3.1: a ticket resumes with the record mechanism it had
    CHECK(back->server_name == "localhost");
    CHECK(back->peer_certificates == s.peer_certificates);
    CHECK(back->peer_verified);
    CHECK(back->created == 1704067200);
    CHECK(back->session_id.empty());  // RFC 5077 §3.4: the ticket names the session
}

TEST_CASE("RFC 5077 §4: every truncated or extended StatePlaintext decodes to nothing (never throws)") {
    const SecretBytes whole = encode_session_state(example());
    for (std::size_t n = 0; n < whole.size(); ++n) CHECK_FALSE(decode_session_state(whole.view().first(n)).has_value());
    Bytes longer(whole.view().begin(), whole.view().end());
    longer.push_back(0);
    CHECK_FALSE(decode_session_state(longer).has_value());
    Bytes other_format(whole.view().begin(), whole.view().end());
    other_format[0] = 2;
    CHECK_FALSE(decode_session_state(other_format).has_value());
}
