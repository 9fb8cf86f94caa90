#include "tools/trace_coverage.h"

#include <cstdio>

namespace lucid::tools {

namespace {

std::string offset_text(std::size_t offset) {
    char text[16];
    std::snprintf(text, sizeof text, "+%04zx", offset);
    return text;
}

void visit(const handshake::Field& field, std::size_t parent_begin, std::size_t parent_end,
           std::vector<bool>& covered, Coverage& out) {
    const std::size_t end = field.offset + field.length;
    if (field.offset < parent_begin || end > parent_end) {
        out.problems.push_back("field '" + field.name + "' (" + offset_text(field.offset) + ", " +
                               std::to_string(field.length) + " bytes) lies outside its parent (" +
                               offset_text(parent_begin) + ".." + offset_text(parent_end) + ")");
    }
    if (field.children.empty()) {
        for (std::size_t i = field.offset; i < end && i < covered.size(); ++i) covered[i] = true;
        return;
    }
    for (const handshake::Field& child : field.children) visit(child, field.offset, end, covered, out);
}

}  // namespace

Coverage check_coverage(const handshake::MessageTrace& message) {
    Coverage out;
    std::vector<bool> covered(message.raw.size(), false);
    visit(message.root, 0, message.raw.size(), covered, out);
    for (std::size_t i = 0; i < covered.size();) {
        if (covered[i]) {
            ++i;
            continue;
        }
        ByteRange gap{i, i};
        while (gap.end < covered.size() && !covered[gap.end]) ++gap.end;
        out.unexplained.push_back(gap);
        i = gap.end;
    }
    return out;
}

std::string range_text(const ByteRange& r) {
    if (r.end <= r.begin + 1) return offset_text(r.begin);
    return offset_text(r.begin) + ".." + offset_text(r.end - 1);
}

}  // namespace lucid::tools
