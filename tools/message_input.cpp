#include "tools/message_input.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

namespace lucid::tools {

namespace {

void read_stream(std::istream& in, const std::string& name, const std::function<void(ByteView)>& sink) {
    std::array<char, 65536> chunk;
    while (in) {
        in.read(chunk.data(), chunk.size());
        const std::size_t got = static_cast<std::size_t>(in.gcount());
        if (got > 0) sink(as_bytes(std::string_view(chunk.data(), got)));
    }
    if (in.bad()) throw UsageError("cannot read " + name);
}

}  // namespace

void read_message(const Args& args, std::size_t first_source, const std::function<void(ByteView)>& sink) {
    const std::size_t sources = args.positional.size() > first_source ? args.positional.size() - first_source : 0;
    const bool has_hex = args.has("hex");
    if (sources + (has_hex ? 1 : 0) == 0) throw UsageError("no message: give --hex HEX, a FILE, or - for standard input");
    if (sources + (has_hex ? 1 : 0) > 1) throw UsageError("give only one message: --hex HEX, a FILE, or -");

    if (has_hex) {
        sink(args.hex("hex"));
        return;
    }
    const std::string& source = args.positional[first_source];
    if (source == "-") {
        read_stream(std::cin, "standard input", sink);
        return;
    }
    std::ifstream file(source, std::ios::binary);
    if (!file) throw UsageError("cannot open " + source + ": " + std::strerror(errno));
    read_stream(file, source, sink);
}

}  // namespace lucid::tools
