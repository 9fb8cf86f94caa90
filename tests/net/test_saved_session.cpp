// Tests of net/saved_session.cpp: the --sess-out / --sess-in file.
#include <doctest/doctest.h>

#include <string>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "net/saved_session.h"

using namespace lucid;
using namespace lucid::handshake;
using namespace lucid::net;

namespace {

SessionState example() {
    SessionState s;
    s.session_id = from_hex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    s.cipher_suite = 0x0033;
    s.master_secret = SecretBytes(Bytes(48, 0xab));
    s.extended_master_secret = true;
    s.server_name = "localhost";
    s.peer_certificates = {from_hex("3003020101"), from_hex("3003020102")};
    s.peer_verified = true;
    s.created = 1704067200;
    return s;
}

std::string text_of(const SecretBytes& b) { return std::string(b.view().begin(), b.view().end()); }

std::string replace(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

void check_rejected(const std::string& text, const std::string& expected_words) {
    try {
        parse_saved_session(as_bytes(text));
        FAIL("accepted: " << text);
    } catch (const Error& e) {
        CHECK_MESSAGE(std::string(e.what()).find(expected_words) != std::string::npos, e.what());
    }
}

}  // namespace

TEST_CASE("saved session: written and read back field by field; the file says it is secret") {
    const std::string text = text_of(format_saved_session(example()));
    CHECK(text.find("SECRET") != std::string::npos);
    CHECK(text.find("Format = lucidtls-session-1\n") != std::string::npos);
    CHECK(text.find("CipherSuite = 0033 ") != std::string::npos);
    CHECK(text.find("MasterSecret = " + std::string(96, 'x').replace(0, 96, to_hex(Bytes(48, 0xab))) + "\n") !=
          std::string::npos);
    const SessionState back = parse_saved_session(as_bytes(text));
    const SessionState want = example();
    CHECK(back.session_id == want.session_id);
    CHECK(back.version == 0x0303);
    CHECK(back.cipher_suite == 0x0033);
    CHECK(back.master_secret.reveal() == want.master_secret.reveal());
    CHECK(back.extended_master_secret);
    CHECK(back.server_name == "localhost");
    CHECK(back.peer_certificates == want.peer_certificates);
    CHECK(back.peer_verified);
    CHECK(back.created == 1704067200);
}

TEST_CASE("saved session: comments, blank lines, CRLF and any key order are accepted") {
    const std::string text =
        "# a comment\r\n\r\n"
        "MasterSecret = " + to_hex(Bytes(48, 1)) + "\r\n"
        "SessionId = 01\r\n"
        "Created = 5\r\n"
        "CipherSuite = 002F\r\n"
        "Version = 0303\r\n"
        "Format = lucidtls-session-1\r\n";
    const SessionState s = parse_saved_session(as_bytes(text));
    CHECK(s.session_id == Bytes{1});
    CHECK(s.cipher_suite == 0x002F);
    CHECK_FALSE(s.extended_master_secret);
    CHECK(s.server_name.empty());
    CHECK(s.peer_certificates.empty());
}

TEST_CASE("saved session: malformed files are refused with the line and the reason") {
    const std::string good = text_of(format_saved_session(example()));
    check_rejected(replace(good, "Format = lucidtls-session-1", "Format = other"), "unknown format");
    check_rejected(replace(good, "Version = 0303", "Version = 0302"), "only TLS 1.2");
    check_rejected(replace(good, "ExtendedMasterSecret = yes", "ExtendedMasterSecret = maybe"), "yes or no");
    check_rejected(replace(good, "Created = 1704067200", "Created = soon"), "Unix seconds");
    check_rejected(replace(good, "MasterSecret = abab", "MasterSecret = ab"), "expected 48 bytes");
    check_rejected(replace(good, "SessionId = 00", "SessionId = 0000"), "1 to 32 bytes");
    check_rejected(replace(good, "ServerName = localhost", "Colour = blue"), "unknown key 'Colour'");
    check_rejected(good + "Version = 0303\n", "appears twice");
    check_rejected(replace(good, "Version = 0303", "Version 0303"), "Key = value");
    check_rejected(replace(good, "Created = 1704067200\n", ""), "Created line is missing");
    check_rejected(replace(good, "SessionId = 00", "SessionId = zz"), "SessionId");
}

TEST_CASE("saved session with a ticket (RFC 5077): Ticket and TicketLifetimeHint written and read back; no SessionId needed") {
    SessionState s = example();
    s.session_id.clear();  // RFC 5077 §3.4: the client discards the ServerHello's ID
    s.ticket = from_hex("0102030405");
    s.ticket_lifetime_hint = 7200;
    const std::string text = text_of(format_saved_session(s));
    CHECK(text.find("SessionId") == std::string::npos);
    CHECK(text.find("Ticket = 0102030405\n") != std::string::npos);
    const SessionState back = parse_saved_session(as_bytes(text));
    CHECK(back.ticket == s.ticket);
    CHECK(back.ticket_lifetime_hint == 7200);
    CHECK(back.session_id.empty());
    check_rejected(replace(text, "Ticket = 0102030405\n", ""), "SessionId line is missing");
    check_rejected(replace(text, "TicketLifetimeHint = 7200", "TicketLifetimeHint = 99999999999"), "uint32");
}

TEST_CASE("saved session: a file written before tickets existed (no Ticket line) still reads, with no ticket") {
    const std::string old_file = text_of(format_saved_session(example()));
    CHECK(old_file.find("Ticket") == std::string::npos);
    const SessionState back = parse_saved_session(as_bytes(old_file));
    CHECK(back.ticket.empty());
    CHECK(back.session_id == example().session_id);
}
