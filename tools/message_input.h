// The message a command such as `lucid hash` works on: exactly one of --hex HEX, a FILE, or "-"
// for standard input. Files and standard input are read in chunks and handed to a sink, so that
// hashing a large file never holds it whole in memory.
#pragma once

#include <cstddef>
#include <functional>

#include "crypto/bytes.h"
#include "tools/args.h"

namespace lucid::tools {

// The flag this helper reads; commands list it among their flags.
inline constexpr FlagSpec message_hex_flag = {"hex", true, "the message in hex (instead of FILE or -)"};

// Feeds the message to sink, in one or more pieces. The message source is --hex, or the
// positional argument at index first_source ("-" is standard input). Throws UsageError when
// none or more than one source is given, the hex is bad, or the file cannot be read.
void read_message(const Args& args, std::size_t first_source, const std::function<void(ByteView)>& sink);

}  // namespace lucid::tools
