#include "tools/file_response.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "crypto/error.h"
#include "tools/args.h"

namespace lucid::tools {

namespace fs = std::filesystem;

namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    for (std::size_t at = 0;;) {
        const std::size_t end = text.find(separator, at);
        parts.push_back(text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
        if (end == std::string_view::npos) return parts;
        at = end + 1;
    }
}

std::string reason_phrase(int status) {
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    default: return "Method Not Allowed";
    }
}

// RFC 9110 §8.3: what the body is, from the file name's extension.
std::string content_type(const fs::path& file) {
    const std::string ext = file.extension().string();
    if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
    if (ext == ".txt" || ext == ".pem") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

std::string response_header(int status, const std::string& type, std::uint64_t length, bool allow_get) {
    return "HTTP/1.0 " + std::to_string(status) + " " + reason_phrase(status) + "\r\nContent-Type: " + type +
           "\r\nContent-Length: " + std::to_string(length) + (allow_get ? "\r\nAllow: GET" : "") +
           "\r\nConnection: close\r\n\r\n";
}

}  // namespace

fs::path served_root(const std::string& dir) {
    std::error_code ec;
    const fs::path root = fs::canonical(dir, ec);
    if (ec) throw UsageError("--files " + dir + ": " + ec.message());
    if (!fs::is_directory(root)) throw UsageError("--files " + dir + ": not a directory");
    return root;
}

// RFC 9112 §3: request-line = method SP request-target SP HTTP-version; the target in origin form
// (RFC 9112 §3.2.1), "/NAME", resolved under root.
FileResponse::FileResponse(const fs::path& root, std::string_view request_line) {
    for (char c : request_line.substr(0, 200)) request_line_ += (c >= 0x20 && c < 0x7F) ? c : '?';
    const std::vector<std::string_view> parts = split(request_line, ' ');
    if (parts.size() != 3 || parts[2].substr(0, 5) != "HTTP/" || parts[1].empty() || parts[1][0] != '/') {
        refuse(400, "expected a request line such as GET /NAME HTTP/1.1");
        return;
    }
    if (parts[0] != "GET") {
        refuse(405, "only GET is served");
        return;
    }
    const std::string_view target = parts[1].substr(0, parts[1].find('?'));  // the query is ignored
    for (char c : target) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F || c == '%') {
            refuse(400, c == '%' ? "percent-escapes in the path are not decoded by this server"
                                 : "a control byte in the path");
            return;
        }
    }
    for (std::string_view segment : split(target.substr(1), '/')) {
        if (segment == "..") {
            refuse(403, "'..' in the path: only files under the served directory");
            return;
        }
    }
    if (target == "/") {
        refuse(404, "ask for a file: GET /NAME serves NAME from the served directory");
        return;
    }
    // Symbolic links are followed, but where they lead must still be under root.
    std::error_code ec;
    const fs::path file = fs::canonical(root / fs::path(target.substr(1)), ec);
    if (ec) {
        refuse(404, "no file " + std::string(target));
        return;
    }
    const fs::path inside = file.lexically_relative(root);
    if (inside.empty() || *inside.begin() == "..") {
        refuse(403, std::string(target) + " leads outside the served directory");
        return;
    }
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, and with it the
    // whole event loop; it changes nothing for the regular files that are served.
    fd_ = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    struct stat st {};
    if (fd_ < 0 || ::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
        refuse(404, std::string(target) + " is not a readable file");
        return;
    }
    body_size_ = static_cast<std::uint64_t>(st.st_size);
    header_ = response_header(200, content_type(file), body_size_, false);
}

std::string FileResponse::summary() const {
    return request_line_ + " -> " + std::to_string(status_) + (status_ == 200 ? ", " + std::to_string(body_size_) + " bytes" : "");
}

FileResponse::~FileResponse() {
    if (fd_ >= 0) ::close(fd_);
}

void FileResponse::refuse(int status, const std::string& why) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    status_ = status;
    error_body_ = std::to_string(status) + " " + reason_phrase(status) + ": " + why + "\n";
    body_size_ = error_body_.size();
    header_ = response_header(status, "text/plain; charset=utf-8", body_size_, status == 405);
}

Bytes FileResponse::next(std::size_t max_size) {
    Bytes out;
    const std::size_t header_part = std::min(max_size, header_.size() - header_sent_);
    out.insert(out.end(), header_.begin() + static_cast<std::ptrdiff_t>(header_sent_),
               header_.begin() + static_cast<std::ptrdiff_t>(header_sent_ + header_part));
    header_sent_ += header_part;
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(max_size - out.size(), body_size_ - body_sent_));
    if (want == 0) return out;
    if (fd_ < 0) {
        out.insert(out.end(), error_body_.begin() + static_cast<std::ptrdiff_t>(body_sent_),
                   error_body_.begin() + static_cast<std::ptrdiff_t>(body_sent_ + want));
        body_sent_ += want;
        return out;
    }
    const std::size_t at = out.size();
    out.resize(at + want);
    for (std::size_t got = 0; got < want;) {
        const ssize_t n = ::read(fd_, out.data() + at + got, want - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw Error(std::string("--files: reading the file: ") + std::strerror(errno));
        if (n == 0) throw Error("--files: the file became shorter while it was being sent");
        got += static_cast<std::size_t>(n);
    }
    body_sent_ += want;
    return out;
}

}  // namespace lucid::tools
