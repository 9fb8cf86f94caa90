// The RFC 5246 §4 presentation language, as a Reader and a Writer.
//
//   uint8 / uint16 / uint24 / uint32 / uint64      big-endian integers (§4.4)
//   opaque fixed[N];                                fixed-length vector (§4.3)
//   opaque variable<min..max>;                      a length prefix of 1, 2 or 3 bytes, then data
//
// Every parser in lucidtls reads through Reader and every message is built with Writer, so no
// offset or length is counted by hand. Reader never reads past its input: each read checks what
// is left first and throws TlsError(decode_error) naming what was being read and the offset.
// Writer's prefixed() writes a length-prefixed block from a lambda and fills in the length when
// the block ends (Go's cryptobyte builders work the same way).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "crypto/bytes.h"

namespace lucid::record {

class Reader {
public:
    // what: a name for error messages ("ClientHello"); base_offset: where data starts in the
    // enclosing message, so that offsets in errors and traces are absolute.
    explicit Reader(ByteView data, std::string what = "message", std::size_t base_offset = 0);

    std::uint8_t u8(std::string_view field = "uint8");
    std::uint16_t u16(std::string_view field = "uint16");
    std::uint32_t u24(std::string_view field = "uint24");
    std::uint32_t u32(std::string_view field = "uint32");
    std::uint64_t u64(std::string_view field = "uint64");

    // The next n bytes, as a view into the input.
    ByteView bytes(std::size_t n, std::string_view field = "opaque");
    template <std::size_t N>
    std::array<std::uint8_t, N> fixed(std::string_view field = "opaque") {
        ByteView v = bytes(N, field);
        std::array<std::uint8_t, N> out{};
        for (std::size_t i = 0; i < N; ++i) out[i] = v[i];
        return out;
    }

    // opaque field<min..max> with a length prefix of prefix_width (1, 2 or 3) bytes: checks the
    // bounds and returns a Reader over exactly the contents, named after the field.
    Reader vec(int prefix_width, std::size_t min, std::size_t max, std::string_view field);
    // The same, returning the contents as a view.
    ByteView vec_bytes(int prefix_width, std::size_t min, std::size_t max, std::string_view field);

    // decode_error unless every byte was consumed ("trailing bytes after ...").
    void expect_end() const;

    bool empty() const { return pos_ == data_.size(); }
    std::size_t remaining() const { return data_.size() - pos_; }
    std::size_t offset() const { return base_offset_ + pos_; }  // absolute offset of the next byte
    ByteView rest() const { return data_.subspan(pos_); }
    const std::string& what() const { return what_; }

private:
    void need(std::size_t n, std::string_view field) const;
    std::uint64_t uint(std::size_t width, std::string_view field);

    ByteView data_;
    std::size_t pos_ = 0;
    std::string what_;
    std::size_t base_offset_ = 0;
};

class Writer {
public:
    void u8(std::uint8_t v);
    void u16(std::uint16_t v);
    void u24(std::uint32_t v);  // throws lucid::Error if v does not fit in 24 bits
    void u32(std::uint32_t v);
    void u64(std::uint64_t v);
    void bytes(ByteView data);

    // A length-prefixed block: writes a placeholder length of prefix_width bytes, runs body on
    // this writer, then writes the real length. Throws lucid::Error if the contents exceed the
    // prefix's range or max (a programming error: we never build an oversized message).
    void prefixed(int prefix_width, const std::function<void(Writer&)>& body,
                  std::size_t max = SIZE_MAX);
    // Shorthand for a prefixed block holding just these bytes.
    void vec(int prefix_width, ByteView data) {
        prefixed(prefix_width, [&](Writer& w) { w.bytes(data); });
    }

    const Bytes& data() const { return out_; }
    Bytes take() { return std::move(out_); }
    std::size_t size() const { return out_.size(); }

private:
    Bytes out_;
};

}  // namespace lucid::record
