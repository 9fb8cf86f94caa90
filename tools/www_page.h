// --www: answer an HTTP request with a page that describes the TLS session it came over (the
// idea of `openssl s_server -www`), so a browser, curl or `lucid client` can see what was
// negotiated.
#pragma once

#include <cstddef>
#include <string>

#include "crypto/bytes.h"
#include "handshake/engine.h"

namespace lucid::tools {

// Collects the request until the blank line that ends its header (RFC 9112 §2.1), and no further
// than max_size bytes (a client that never ends its header cannot make us buffer without bound).
class HttpRequestReader {
public:
    static constexpr std::size_t max_size = 16 * 1024;
    enum class Status { need_more, complete, too_large };

    Status add(ByteView data);
    // "GET / HTTP/1.1", or empty before the first line is complete.
    std::string request_line() const;

private:
    std::string text_;
    Status status_ = Status::need_more;
};

// The whole HTTP/1.0 response (status line, headers, body) describing the session. status is
// 200 for a complete request, 431 when it was too large.
std::string www_response(const handshake::SessionInfo& session, const std::string& request_line, int status);

}  // namespace lucid::tools
