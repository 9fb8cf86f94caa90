// tools/www_page.cpp: --www reads the request up to the blank line, then describes the session.
#include <doctest/doctest.h>

#include "tests/tools/engine_pair.h"
#include "tools/www_page.h"

using namespace lucid;
using namespace lucid::tools;
using Status = HttpRequestReader::Status;

TEST_CASE("RFC 9112 §2.1: the request header ends at the first empty line, in any pieces") {
    HttpRequestReader r;
    CHECK(r.add(as_bytes("GET /index HTTP/1.1\r\nHo")) == Status::need_more);
    CHECK(r.request_line() == "GET /index HTTP/1.1");
    CHECK(r.add(as_bytes("st: x\r\n")) == Status::need_more);
    CHECK(r.add(as_bytes("\r\n")) == Status::complete);
}

TEST_CASE("RFC 9112 §2.2: a bare LF also ends lines") {
    HttpRequestReader r;
    CHECK(r.add(as_bytes("GET / HTTP/1.0\n\n")) == Status::complete);
    CHECK(r.request_line() == "GET / HTTP/1.0");
}

TEST_CASE("--www: a request header that never ends is cut at 16 KiB") {
    HttpRequestReader r;
    const std::string chunk(1024, 'a');
    Status s = Status::need_more;
    for (int i = 0; i < 17 && s == Status::need_more; ++i) s = r.add(as_bytes(chunk));
    CHECK(s == Status::too_large);
}

TEST_CASE("--www: the page names the suite (IANA and OpenSSL), SNI, and has a right Content-Length") {
    testing::EnginePair pair({});
    REQUIRE(pair.handshake());
    const std::string response = www_response(pair.server->session(), "GET / HTTP/1.1", 200);
    CHECK(response.rfind("HTTP/1.0 200 OK\r\n", 0) == 0);
    const std::size_t body = response.find("\r\n\r\n");
    REQUIRE(body != std::string::npos);
    const std::string length = "Content-Length: " + std::to_string(response.size() - body - 4) + "\r\n";
    CHECK(response.find(length) != std::string::npos);
    const handshake::CipherSuiteInfo* suite = pair.server->session().cipher_suite;
    REQUIRE(suite != nullptr);
    CHECK(response.find(std::string(suite->iana_name)) != std::string::npos);
    CHECK(response.find(std::string(suite->openssl_name)) != std::string::npos);
    CHECK(response.find("localhost") != std::string::npos);
    CHECK(response.find("GET / HTTP/1.1") != std::string::npos);
    CHECK(response.size() <= 16384);  // fits in one record (RFC 5246 §6.2.1)
}
