#include "conformance/wire_diff.h"

#include <algorithm>
#include <cstdio>

#include "crypto/hex.h"
#include "handshake/messages/handshake_type.h"
#include "record/record.h"

namespace lucid::conformance {

using handshake::describe_handshake_message;
using handshake::Field;
using handshake::handshake_type_name;

namespace {

std::string hex_byte(ByteView v, std::size_t i) {
    if (i >= v.size()) return "(end of stream)";
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned>(v[i]));
    return buf;
}

// The path of the deepest field of `f` that contains offset, "ClientHello.random.random_bytes".
std::string field_path(const Field& f, std::size_t offset) {
    for (const Field& c : f.children) {
        if (offset >= c.offset && offset < c.offset + c.length) return f.name + "." + field_path(c, offset);
    }
    return f.name;
}

// Inside one handshake record in the clear: the message and field holding byte `at` of the fragment.
std::string locate_in_handshake(ByteView fragment, std::size_t at) {
    std::size_t start = 0;
    while (start + 4 <= fragment.size()) {
        const std::size_t length = static_cast<std::size_t>(fragment[start + 1]) << 16 |
                                   static_cast<std::size_t>(fragment[start + 2]) << 8 | fragment[start + 3];
        const std::size_t end = std::min(fragment.size(), start + 4 + length);
        if (at < end) {
            const ByteView message = fragment.subspan(start, end - start);
            Field root;
            try {
                describe_handshake_message(message[0], message, root);
            } catch (const std::exception&) {
                // A message cut by the record boundary or malformed: the tree holds what parsed.
            }
            if (root.name.empty()) root.name = handshake_type_name(message[0]);
            return field_path(root, at - start) + ", byte " + std::to_string(at - start) + " of the message";
        }
        start = end;
    }
    return "byte " + std::to_string(at) + " of the fragment";
}

}  // namespace

std::optional<std::string> first_difference(std::string_view label, ByteView recorded, ByteView actual) {
    const auto mismatch = std::mismatch(recorded.begin(), recorded.end(), actual.begin(), actual.end());
    if (mismatch.first == recorded.end() && mismatch.second == actual.end()) return std::nullopt;
    const std::size_t at = static_cast<std::size_t>(mismatch.first - recorded.begin());
    const std::string values = ": recorded " + hex_byte(recorded, at) + ", now " + hex_byte(actual, at) +
                               " (recorded " + std::to_string(recorded.size()) + " bytes, now " +
                               std::to_string(actual.size()) + ")";
    std::string where = std::string(label) + ": first difference at byte " + std::to_string(at);

    // RFC 5246 §6.2.1: walk the records of the recorded stream.
    std::size_t start = 0;
    int index = 0;
    bool encrypted = false;
    while (start + record::record_header_length <= recorded.size()) {
        const record::RecordHeader h = record::parse_record_header(recorded.subspan(start, record::record_header_length));
        const std::size_t end = std::min(recorded.size(), start + record::record_header_length + h.length);
        if (at < end) {
            where += ", record " + std::to_string(index) + " (" + record::content_type_name(h.type) +
                     (encrypted ? ", encrypted" : "") + ")";
            const std::size_t in_record = at - start;
            if (in_record < record::record_header_length) {
                static const char* names[] = {"type", "version", "version", "length", "length"};
                return where + ", header field " + names[in_record] + values;
            }
            const std::size_t in_fragment = in_record - record::record_header_length;
            if (h.type == record::ContentType::handshake && !encrypted) {
                const ByteView fragment = recorded.subspan(start + record::record_header_length,
                                                           end - start - record::record_header_length);
                return where + ", " + locate_in_handshake(fragment, in_fragment) + values;
            }
            return where + ", byte " + std::to_string(in_fragment) + " of the fragment" + values;
        }
        if (h.type == record::ContentType::change_cipher_spec) encrypted = true;
        start = end;
        ++index;
    }
    return where + " (after the last whole record)" + values;
}

}  // namespace lucid::conformance
