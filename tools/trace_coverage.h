// "Every byte explained": checks that the field tree of a traced message accounts for each of its
// bytes (handshake/trace.h). A leaf field (one without children) explains the bytes it covers; a
// message is fully explained when the leaves cover [0, raw.size()) and no field lies outside its
// parent or the message. The text trace flags any gap; a test asserts there is none.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "handshake/trace.h"

namespace lucid::tools {

struct ByteRange {
    std::size_t begin = 0;  // first byte
    std::size_t end = 0;    // one past the last
};

struct Coverage {
    std::vector<ByteRange> unexplained;  // bytes of the message no leaf covers, as ranges
    std::vector<std::string> problems;   // "field 'random' (+0006, 40 bytes) ends after its parent"
    bool complete() const { return unexplained.empty() && problems.empty(); }
};

Coverage check_coverage(const handshake::MessageTrace& message);

// "+0040..+0043" (inclusive), the way the trace prints offsets.
std::string range_text(const ByteRange& r);

}  // namespace lucid::tools
