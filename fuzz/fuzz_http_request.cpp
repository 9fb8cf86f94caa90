// Fuzz target: what `lucid server --www` and `--files` read from a client (tools/www_page.h,
// tools/file_response.h): the request header collected in pieces, then the request line resolved
// under a served directory and the whole response pulled.
// Input: byte 0 is the size of the pieces (0: all at once); the rest is what the client sends.
//
// The property checked: only the two files under the served directory are ever served (200). The
// directory also holds a symbolic link to a file outside it, and that file lies beside it, so a
// path that escapes (.., the link) has somewhere to go; serving it is a __builtin_trap().
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "fuzz/fuzz_support.h"
#include "tools/file_response.h"
#include "tools/www_page.h"

namespace {

namespace fs = std::filesystem;

struct Served {
    fs::path root;
    Served() {
        char pattern[] = "/tmp/lucid_fuzz_http.XXXXXX";
        if (::mkdtemp(pattern) == nullptr) std::abort();
        const fs::path base = pattern;
        fs::create_directories(base / "root" / "sub");
        std::ofstream(base / "root" / "a") << std::string(100, 'a');
        std::ofstream(base / "root" / "sub" / "b.html") << std::string(20000, 'b');
        std::ofstream(base / "secret") << std::string(7, 's');
        fs::create_symlink(base / "secret", base / "root" / "out");
        root = lucid::tools::served_root((base / "root").string());
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lucid;
    static const Served served;
    if (size < 1) return 0;
    const std::size_t piece = data[0] ? data[0] : size;
    tools::HttpRequestReader reader;
    tools::HttpRequestReader::Status status = tools::HttpRequestReader::Status::need_more;
    for (std::size_t at = 1; at < size && status == tools::HttpRequestReader::Status::need_more; at += piece) {
        status = reader.add(fuzz::input(data + at, std::min(piece, size - at)));
    }
    tools::FileResponse response(served.root, reader.request_line());
    response.summary();
    if (response.status() == 200 && response.body_size() != 100 && response.body_size() != 20000) __builtin_trap();
    fuzz::rejecting_is_fine([&] {
        while (!response.finished()) {
            if (response.next(16384).empty()) __builtin_trap();  // a piece must make progress
        }
    });
    return 0;
}
