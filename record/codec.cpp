#include "record/codec.h"

#include "crypto/error.h"
#include "record/tls_error.h"

namespace lucid::record {

Reader::Reader(ByteView data, std::string what, std::size_t base_offset)
    : data_(data), what_(std::move(what)), base_offset_(base_offset) {}

void Reader::need(std::size_t n, std::string_view field) const {
    if (remaining() < n) {
        throw TlsError(AlertDescription::decode_error,
                       what_ + ": truncated while reading " + std::string(field) + " at offset " +
                           std::to_string(offset()) + ": need " + std::to_string(n) + " byte(s), " +
                           std::to_string(remaining()) + " left");
    }
}

std::uint64_t Reader::uint(std::size_t width, std::string_view field) {
    need(width, field);
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < width; ++i) v = (v << 8) | data_[pos_ + i];
    pos_ += width;
    return v;
}

std::uint8_t Reader::u8(std::string_view field) { return static_cast<std::uint8_t>(uint(1, field)); }
std::uint16_t Reader::u16(std::string_view field) { return static_cast<std::uint16_t>(uint(2, field)); }
std::uint32_t Reader::u24(std::string_view field) { return static_cast<std::uint32_t>(uint(3, field)); }
std::uint32_t Reader::u32(std::string_view field) { return static_cast<std::uint32_t>(uint(4, field)); }
std::uint64_t Reader::u64(std::string_view field) { return uint(8, field); }

ByteView Reader::bytes(std::size_t n, std::string_view field) {
    need(n, field);
    ByteView v = data_.subspan(pos_, n);
    pos_ += n;
    return v;
}

ByteView Reader::vec_bytes(int prefix_width, std::size_t min, std::size_t max, std::string_view field) {
    if (prefix_width < 1 || prefix_width > 3) throw Error("Reader::vec: prefix width must be 1, 2 or 3");
    const std::size_t length_offset = offset();
    const std::size_t length = uint(static_cast<std::size_t>(prefix_width),
                                    std::string(field) + " length");
    if (length < min || length > max) {
        throw TlsError(AlertDescription::decode_error,
                       what_ + ": " + std::string(field) + " at offset " + std::to_string(length_offset) +
                           " has length " + std::to_string(length) + ", allowed " + std::to_string(min) +
                           ".." + std::to_string(max));
    }
    return bytes(length, field);
}

Reader Reader::vec(int prefix_width, std::size_t min, std::size_t max, std::string_view field) {
    ByteView contents = vec_bytes(prefix_width, min, max, field);
    return Reader(contents, what_ + "." + std::string(field), offset() - contents.size());
}

void Reader::expect_end() const {
    if (!empty()) {
        throw TlsError(AlertDescription::decode_error,
                       what_ + ": " + std::to_string(remaining()) + " trailing byte(s) at offset " +
                           std::to_string(offset()));
    }
}

void Writer::u8(std::uint8_t v) { out_.push_back(v); }
void Writer::u16(std::uint16_t v) {
    out_.push_back(static_cast<std::uint8_t>(v >> 8));
    out_.push_back(static_cast<std::uint8_t>(v));
}
void Writer::u24(std::uint32_t v) {
    if (v > 0xFFFFFF) throw Error("Writer::u24: value does not fit in 24 bits");
    out_.push_back(static_cast<std::uint8_t>(v >> 16));
    out_.push_back(static_cast<std::uint8_t>(v >> 8));
    out_.push_back(static_cast<std::uint8_t>(v));
}
void Writer::u32(std::uint32_t v) {
    u16(static_cast<std::uint16_t>(v >> 16));
    u16(static_cast<std::uint16_t>(v));
}
void Writer::u64(std::uint64_t v) {
    u32(static_cast<std::uint32_t>(v >> 32));
    u32(static_cast<std::uint32_t>(v));
}
void Writer::bytes(ByteView data) { out_.insert(out_.end(), data.begin(), data.end()); }

void Writer::prefixed(int prefix_width, const std::function<void(Writer&)>& body, std::size_t max) {
    if (prefix_width < 1 || prefix_width > 3) throw Error("Writer::prefixed: prefix width must be 1, 2 or 3");
    const std::size_t width = static_cast<std::size_t>(prefix_width);
    const std::size_t start = out_.size();
    out_.resize(start + width, 0);
    body(*this);
    const std::size_t length = out_.size() - start - width;
    const std::size_t limit = (std::size_t{1} << (8 * width)) - 1;
    if (length > limit || length > max) {
        throw Error("Writer::prefixed: block of " + std::to_string(length) + " bytes exceeds its limit of " +
                    std::to_string(std::min(limit, max)));
    }
    for (std::size_t i = 0; i < width; ++i) {
        out_[start + i] = static_cast<std::uint8_t>(length >> (8 * (width - 1 - i)));
    }
}

}  // namespace lucid::record
