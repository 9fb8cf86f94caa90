// FieldReader: record::Reader that also writes down what it read, as a trace Field tree.
//
// Every handshake parser reads through a FieldReader. Each read names the field, and when a tree
// is being built (tracing is on) it appends a Field with the absolute offset and length of the
// bytes just read and a human reading of the value. Because the same call reads the value and
// records the annotation, the trace cannot describe bytes the parser did not read.
//
// Length-prefixed vectors are read with a callback, so that a sub-tree is finished before its
// parent goes on:
//
//     r.vec(2, 2, 0xFFFE, "cipher_suites", [&](FieldReader& list) {
//         while (!list.empty()) suites.push_back(list.u16("cipher_suite", describe_suite));
//     });
//
// The vector's Field covers the length prefix and the contents; its first child is the length.
// With a null tree nothing is recorded and the parser works exactly the same.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "crypto/bytes.h"
#include "handshake/trace.h"
#include "record/codec.h"

namespace lucid::handshake {

class FieldReader {
public:
    template <typename T>
    using Describe = std::function<std::string(T)>;

    // node: the Field that receives the children (may be null). base_offset: where data starts
    // in the message whose bytes the tree describes.
    FieldReader(ByteView data, std::string what, std::size_t base_offset, Field* node);

    std::uint8_t u8(std::string_view name, const Describe<std::uint8_t>& describe = {});
    std::uint16_t u16(std::string_view name, const Describe<std::uint16_t>& describe = {});
    std::uint32_t u24(std::string_view name, const Describe<std::uint32_t>& describe = {});
    std::uint32_t u32(std::string_view name, const Describe<std::uint32_t>& describe = {});
    ByteView bytes(std::size_t n, std::string_view name, const Describe<ByteView>& describe = {});
    template <std::size_t N>
    std::array<std::uint8_t, N> fixed(std::string_view name, const Describe<ByteView>& describe = {}) {
        ByteView v = bytes(N, name, describe);
        std::array<std::uint8_t, N> out{};
        for (std::size_t i = 0; i < N; ++i) out[i] = v[i];
        return out;
    }

    // opaque/struct name<min..max> with a prefix_width-byte length: runs body over exactly the
    // contents (body must consume them all, or decode_error) and returns the contents.
    ByteView vec(int prefix_width, std::size_t min, std::size_t max, std::string_view name,
                 const std::function<void(FieldReader&)>& body);
    // The same for an opaque vector read as a whole.
    ByteView vec_bytes(int prefix_width, std::size_t min, std::size_t max, std::string_view name,
                       const Describe<ByteView>& describe = {});

    // A group of fields that is not a vector on the wire (one extension, one struct): its Field
    // covers the bytes body reads.
    void group(std::string_view name, const std::function<void(FieldReader&)>& body);

    // Gives the Field just recorded (or the enclosing node) a value / a note after the fact.
    void set_value(std::string value);
    void set_note(std::string note);
    void note_last(std::string note);

    void expect_end() const { reader_.expect_end(); }
    bool empty() const { return reader_.empty(); }
    std::size_t remaining() const { return reader_.remaining(); }
    std::size_t offset() const { return reader_.offset(); }
    const std::string& what() const { return reader_.what(); }
    Field* node() { return node_; }

private:
    void record(std::string_view name, std::size_t offset, std::size_t length, std::string value);

    record::Reader reader_;
    Field* node_;
};

// "48 bytes", used as the reading of opaque blobs.
std::string describe_length(ByteView v);
// The bytes as hex, shortened for long values.
std::string describe_hex(ByteView v);
// "TLS 1.2 (0x0303)"
std::string describe_version(std::uint16_t v);

}  // namespace lucid::handshake
