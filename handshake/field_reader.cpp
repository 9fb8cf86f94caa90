#include "handshake/field_reader.h"

#include <cstdio>

#include "crypto/hex.h"
#include "record/record.h"

namespace lucid::handshake {

FieldReader::FieldReader(ByteView data, std::string what, std::size_t base_offset, Field* node)
    : reader_(data, std::move(what), base_offset), node_(node) {}

void FieldReader::record(std::string_view name, std::size_t offset, std::size_t length, std::string value) {
    if (node_ == nullptr) return;
    Field f;
    f.name = std::string(name);
    f.offset = offset;
    f.length = length;
    f.value = std::move(value);
    node_->children.push_back(std::move(f));
}

std::uint8_t FieldReader::u8(std::string_view name, const Describe<std::uint8_t>& describe) {
    const std::size_t at = reader_.offset();
    const std::uint8_t v = reader_.u8(name);
    if (node_) record(name, at, 1, describe ? describe(v) : std::to_string(v));
    return v;
}

std::uint16_t FieldReader::u16(std::string_view name, const Describe<std::uint16_t>& describe) {
    const std::size_t at = reader_.offset();
    const std::uint16_t v = reader_.u16(name);
    if (node_) record(name, at, 2, describe ? describe(v) : std::to_string(v));
    return v;
}

std::uint32_t FieldReader::u24(std::string_view name, const Describe<std::uint32_t>& describe) {
    const std::size_t at = reader_.offset();
    const std::uint32_t v = reader_.u24(name);
    if (node_) record(name, at, 3, describe ? describe(v) : std::to_string(v));
    return v;
}

std::uint32_t FieldReader::u32(std::string_view name, const Describe<std::uint32_t>& describe) {
    const std::size_t at = reader_.offset();
    const std::uint32_t v = reader_.u32(name);
    if (node_) record(name, at, 4, describe ? describe(v) : std::to_string(v));
    return v;
}

ByteView FieldReader::bytes(std::size_t n, std::string_view name, const Describe<ByteView>& describe) {
    const std::size_t at = reader_.offset();
    const ByteView v = reader_.bytes(n, name);
    if (node_) record(name, at, n, describe ? describe(v) : describe_hex(v));
    return v;
}

ByteView FieldReader::vec(int prefix_width, std::size_t min, std::size_t max, std::string_view name,
                          const std::function<void(FieldReader&)>& body) {
    const std::size_t at = reader_.offset();
    record::Reader contents = reader_.vec(prefix_width, min, max, name);
    const ByteView data = contents.rest();
    Field* child = nullptr;
    if (node_) {
        record(name, at, reader_.offset() - at, std::to_string(data.size()) + " bytes");
        child = &node_->children.back();
        Field length;
        length.name = "length";
        length.offset = at;
        length.length = static_cast<std::size_t>(prefix_width);
        length.value = std::to_string(data.size());
        child->children.push_back(std::move(length));
    }
    FieldReader sub(data, contents.what(), contents.offset(), child);
    body(sub);
    sub.expect_end();
    return data;
}

ByteView FieldReader::vec_bytes(int prefix_width, std::size_t min, std::size_t max, std::string_view name,
                                const Describe<ByteView>& describe) {
    return vec(prefix_width, min, max, name, [&](FieldReader& sub) {
        const ByteView all = sub.reader_.bytes(sub.remaining(), name);
        if (node_) {
            Field& f = node_->children.back();
            const std::string reading = describe ? describe(all) : describe_hex(all);
            f.value = reading;
            Field contents;
            contents.name = "contents";
            contents.offset = f.offset + static_cast<std::size_t>(prefix_width);
            contents.length = all.size();
            contents.value = reading;
            f.children.push_back(std::move(contents));
        }
    });
}

void FieldReader::group(std::string_view name, const std::function<void(FieldReader&)>& body) {
    const std::size_t at = reader_.offset();
    Field* child = nullptr;
    if (node_) {
        record(name, at, 0, "");
        child = &node_->children.back();
    }
    // The group reads from this reader's own position: a sub-reader over the rest, then skip
    // what it consumed.
    FieldReader sub(reader_.rest(), reader_.what(), at, child);
    body(sub);
    const std::size_t used = sub.offset() - at;
    reader_.bytes(used, name);
    if (child) child->length = used;
}

void FieldReader::set_value(std::string value) {
    if (node_) node_->value = std::move(value);
}

void FieldReader::set_note(std::string note) {
    if (node_) node_->note = std::move(note);
}

void FieldReader::note_last(std::string note) {
    if (node_ && !node_->children.empty()) node_->children.back().note = std::move(note);
}

std::string describe_length(ByteView v) { return std::to_string(v.size()) + " bytes"; }

std::string describe_hex(ByteView v) {
    if (v.empty()) return "(empty)";
    if (v.size() <= 32) return to_hex(v);
    return to_hex(v.first(16)) + "... (" + std::to_string(v.size()) + " bytes)";
}

std::string describe_version(std::uint16_t v) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%04x", static_cast<unsigned>(v));
    const record::ProtocolVersion pv{static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
    return record::version_name(pv) + " (" + hex + ")";
}

}  // namespace lucid::handshake
