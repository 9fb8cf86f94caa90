// --files DIR: answer "GET /NAME HTTP/1.x" with the file DIR/NAME, the idea of `openssl s_server
// -WWW`. What a bulk download needs (lucid bench --tls measures one against s_server -WWW), and what
// a student needs to fetch a file over lucidtls with curl or a browser.
//
// The response is pulled in pieces (next()), so that a large file is never in memory at once: the
// server sends a piece when its connection has room (net::Session::send_more).
//
// Only files under DIR are served: a request is refused (403) if its path has a ".." segment, a
// percent-escape (not decoded here) or a control byte, or if the file it names, once symbolic
// links are resolved, lies outside DIR. Only regular files; anything else is 404.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "crypto/bytes.h"

namespace lucid::tools {

class FileResponse {
public:
    // root must be canonical (served_root()); request_line is "GET /NAME HTTP/1.1".
    FileResponse(const std::filesystem::path& root, std::string_view request_line);
    ~FileResponse();
    FileResponse(const FileResponse&) = delete;
    FileResponse& operator=(const FileResponse&) = delete;

    int status() const { return status_; }               // 200, 400, 403, 404 or 405
    std::uint64_t body_size() const { return body_size_; }
    // The next bytes of the response, at most max_size: first the status line and headers, then
    // the body. Empty once everything was given. A file that cannot be read any more (it shrank,
    // an I/O error) throws Error: the server's connection ends there, naming the error in its log,
    // and the client gets fewer bytes than the Content-Length it was promised (curl says so).
    Bytes next(std::size_t max_size);
    bool finished() const { return header_sent_ == header_.size() && body_sent_ == body_size_; }
    // For the server's log: "GET /bulk HTTP/1.0 -> 200, 268435456 bytes", the request line cut at
    // 200 characters and any byte a terminal could act on shown as '?'.
    std::string summary() const;

private:
    void refuse(int status, const std::string& why);

    std::string request_line_;  // as summary() shows it
    int status_ = 200;
    std::string header_;
    std::size_t header_sent_ = 0;
    std::string error_body_;  // the body of a refusal
    int fd_ = -1;             // the file of a 200
    std::uint64_t body_size_ = 0, body_sent_ = 0;
};

// --files DIR, checked once at start-up: the canonical path of an existing directory, or
// UsageError naming the problem.
std::filesystem::path served_root(const std::string& dir);

}  // namespace lucid::tools
