// --html FILE: the illustrated connection, a TraceSink (handshake/trace.h) that keeps every event
// and renders them as ONE self-contained HTML page: no external script, font, style or image, so
// it opens offline, prints on paper and reads with JavaScript off (<details>/<summary>; the small
// inline script only adds highlighting and expand/collapse buttons).
//
// The page, top to bottom:
//   - what connection this is, and whether secrets are shown (and why they are hidden if not);
//   - the sequence diagram (tools/sequence_diagram.h), each arrow a link to its block;
//   - every record and every message in wire order: for a message, its bytes in hex with each
//     field's bytes marked, and a table of fields (offset, name, bytes, meaning, RFC section);
//     the coverage check (tools/trace_coverage.h) says that no byte is unexplained, or which are;
//   - every derivation with its inputs and outputs and two commands that recompute it, one with
//     lucid and one with openssl (tools/recompute_commands.h), also under each protected record.
//
// The page is a pure function of the events and the options: the same connection (--seed) gives
// the same bytes, which is what lets docs/connections/ be regenerated and compared by a test.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "handshake/engine.h"
#include "handshake/trace.h"

namespace lucid::tools {

struct HtmlTraceOptions {
    handshake::Role role = handshake::Role::client;  // who traced: names the arrows
    bool show_secrets = false;                       // --show-secrets
    std::string title = "A TLS 1.2 connection";
    std::string origin;             // how the page was made: "lucid illustrate vectors/tls/..."
    std::string observer;           // who computed the derivations; empty: the role's name
    std::string server_key_file;    // for the premaster commands (pkeyutl); empty: unknown
    std::string warning;            // a sentence shown first, in a box (e.g. secrets in a served page)
};

class HtmlTrace final : public handshake::TraceSink {
public:
    explicit HtmlTrace(HtmlTraceOptions options);

    bool wants_secrets() const override { return options_.show_secrets; }
    void on_record(const handshake::RecordTrace& record) override { events_.emplace_back(record); }
    void on_message(const handshake::MessageTrace& message) override { events_.emplace_back(message); }
    void on_derivation(const handshake::DerivationTrace& derivation) override { events_.emplace_back(derivation); }
    void on_note(const handshake::NoteTrace& note) override { events_.emplace_back(note); }

    // Known only after the events (a replayed recording names its key file): set before render().
    void set_server_key_file(std::string path) { options_.server_key_file = std::move(path); }

    // The whole page, from everything received so far.
    std::string render() const;
    // Writes render() to path; throws lucid::Error if it cannot.
    void write(const std::string& path) const;

    using Event = std::variant<handshake::RecordTrace, handshake::MessageTrace, handshake::DerivationTrace,
                               handshake::NoteTrace>;
    const std::vector<Event>& events() const { return events_; }

private:
    HtmlTraceOptions options_;
    std::vector<Event> events_;
};

}  // namespace lucid::tools
