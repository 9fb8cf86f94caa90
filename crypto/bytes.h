// Byte strings: the one vocabulary every layer shares.
//
// Bytes owns its memory; ByteView is a read-only window into someone else's (a record, a
// certificate, a vector file). Functions take ByteView and return Bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lucid {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;
using MutableByteView = std::span<std::uint8_t>;

// The bytes of a string, as they are (no terminator). For labels such as "master secret".
inline ByteView as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

inline Bytes to_bytes(std::string_view s) {
    ByteView v = as_bytes(s);
    return Bytes(v.begin(), v.end());
}

// a || b || ...: the concatenation the RFCs write as "+".
inline Bytes concat(std::initializer_list<ByteView> parts) {
    Bytes out;
    std::size_t total = 0;
    for (ByteView p : parts) total += p.size();
    out.reserve(total);
    for (ByteView p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

inline void append(Bytes& out, ByteView more) { out.insert(out.end(), more.begin(), more.end()); }

}  // namespace lucid
