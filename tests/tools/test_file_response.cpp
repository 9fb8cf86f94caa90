// tools/file_response.cpp: --files answers GET /NAME with the file under the served directory, in
// pieces, and refuses every path that would leave it.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "crypto/error.h"
#include "tools/args.h"
#include "tools/file_response.h"

using namespace lucid;
using namespace lucid::tools;
namespace fs = std::filesystem;

namespace {

// A served directory with a file, a subdirectory and links inside and outside; removed at the end.
struct ServedDirectory {
    fs::path base, root;
    ServedDirectory() {
        char pattern[] = "/tmp/lucid_file_response.XXXXXX";
        REQUIRE(::mkdtemp(pattern) != nullptr);
        base = pattern;
        root = base / "root";
        fs::create_directories(root / "sub");
        std::ofstream(root / "data.bin", std::ios::binary) << std::string(40000, 'd');
        std::ofstream(root / "sub" / "page.html") << "<p>hi</p>";
        std::ofstream(base / "secret.txt") << "outside";
        fs::create_symlink(root / "data.bin", root / "inside-link");
        fs::create_symlink(base / "secret.txt", root / "outside-link");
        root = served_root(root.string());
    }
    ~ServedDirectory() {
        std::error_code ec;
        fs::remove_all(base, ec);
    }
};

// The whole response, pulled in pieces of `piece` bytes as the server's connection does.
std::string pull_all(FileResponse& r, std::size_t piece) {
    std::string out;
    while (!r.finished()) {
        const Bytes b = r.next(piece);
        if (b.empty() || b.size() > piece) FAIL("a piece of " << b.size() << " bytes when " << piece << " were asked");
        out.append(b.begin(), b.end());
    }
    CHECK(r.next(piece).empty());
    return out;
}

std::string body_of(const std::string& response) {
    const std::size_t end = response.find("\r\n\r\n");
    REQUIRE(end != std::string::npos);
    return response.substr(end + 4);
}

}  // namespace

TEST_CASE("--files: GET /NAME is the file, in pieces of at most the size asked, with its Content-Length") {
    ServedDirectory d;
    FileResponse r(d.root, "GET /data.bin HTTP/1.1");
    CHECK(r.status() == 200);
    CHECK(r.body_size() == 40000);
    const std::string response = pull_all(r, 16384);
    CHECK(response.rfind("HTTP/1.0 200 OK\r\n", 0) == 0);
    CHECK(response.find("Content-Length: 40000\r\n") != std::string::npos);
    CHECK(response.find("Content-Type: application/octet-stream\r\n") != std::string::npos);
    CHECK(body_of(response) == std::string(40000, 'd'));
    // Any piece size gives the same bytes.
    FileResponse small(d.root, "GET /data.bin HTTP/1.0");
    CHECK(pull_all(small, 7) == response);
}

TEST_CASE("--files: a file in a subdirectory, a query ignored, the type from the extension") {
    ServedDirectory d;
    FileResponse r(d.root, "GET /sub/page.html?x=1 HTTP/1.1");
    REQUIRE(r.status() == 200);
    const std::string response = pull_all(r, 1000);
    CHECK(response.find("Content-Type: text/html; charset=utf-8\r\n") != std::string::npos);
    CHECK(body_of(response) == "<p>hi</p>");
}

TEST_CASE("--files: a symbolic link is followed while it stays under the served directory") {
    ServedDirectory d;
    FileResponse r(d.root, "GET /inside-link HTTP/1.1");
    CHECK(r.status() == 200);
    CHECK(r.body_size() == 40000);
}

TEST_CASE("--files: every way out of the served directory is refused") {
    ServedDirectory d;
    for (const char* line : {"GET /../secret.txt HTTP/1.1", "GET /sub/../../secret.txt HTTP/1.1", "GET /.. HTTP/1.1"}) {
        CAPTURE(line);
        FileResponse r(d.root, line);
        CHECK(r.status() == 403);
        CHECK(body_of(pull_all(r, 100)).find("only files under the served directory") != std::string::npos);
    }
    FileResponse link(d.root, "GET /outside-link HTTP/1.1");
    CHECK(link.status() == 403);
    CHECK(body_of(pull_all(link, 100)).find("outside") != std::string::npos);
    // Not decoded, so %2e%2e cannot become "..".
    FileResponse escaped(d.root, "GET /%2e%2e/secret.txt HTTP/1.1");
    CHECK(escaped.status() == 400);
    FileResponse control(d.root, std::string("GET /data.bin\x01 HTTP/1.1"));
    CHECK(control.status() == 400);
}

TEST_CASE("--files: what is not a file is 404, other methods 405, a malformed line 400") {
    ServedDirectory d;
    CHECK(FileResponse(d.root, "GET /missing HTTP/1.1").status() == 404);
    CHECK(FileResponse(d.root, "GET /sub HTTP/1.1").status() == 404);
    CHECK(FileResponse(d.root, "GET / HTTP/1.1").status() == 404);
    FileResponse post(d.root, "POST /data.bin HTTP/1.1");
    CHECK(post.status() == 405);
    CHECK(pull_all(post, 1000).find("\r\nAllow: GET\r\n") != std::string::npos);
    for (const char* line : {"", "GET", "GET /data.bin", "GET data.bin HTTP/1.1", "GET /data.bin FTP/1.0",
                             "GET  /data.bin HTTP/1.1"}) {
        CAPTURE(line);
        CHECK(FileResponse(d.root, line).status() == 400);
    }
}

TEST_CASE("--files: a FIFO under the served directory is 404 at once, not a wait for a writer") {
    ServedDirectory d;
    REQUIRE(::mkfifo((d.root / "pipe").c_str(), 0600) == 0);
    FileResponse r(d.root, "GET /pipe HTTP/1.1");
    CHECK(r.status() == 404);
}

TEST_CASE("--files: the summary for the log shows no byte a terminal would act on") {
    ServedDirectory d;
    FileResponse r(d.root, std::string("GET /\x1b[2Jx HTTP/1.1"));
    CHECK(r.summary() == "GET /?[2Jx HTTP/1.1 -> 400");  // a control byte is also a bad request
    CHECK(FileResponse(d.root, "GET /data.bin HTTP/1.1").summary() == "GET /data.bin HTTP/1.1 -> 200, 40000 bytes");
}

TEST_CASE("--files: a file that shrinks while it is sent is an error, never a short body called whole") {
    ServedDirectory d;
    FileResponse r(d.root, "GET /data.bin HTTP/1.1");
    REQUIRE(r.status() == 200);
    r.next(16384);
    fs::resize_file(d.root / "data.bin", 100);
    CHECK_THROWS_AS(pull_all(r, 16384), Error);
}

TEST_CASE("--files DIR must be a directory that exists") {
    CHECK_THROWS_AS(served_root("/nonexistent/lucid"), UsageError);
    CHECK_THROWS_AS(served_root("/etc/hostname"), UsageError);
}
