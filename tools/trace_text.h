// --trace: the text trace, a TraceSink (handshake/trace.h) that writes every record, every
// handshake message field by field, every derivation and every note, for a student to read beside
// RFC 5246.
//
// What it looks like (a ClientHello, abridged):
//
//   == client -> server   step 1 of 12: ClientHello   (209 bytes)          RFC 5246 §7.4.1.2
//     +0000  msg_type                  01                 client_hello (1)
//     +0001  length                    00 00 cd           205
//     +0004  client_version            03 03              TLS 1.2 (0x0303)
//     +0006  random                                       32 bytes
//     +0006    gmt_unix_time           65 92 00 80        1704067200
//     +000a    random_bytes                               28 bytes
//                c1 4f 2e 73 8b 96 5c 57  ee 40 7e 28 2a 32 13 d9
//                90 2f 69 d1 5a ef 36 a2  be 0d 0f e0
//
// Offsets are from the start of the message (its 4-byte header) or of the record (its 5-byte
// header), in hex. Short fields show their bytes on the line; longer ones below, 16 per line.
//
// Notes may have several lines (the verified chain, one line per certificate): the first follows
// "note:", the others are indented under it.
//
// Secrets: the trace sees secret values only if wants_secrets() is true, which it is only with
// --show-secrets (the engine does not hand them over otherwise).
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include "handshake/engine.h"
#include "handshake/trace.h"

namespace lucid::tools {

struct TextTraceOptions {
    handshake::Role role = handshake::Role::client;  // who is tracing: names the arrows
    bool show_secrets = false;                       // --show-secrets
    std::string prefix;                              // put before every line ("[conn 3] ")
    // A field longer than this many lines of hex shows the first lines and how many bytes follow
    // (its offset and length still say where every byte is). 0 = no limit.
    std::size_t max_hex_lines = 8;
    // --full: no value is cut, whatever max_hex_lines says. --show-secrets implies it: a teacher
    // who asks for the secrets (the DHE shared secret Z, the keys) needs every byte of them.
    bool full = false;
};

class TextTrace final : public handshake::TraceSink {
public:
    TextTrace(std::ostream& out, TextTraceOptions options);

    bool wants_secrets() const override { return options_.show_secrets; }
    void on_record(const handshake::RecordTrace& record) override;
    void on_message(const handshake::MessageTrace& message) override;
    void on_derivation(const handshake::DerivationTrace& derivation) override;
    void on_note(const handshake::NoteTrace& note) override;
    // RFC 5746: a heading above the second (third ...) handshake, so it reads as its own ladder.
    void on_renegotiation(const handshake::RenegotiationTrace& r) override;

private:
    std::string arrow(handshake::Direction d) const;  // "client -> server"
    void field(const handshake::Field& f, ByteView raw, int depth);
    void hex_block(ByteView bytes, std::size_t indent, bool with_text);
    void value(const handshake::TraceValue& v, std::string_view role, int depth);
    void line(const std::string& text);
    // A note of one or more lines, laid out under `lead` ("   note: ") and ended by `section`.
    void note_lines(const std::string& lead, const std::string& text, const std::string& section);
    bool cuts_values() const { return !options_.full && !options_.show_secrets && options_.max_hex_lines > 0; }

    std::ostream& out_;
    TextTraceOptions options_;
};

}  // namespace lucid::tools
