#include "tools/trace_text.h"

#include <algorithm>
#include <cstdio>

#include "crypto/hex.h"
#include "handshake/field_reader.h"
#include "record/record.h"
#include "tools/trace_coverage.h"

namespace lucid::tools {

namespace {

using handshake::Direction;
using handshake::Field;

// The columns of a field line:
//   "  +0004  client_version            03 03              TLS 1.2 (0x0303)"
//    ^ offset ^ name (indented by depth) ^ bytes (if short) ^ the value, read for people
constexpr std::size_t offset_width = 9;       // "  +0004  "
constexpr std::size_t name_width = 30;
constexpr std::size_t inline_bytes = 6;       // fields up to this long show their bytes on the line
constexpr std::size_t bytes_width = 19;
constexpr std::size_t header_width = 78;      // where the RFC section goes on a heading line
constexpr std::size_t line_width = 110;       // a note that does not fit goes on its own line

std::string offset_text(std::size_t offset) {
    char text[16];
    std::snprintf(text, sizeof text, "+%04zx", offset);
    return text;
}

std::string spaced_hex(ByteView bytes) {
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i > 0) out += (i % 8 == 0) ? "  " : " ";
        out += to_hex(bytes.subspan(i, 1));
    }
    return out;
}

std::string pad(std::string text, std::size_t width) {
    if (text.size() < width) text.resize(width, ' ');
    else text += ' ';
    return text;
}

// A heading: the words on the left, the RFC section on the right.
std::string heading(const std::string& left, std::string_view section) {
    if (section.empty()) return left;
    return pad(left, header_width) + "  " + std::string(section);
}

bool printable(ByteView bytes) {
    return !bytes.empty() && std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t c) { return c >= 0x20 && c < 0x7f; });
}

std::string escaped_text(ByteView bytes) {
    std::string out;
    for (std::uint8_t c : bytes) out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '.';
    return out;
}

std::string byte_count(std::size_t n) { return std::to_string(n) + (n == 1 ? " byte" : " bytes"); }

// The parsers' default reading of an opaque field (or of a group, such as the Random) is its
// hex, which the trace shows anyway: say how long it is instead.
std::string reading(const Field& f, ByteView bytes) {
    if (!bytes.empty()) {
        const std::string hex = to_hex(bytes);
        if (f.value == hex || (bytes.size() > 16 && f.value.rfind(to_hex(bytes.first(16)) + "...", 0) == 0)) {
            return byte_count(bytes.size());
        }
    }
    return f.value;
}

std::string step_text(int step) {
    if (step <= 0) return {};
    return "step " + std::to_string(step) + " of " + std::to_string(handshake::walkthrough_steps().size()) + ": ";
}

}  // namespace

TextTrace::TextTrace(std::ostream& out, TextTraceOptions options) : out_(out), options_(std::move(options)) {}

std::string TextTrace::arrow(Direction d) const {
    const bool client = options_.role == handshake::Role::client;
    const bool from_client = (d == Direction::sent) == client;
    return from_client ? "client -> server" : "server -> client";
}

void TextTrace::line(const std::string& text) { out_ << options_.prefix << text << "\n"; }

void TextTrace::hex_block(ByteView bytes, std::size_t indent, bool with_text) {
    const std::size_t lines = (bytes.size() + 15) / 16;
    std::size_t shown = lines;
    if (cuts_values() && lines > options_.max_hex_lines) shown = options_.max_hex_lines - 1;
    for (std::size_t i = 0; i < shown; ++i) {
        const ByteView chunk = bytes.subspan(i * 16, std::min<std::size_t>(16, bytes.size() - i * 16));
        std::string text = std::string(indent, ' ') + spaced_hex(chunk);
        if (with_text) text = pad(text, indent + 49) + "|" + escaped_text(chunk) + "|";
        line(text);
    }
    if (shown < lines) {
        line(std::string(indent, ' ') + "... " + std::to_string(bytes.size() - shown * 16) + " more bytes");
    }
}

void TextTrace::field(const Field& f, ByteView raw, int depth) {
    const bool inside = f.offset <= raw.size() && f.length <= raw.size() - f.offset;
    const ByteView bytes = inside ? raw.subspan(f.offset, f.length) : ByteView{};
    const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
    const bool leaf = f.children.empty();
    // Each column starts at a fixed place; a long name pushes the next one right only as far as
    // it must, so the values stay aligned whenever they can.
    std::string text = pad("  " + pad(offset_text(f.offset), offset_width - 2) + indent + f.name, offset_width + name_width);
    const bool short_leaf = leaf && !bytes.empty() && bytes.size() <= inline_bytes;
    if (short_leaf) text += spaced_hex(bytes);
    text = pad(text, offset_width + name_width + bytes_width) + reading(f, bytes);
    if (!f.note.empty() && f.note.find('\n') == std::string::npos && text.size() + f.note.size() + 5 <= line_width) {
        text += "   (" + f.note + ")";
        line(text);
    } else if (!f.note.empty()) {
        line(text);
        note_lines(std::string(offset_width + name_width + bytes_width, ' ') + "(", f.note + ")", "");
    } else {
        line(text);
    }
    if (leaf && !short_leaf && !bytes.empty()) hex_block(bytes, offset_width + indent.size() + 2, false);
    for (const Field& child : f.children) field(child, raw, depth + 1);
}

void TextTrace::value(const handshake::TraceValue& v, std::string_view role, int depth) {
    const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
    std::string text = pad("  " + pad(std::string(role), offset_width - 2) + indent + v.name, offset_width + name_width);
    const std::string size = byte_count(v.size);
    const bool hidden = v.secret && v.value.empty() && v.size > 0;
    std::string note = v.note;
    if (hidden) {
        text += size + ", secret: not shown (--show-secrets shows it)";
    } else if (v.size == 0 && v.value.empty()) {
        text += note;  // a value that is all words: "AES_128_CBC HMAC-SHA1 (explicit IV)"
        note.clear();
    } else if (printable(v.value)) {
        const std::string quoted = "\"" + std::string(v.value.begin(), v.value.end()) + "\"";
        text += quoted;
        if (note == quoted) note.clear();
    } else if (!v.value.empty() && v.value.size() <= inline_bytes) {
        text = pad(text + spaced_hex(v.value), offset_width + name_width + bytes_width) + size;
    } else {
        text += size;
    }
    if (v.secret && !hidden) text += ", SECRET";
    if (!note.empty() && note.find('\n') == std::string::npos) {
        text += "   (" + note + ")";
        line(text);
    } else if (!note.empty()) {
        line(text);
        note_lines(std::string(offset_width + name_width, ' ') + "(", note + ")", "");
    } else {
        line(text);
    }
    if (!hidden && v.value.size() > inline_bytes) hex_block(v.value, offset_width + indent.size() + 2, false);
}

void TextTrace::on_record(const handshake::RecordTrace& r) {
    const record::ContentType type{r.content_type};
    const std::size_t fragment_length = r.wire.size() >= record::record_header_length
                                            ? r.wire.size() - record::record_header_length
                                            : 0;
    line("");
    line(heading("-- " + arrow(r.direction) + "   record " + std::to_string(r.sequence_number) +
                     (r.protected_record ? " (protected)" : "") + ": " + record::content_type_name(type) + ", " +
                     byte_count(fragment_length),
                 r.protected_record ? "RFC 5246 §6.2.3" : "RFC 5246 §6.2.1"));

    // The 5-byte header as fields (RFC 5246 §6.2.1), then the fragment.
    Field root;
    root.length = r.wire.size();
    auto add = [&](std::string name, std::size_t offset, std::size_t length, std::string value) {
        Field f;
        f.name = std::move(name);
        f.offset = offset;
        f.length = length;
        f.value = std::move(value);
        root.children.push_back(std::move(f));
    };
    if (r.wire.size() >= record::record_header_length) {
        add("type", 0, 1, record::content_type_name(type) + " (" + std::to_string(r.content_type) + ")");
        add("version", 1, 2, handshake::describe_version(r.version));
        add("length", 3, 2, std::to_string(fragment_length));
        std::string what;
        if (r.protected_record) {
            what = byte_count(fragment_length) + " as sent: protected, opened below";
        } else if (r.content_type == 22 || r.content_type == 21 || r.content_type == 20) {
            what = byte_count(fragment_length) + " in the clear: the message is traced field by field";
        } else {
            what = byte_count(fragment_length) + " in the clear";
        }
        add("fragment", record::record_header_length, fragment_length, what);
    }
    for (std::size_t i = 0; i < root.children.size(); ++i) {
        const Field& f = root.children[i];
        // A clear message fragment is explained by the message trace: not dumped twice.
        const bool clear_message = i == 3 && !r.protected_record && r.content_type != 23;
        if (clear_message) {
            line("  " + pad(offset_text(f.offset), offset_width - 2) + pad(f.name, name_width) +
                 pad("", bytes_width) + f.value);
        } else {
            field(f, r.wire, 0);
        }
    }
    if (r.protected_record) {
        for (const handshake::TraceValue& v : r.details) value(v, "", 1);
        const bool text = r.content_type == 23;
        line("  " + pad("", offset_width - 2) + pad("  plaintext", name_width) + pad("", bytes_width) +
             byte_count(r.plaintext.size()) + (text ? ", as text on the right" : ""));
        hex_block(r.plaintext, offset_width + 4, text);
    } else if (r.content_type == 23) {
        hex_block(r.plaintext, offset_width + 4, true);
    }
    out_.flush();
}

void TextTrace::on_message(const handshake::MessageTrace& m) {
    line("");
    line(heading("== " + arrow(m.direction) + "   " + step_text(m.step) + m.name + "   (" + byte_count(m.raw.size()) + ")",
                 m.rfc_section));
    if (m.root.children.empty()) {
        Field whole = m.root;
        whole.name = whole.name.empty() ? "body" : whole.name;
        whole.offset = 0;
        whole.length = m.raw.size();
        field(whole, m.raw, 0);
    } else {
        for (const Field& f : m.root.children) field(f, m.raw, 0);
    }
    const Coverage coverage = check_coverage(m);
    for (const ByteRange& gap : coverage.unexplained) {
        line("  !! bytes " + range_text(gap) + " are not explained by any field");
    }
    for (const std::string& problem : coverage.problems) line("  !! " + problem);
    out_.flush();
}

void TextTrace::on_derivation(const handshake::DerivationTrace& d) {
    line("");
    line(heading("== " + std::string(options_.role == handshake::Role::client ? "client" : "server") +
                     " computes   " + step_text(d.step) + d.name,
                 d.rfc_section));
    for (const handshake::TraceValue& v : d.inputs) value(v, "in", 0);
    for (const handshake::TraceValue& v : d.outputs) value(v, "out", 0);
    out_.flush();
}

void TextTrace::note_lines(const std::string& lead, const std::string& text, const std::string& section) {
    const std::string indent(lead.size(), ' ');
    std::size_t start = 0;
    bool first = true;
    for (;;) {
        const std::size_t end = text.find('\n', start);
        std::string part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        // The section goes on the first line, where the reader's eye starts.
        if (first && !section.empty()) part += " (" + section + ")";
        line((first ? lead : indent) + part);
        first = false;
        if (end == std::string::npos) break;
        start = end + 1;
    }
}

void TextTrace::on_renegotiation(const handshake::RenegotiationTrace& r) {
    line("");
    line(std::string(header_width, '='));
    line(heading("renegotiation " + std::to_string(r.number) + ": a new handshake under the current keys; " + r.reason,
                 "RFC 5746"));
    line(std::string(header_width, '='));
    out_.flush();
}

void TextTrace::on_note(const handshake::NoteTrace& n) {
    std::string text = n.text;
    while (!text.empty() && text.back() == '\n') text.pop_back();
    note_lines("   note: ", text, n.rfc_section);
    out_.flush();
}

}  // namespace lucid::tools
