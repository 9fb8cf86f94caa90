// tools/trace_html.cpp: the illustrated page, on a real in-memory handshake.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "tests/tools/engine_pair.h"
#include "tools/trace_html.h"

using namespace lucid;
using namespace lucid::tools;

namespace {

struct Page {
    std::string html;
    Bytes master_secret;
};

Page illustrate(bool show_secrets) {
    HtmlTraceOptions options;
    options.role = handshake::Role::client;
    options.show_secrets = show_secrets;
    options.title = "test <page> & co";
    HtmlTrace page(options);
    testing::PairOptions pair_options;
    pair_options.client_trace = &page;
    pair_options.client_suites = {handshake::CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256};
    testing::EnginePair pair(pair_options);
    REQUIRE(pair.handshake());
    pair.client->send(as_bytes("GET / HTTP/1.0\r\n\r\n"));
    REQUIRE(pair.shuttle());
    pair.client->close();
    REQUIRE(pair.shuttle());
    return {page.render(), pair.client->session().reveal_master_secret_for_keylog()};
}

bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("issue 14: the page is self-contained: no external script, style, font or image") {
    const std::string html = illustrate(false).html;
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK_FALSE(has(html, "src="));
    CHECK_FALSE(has(html, "<link"));
    CHECK_FALSE(has(html, "@import"));
    CHECK_FALSE(has(html, "url(http"));
    CHECK_FALSE(has(html, "https://"));
    // The one http:// is the SVG namespace name, which is never fetched.
    std::size_t count = 0;
    for (std::size_t at = html.find("http://"); at != std::string::npos; at = html.find("http://", at + 1)) ++count;
    CHECK(count == 1);
    CHECK(has(html, "xmlns=\"http://www.w3.org/2000/svg\""));
}

TEST_CASE("issue 14: every walkthrough step of a full handshake has its anchor, and the diagram links to it") {
    const std::string html = illustrate(false).html;
    for (int step = 1; step <= 12; ++step) {
        CAPTURE(step);
        CHECK(has(html, "id=\"step-" + std::to_string(step) + "\""));
        CHECK(has(html, "href=\"#step-" + std::to_string(step) + "\""));
    }
    CHECK(has(html, "<svg"));
    CHECK(has(html, "1. ClientHello"));
    CHECK(has(html, "10. Finished"));
    CHECK_FALSE(has(html, "not in this connection"));
}

TEST_CASE("issue 14: every byte on the wire is explained (the trace-coverage check, on the page)") {
    const std::string html = illustrate(false).html;
    CHECK(has(html, "Every byte of every message is explained by a field below."));
    CHECK_FALSE(has(html, "class=\"gap\""));
}

TEST_CASE("issue 14: text from the trace is escaped") {
    const std::string html = illustrate(false).html;
    CHECK(has(html, "<title>test &lt;page&gt; &amp; co</title>"));
}

TEST_CASE("design, Secrets: without --show-secrets the page has no secret, and says where they would be") {
    const Page page = illustrate(false);
    CHECK_FALSE(has(page.html, to_hex(page.master_secret)));
    CHECK(has(page.html, "secret, 48 bytes: not shown"));
    CHECK(has(page.html, "&lt;master_secret&gt;"));
    CHECK(has(page.html, "data-runnable=\"no\""));
}

TEST_CASE("issue 14: with --show-secrets the page shows them, warns, and every derivation has runnable commands") {
    const Page page = illustrate(true);
    const std::string ms = to_hex(page.master_secret);
    std::string spaced;
    for (std::size_t i = 0; i < 16; ++i) spaced += (i ? " " : "") + ms.substr(2 * i, 2);
    CHECK(has(page.html, spaced));
    CHECK(has(page.html, "This page shows every secret"));
    CHECK(has(page.html, "openssl kdf -keylen 48 -kdfopt digest:SHA256 -kdfopt hexsecret:"));
    CHECK(has(page.html, "openssl enc -d -aes-128-cbc -K "));
    CHECK(has(page.html, "openssl dgst -sha256 -mac HMAC -macopt hexkey:"));
    CHECK(has(page.html, "lucid prf --hash sha256"));
    CHECK(has(page.html, "data-expect=\"" + ms + "\""));
}
