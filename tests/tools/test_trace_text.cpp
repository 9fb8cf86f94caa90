// tools/trace_text.cpp: the --trace renderer, on a real in-memory handshake.
#include <doctest/doctest.h>

#include <sstream>

#include "crypto/hex.h"
#include "tests/tools/engine_pair.h"
#include "tools/trace_text.h"

using namespace lucid;
using namespace lucid::tools;

namespace {

struct Rendered {
    std::string client_text;
    std::string server_text;
    Bytes master_secret;
};

Rendered render(bool show_secrets) {
    std::ostringstream client_out, server_out;
    TextTrace client_trace(client_out, {handshake::Role::client, show_secrets, "", 8});
    TextTrace server_trace(server_out, {handshake::Role::server, show_secrets, "[1] ", 8});
    testing::PairOptions options;
    options.client_trace = &client_trace;
    options.server_trace = &server_trace;
    testing::EnginePair pair(options);
    REQUIRE(pair.handshake());
    pair.client->send(as_bytes("GET / HTTP/1.0\r\n\r\n"));
    REQUIRE(pair.shuttle());
    return {client_out.str(), server_out.str(), pair.client->session().reveal_master_secret_for_keylog()};
}

// The hex digits of the master secret as the trace would print them (16 bytes per line).
bool contains_hex(const std::string& text, ByteView secret) {
    // The first 8 bytes, spaced as the trace prints them, are enough to recognise it.
    std::string spaced;
    for (std::size_t i = 0; i < 8 && i < secret.size(); ++i) spaced += (i ? " " : "") + to_hex(secret.subspan(i, 1));
    return text.find(spaced) != std::string::npos || text.find(to_hex(secret)) != std::string::npos;
}

}  // namespace

TEST_CASE("--trace: the walkthrough steps, offsets and RFC sections are shown") {
    const Rendered r = render(false);
    const std::string& t = r.client_text;
    CHECK(t.find("client -> server   step 1 of 12: ClientHello") != std::string::npos);
    CHECK(t.find("server -> client   step 2 of 12: ServerHello") != std::string::npos);
    CHECK(t.find("RFC 5246 §7.4.1.2") != std::string::npos);
    CHECK(t.find("RFC 5246 §6.2.1") != std::string::npos);
    CHECK(t.find("  +0000  msg_type") != std::string::npos);
    CHECK(t.find("  +0004  client_version") != std::string::npos);
    CHECK(t.find("record 0: handshake") != std::string::npos);
    CHECK(t.find("(protected)") != std::string::npos);
    // The server sees the same walkthrough from its side, every line prefixed.
    CHECK(r.server_text.find("[1] == client -> server   step 1 of 12: ClientHello") != std::string::npos);
}

TEST_CASE("--trace: every byte of every message is explained (no '!!' line)") {
    const Rendered r = render(false);
    CHECK(r.client_text.find("!!") == std::string::npos);
    CHECK(r.server_text.find("!!") == std::string::npos);
}

TEST_CASE("--trace: hex is wrapped at 16 bytes per line") {
    const Rendered r = render(false);
    std::istringstream lines(r.client_text);
    std::string line;
    std::size_t hex_lines = 0;
    while (std::getline(lines, line)) {
        // A hex line holds only pairs of hex digits and spaces (the right column aside).
        const std::string body = line.substr(0, line.find('|'));
        if (body.find_first_not_of("0123456789abcdef ") != std::string::npos) continue;
        if (body.find_first_not_of(' ') == std::string::npos) continue;
        std::istringstream words(body);
        std::string word;
        std::size_t bytes = 0;
        while (words >> word) {
            CHECK(word.size() == 2);
            ++bytes;
        }
        CHECK(bytes <= 16);
        ++hex_lines;
    }
    CHECK(hex_lines > 5);
}

TEST_CASE("--trace without --show-secrets never prints the master secret") {
    const Rendered r = render(false);
    REQUIRE(r.master_secret.size() == 48);
    CHECK_FALSE(contains_hex(r.client_text, r.master_secret));
    CHECK_FALSE(contains_hex(r.server_text, r.master_secret));
    CHECK(r.client_text.find("secret: not shown (--show-secrets shows it)") != std::string::npos);
}

TEST_CASE("--trace --show-secrets prints the master secret and the key block split") {
    const Rendered r = render(true);
    REQUIRE(r.master_secret.size() == 48);
    CHECK(contains_hex(r.client_text, r.master_secret));
    CHECK(contains_hex(r.server_text, r.master_secret));
    CHECK(r.client_text.find("not shown") == std::string::npos);
    CHECK(r.client_text.find("SECRET") != std::string::npos);
}

namespace {

// A derivation with one long value (256 bytes: 16 lines of hex, twice the default limit).
std::string render_long_value(TextTraceOptions options, bool secret) {
    std::ostringstream out;
    TextTrace trace(out, options);
    handshake::DerivationTrace d;
    d.name = "DHE shared secret";
    handshake::TraceValue z;
    z.name = "Z";
    z.secret = secret;
    z.size = 256;
    z.value = Bytes(256, 0xab);
    z.value.back() = 0xcd;
    d.outputs.push_back(z);
    trace.on_derivation(d);
    return out.str();
}

}  // namespace

TEST_CASE("issue 10: by default a long value is cut after 8 lines, saying how many bytes follow") {
    const std::string t = render_long_value({handshake::Role::client, false, "", 8}, false);
    CHECK(t.find("more bytes") != std::string::npos);
    CHECK(t.find("cd") == std::string::npos);
}

TEST_CASE("issue 10: with --show-secrets no value is ever cut (the DHE shared secret Z, whole)") {
    const std::string t = render_long_value({handshake::Role::client, true, "", 8}, true);
    CHECK(t.find("more bytes") == std::string::npos);
    CHECK(t.find("ab cd") != std::string::npos);  // the last two bytes
}

TEST_CASE("issue 10: with --full no value is cut (certificates, public DH values)") {
    TextTraceOptions options{handshake::Role::client, false, "", 8};
    options.full = true;
    const std::string t = render_long_value(options, false);
    CHECK(t.find("more bytes") == std::string::npos);
    CHECK(t.find("ab cd") != std::string::npos);
}

TEST_CASE("issue 10: a note of several lines is laid out, each line under the first (the verified chain)") {
    std::ostringstream out;
    TextTrace trace(out, {handshake::Role::client, false, "[2] ", 8});
    trace.on_note({"certificate chain verified at 2026-06-01T00:00:00Z:\n  depth 0: CN=localhost\n  depth 1: CN=CA\n",
                   "RFC 5280 §6, RFC 6125"});
    CHECK(out.str() ==
          "[2]    note: certificate chain verified at 2026-06-01T00:00:00Z: (RFC 5280 §6, RFC 6125)\n"
          "[2]            depth 0: CN=localhost\n"
          "[2]            depth 1: CN=CA\n");
}
