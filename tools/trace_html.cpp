#include "tools/trace_html.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "handshake/cipher_suites.h"
#include "handshake/field_reader.h"
#include "record/record.h"
#include "tools/html_escape.h"
#include "tools/offered_names.h"
#include "tools/recompute_commands.h"
#include "tools/sequence_diagram.h"
#include "tools/trace_coverage.h"

namespace lucid::tools {

namespace {

using handshake::DerivationTrace;
using handshake::Direction;
using handshake::Field;
using handshake::MessageTrace;
using handshake::NoteTrace;
using handshake::RecordTrace;
using handshake::TraceValue;

constexpr const char* style = R"css(
body { font: 15px/1.45 sans-serif; max-width: 70em; margin: 1em auto; padding: 0 1em; color: #111; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; }
code, pre, .hex, td.b { font-family: monospace; font-size: 13px; } td.b { white-space: nowrap; }
.warning { border: 2px solid #b00; background: #fee; padding: .5em 1em; }
.secrets { border: 1px solid #888; background: #f4f4f4; padding: .5em 1em; }
details { border: 1px solid #ccc; border-radius: 4px; margin: .4em 0; padding: .2em .6em; page-break-inside: avoid; }
details.record { border-left: 4px solid #89a; } details.message { border-left: 4px solid #2a6; }
details.derivation { border-left: 4px solid #c90; background: #fffdf3; }
summary { cursor: pointer; font-weight: bold; } summary .rfc { float: right; font-weight: normal; color: #555; }
.from-server summary { text-align: left; } .dir { color: #555; font-weight: normal; }
table { border-collapse: collapse; margin: .3em 0; } td, th { padding: 1px 6px; vertical-align: top; text-align: left; }
tr:target, tr.hl { background: #ffef99; } .hex a { color: inherit; text-decoration: none; }
.hex { white-space: pre; line-height: 1.5; } .hex a.leaf:nth-of-type(odd) { background: #eef3ff; }
.hex a.leaf:nth-of-type(even) { background: #f3fff0; } .hex a.hl { background: #ffd84d !important; }
.hidden { color: #a00; } .note { color: #555; } .gap { color: #b00; font-weight: bold; } .ok { color: #070; }
pre.cmd { white-space: pre-wrap; word-break: break-all; background: #f6f6f6; padding: .3em .5em; margin: .2em 0; }
pre.cmd::before { content: attr(data-tool) " \0024  "; color: #777; }
.value { white-space: pre-wrap; word-break: break-all; }
svg.ladder text { font: 13px sans-serif; } svg.ladder text.who { font-weight: bold; font-size: 15px; }
svg.ladder a:hover text { fill: #06c; }
.buttons { display: none; } .js .buttons { display: block; }
@media print { .buttons { display: none !important; } details { border: none; } summary::marker { content: ""; }
  body { max-width: none; font-size: 11px; } pre.cmd, .hex { font-size: 9px; } }
)css";

constexpr const char* script = R"js(
document.documentElement.classList.add('js');
document.querySelectorAll('[data-f]').forEach(function (el) {
  var f = el.getAttribute('data-f');
  function mark(on) {
    document.querySelectorAll('[data-f="' + f + '"]').forEach(function (o) { o.classList.toggle('hl', on); });
  }
  el.addEventListener('mouseenter', function () { mark(true); });
  el.addEventListener('mouseleave', function () { mark(false); });
});
function setAll(open) { document.querySelectorAll('details').forEach(function (d) { d.open = open; }); }
document.getElementById('expand').addEventListener('click', function () { setAll(true); });
document.getElementById('collapse').addEventListener('click', function () { setAll(false); });
document.body.setAttribute('data-script', 'ran to the end');
)js";

std::string e(std::string_view s) { return html_escape(s); }

std::string byte_count(std::size_t n) { return std::to_string(n) + (n == 1 ? " byte" : " bytes"); }

std::string offset_text(std::size_t offset) {
    char text[16];
    std::snprintf(text, sizeof text, "+%04zx", offset);
    return text;
}

std::string spaced_hex(ByteView bytes) {
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i > 0) out += ' ';
        out += to_hex(bytes.subspan(i, 1));
    }
    return out;
}

// Hex, 16 bytes a line, as text (for values).
std::string hex_lines(ByteView bytes) {
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 16) {
        if (i > 0) out += '\n';
        out += spaced_hex(bytes.subspan(i, std::min<std::size_t>(16, bytes.size() - i)));
    }
    return out;
}

std::string rfc_span(std::string_view section) {
    return section.empty() ? "" : " <span class=\"rfc\">" + e(section) + "</span>";
}

std::string step_prefix(int step) {
    if (step <= 0) return "";
    return "step " + std::to_string(step) + " of " + std::to_string(handshake::walkthrough_steps().size()) + ": ";
}

// Same rule as the text trace: a reading that only repeats the bytes says how many there are.
std::string reading(const Field& f, ByteView bytes) {
    if (!bytes.empty()) {
        const std::string hex = to_hex(bytes);
        if (f.value == hex || (bytes.size() > 16 && f.value.rfind(to_hex(bytes.first(16)) + "...", 0) == 0)) {
            return byte_count(bytes.size());
        }
    }
    return f.value;
}

// The leaves of a field tree, numbered depth first, and the rows of its table.
struct FieldTable {
    std::string id;                       // "m3"
    std::vector<const Field*> leaves;
    std::string rows;
};

void field_rows(const Field& f, ByteView raw, int depth, FieldTable& t) {
    const bool inside = f.offset <= raw.size() && f.length <= raw.size() - f.offset;
    const ByteView bytes = inside ? raw.subspan(f.offset, f.length) : ByteView{};
    const bool leaf = f.children.empty();
    std::string attributes;
    if (leaf) {
        const std::string fid = t.id + "f" + std::to_string(t.leaves.size());
        t.leaves.push_back(&f);
        attributes = " id=\"" + fid + "\" data-f=\"" + fid + "\"";
    }
    // What a browser offers that we do not implement (TLS 1.3, GREASE ...) is named here.
    std::string note = f.note;
    if (const auto code = unknown_code(f.value)) {
        if (auto explained = explain_offered(f.name, *code)) note = *explained;
    }
    t.rows += "<tr" + attributes + "><td class=\"b\">" + offset_text(f.offset) + "</td><td style=\"padding-left:" +
              std::to_string(6 + depth * 16) + "px\">" + e(f.name) + "</td><td class=\"b\">" +
              (leaf && bytes.size() <= 8 ? spaced_hex(bytes) : "") + "</td><td>" + e(reading(f, bytes)) + "</td><td class=\"note\">" +
              e(note) + "</td></tr>\n";
    for (const Field& child : f.children) field_rows(child, raw, depth + 1, t);
}

// The bytes of a message in hex, each leaf's bytes a link to its row.
std::string marked_hex(ByteView raw, const FieldTable& t) {
    std::vector<int> owner(raw.size(), -1);
    for (std::size_t i = 0; i < t.leaves.size(); ++i) {
        const Field& f = *t.leaves[i];
        for (std::size_t b = f.offset; b < f.offset + f.length && b < raw.size(); ++b) owner[b] = static_cast<int>(i);
    }
    std::string out = "<div class=\"hex\">";
    std::size_t i = 0;
    while (i < raw.size()) {
        std::size_t j = i;
        while (j < raw.size() && owner[j] == owner[i] && (j == i || j % 16 != 0)) ++j;
        std::string text;
        for (std::size_t k = i; k < j; ++k) {
            if (k > i) text += ' ';
            text += to_hex(raw.subspan(k, 1));
        }
        if (owner[i] >= 0) {
            const std::string fid = t.id + "f" + std::to_string(owner[i]);
            const Field& f = *t.leaves[static_cast<std::size_t>(owner[i])];
            out += "<a class=\"leaf\" href=\"#" + fid + "\" data-f=\"" + fid + "\" title=\"" + e(f.name) + "\">" + text + "</a>";
        } else {
            out += "<span class=\"gap\" title=\"not explained by any field\">" + text + "</span>";
        }
        if (j < raw.size()) out += (j % 16 == 0) ? "\n" : " ";
        i = j;
    }
    return out + "</div>\n";
}

std::string field_block(const Field& root, ByteView raw, const std::string& id) {
    FieldTable t;
    t.id = id;
    if (root.children.empty()) {
        Field whole = root;
        whole.name = whole.name.empty() ? "body" : whole.name;
        whole.offset = 0;
        whole.length = raw.size();
        field_rows(whole, raw, 0, t);
    } else {
        for (const Field& f : root.children) field_rows(f, raw, 0, t);
    }
    return marked_hex(raw, t) + "<table><tr><th>offset</th><th>field</th><th>bytes</th><th>meaning</th><th>rule</th></tr>\n" +
           t.rows + "</table>\n";
}

std::string hidden_text(const TraceValue& v) {
    return "<span class=\"hidden\">secret, " + byte_count(v.size) +
           ": not shown. Whoever has it can read this connection; the page shows it only when made with "
           "--show-secrets.</span>";
}

std::string value_row(const TraceValue& v, std::string_view role) {
    const bool hidden = v.secret && v.value.empty() && v.size > 0;
    std::string shown;
    if (hidden) {
        shown = hidden_text(v);
    } else if (v.size == 0 && v.value.empty()) {
        shown = e(v.note);
    } else {
        shown = "<div class=\"value b\">" + e(hex_lines(v.value)) + "</div>" + (v.secret ? "<span class=\"hidden\">SECRET</span>" : "");
    }
    const std::string note = (v.size == 0 && v.value.empty()) ? "" : v.note;
    return "<tr><td>" + std::string(role) + "</td><td>" + e(v.name) + "</td><td>" + (v.size ? byte_count(v.size) : "") +
           "</td><td>" + shown + "</td><td class=\"note\">" + e(note) + "</td></tr>\n";
}

std::string commands_block(const std::vector<RecomputeCommand>& commands) {
    if (commands.empty()) return "";
    std::string out = "<div class=\"recompute\"><p>Recompute it yourself:</p>\n";
    for (const RecomputeCommand& c : commands) {
        out += "<pre class=\"cmd\" data-tool=\"" + e(c.tool) + "\" data-expect=\"" + e(c.expected) + "\" data-runnable=\"" +
               (c.runnable ? "yes" : "no") + "\">" + e(c.command) + "</pre>\n";
    }
    if (!commands.front().runnable) {
        out += "<p class=\"note\">The values in &lt;angle brackets&gt; are secrets this page was not given.</p>\n";
    }
    return out + "</div>\n";
}

// What the page learns from the hellos and the key block, for the commands.
struct Context {
    RecomputeContext recompute;
    std::optional<RecordKeys> client_keys, server_keys;
};

void learn(const MessageTrace& m, Context& c) {
    const ByteView raw = m.raw;
    if (m.handshake_type == 1 && raw.size() >= 6) c.recompute.client_version = static_cast<std::uint16_t>(raw[4] << 8 | raw[5]);
    if (m.handshake_type == 2 && raw.size() >= 39) {
        const std::uint16_t version = static_cast<std::uint16_t>(raw[4] << 8 | raw[5]);
        const std::size_t sid = raw[38];
        if (raw.size() >= 41 + sid) {
            const std::uint16_t code = static_cast<std::uint16_t>(raw[39 + sid] << 8 | raw[40 + sid]);
            const handshake::CipherSuiteInfo* info = handshake::find_cipher_suite(code);
            if (version < 0x0303) c.recompute.prf_hash = "md5-sha1";
            else if (info && info->prf == crypto::HashAlgorithm::sha384) c.recompute.prf_hash = "sha384";
            else c.recompute.prf_hash = "sha256";
        }
    }
}

void learn(const DerivationTrace& d, Context& c) {
    if (d.name != "key block") return;
    auto value = [&](std::string_view name) -> std::optional<Bytes> {
        for (const TraceValue& v : d.outputs) {
            if (v.name == name && (v.value.size() == v.size)) return v.value;
        }
        return std::nullopt;
    };
    auto keys = [&](const char* who) -> std::optional<RecordKeys> {
        // An AEAD suite has no MAC key (RFC 5246 §6.2.3.3): the key block lists none.
        const auto mac = value(std::string(who) + "_write_MAC_key").value_or(Bytes{});
        const auto key = value(std::string(who) + "_write_key");
        if (!key || (mac.empty() && key->empty())) return std::nullopt;
        RecordKeys k;
        k.mac_key = mac;
        k.enc_key = *key;
        return k;
    };
    c.client_keys = keys("client");
    c.server_keys = keys("server");
}

}  // namespace

HtmlTrace::HtmlTrace(HtmlTraceOptions options) : options_(std::move(options)) {}

std::string HtmlTrace::render() const {
    const bool client_role = options_.role == handshake::Role::client;
    auto from_client = [&](Direction d) { return (d == Direction::sent) == client_role; };
    auto arrow = [&](Direction d) { return from_client(d) ? "client &rarr; server" : "server &rarr; client"; };
    const std::string observer = options_.observer.empty() ? (client_role ? "the client" : "the server") : options_.observer;

    Context context;
    context.recompute.server_key_file = options_.server_key_file;
    std::vector<DiagramRow> rows;
    std::map<int, bool> step_seen;
    std::string body;
    std::string previous_computation_anchor;
    int previous_step = -1;
    std::size_t unexplained = 0;

    for (std::size_t i = 0; i < events_.size(); ++i) {
        std::string id = "e" + std::to_string(i);
        int step = 0;
        if (const auto* m = std::get_if<MessageTrace>(&events_[i])) step = m->step;
        if (const auto* d = std::get_if<DerivationTrace>(&events_[i])) step = d->step;
        if (const auto* r = std::get_if<RecordTrace>(&events_[i]); r && r->content_type == 23) step = 11;
        std::string step_anchor;
        if (step > 0 && !step_seen[step]) {
            step_seen[step] = true;
            step_anchor = "<span id=\"step-" + std::to_string(step) + "\"></span>";
        }

        if (const auto* r = std::get_if<RecordTrace>(&events_[i])) {
            const std::size_t fragment = r->wire.size() >= 5 ? r->wire.size() - 5 : 0;
            const record::ContentType type{r->content_type};
            if (r->content_type == 23) {
                rows.push_back({DiagramRow::Kind::arrow, from_client(r->direction), 11,
                                "application data, " + byte_count(r->plaintext.size()), id});
            }
            Field root;
            auto add = [&](std::string name, std::size_t offset, std::size_t length, std::string value) {
                Field f;
                f.name = std::move(name);
                f.offset = offset;
                f.length = length;
                f.value = std::move(value);
                root.children.push_back(std::move(f));
            };
            if (r->wire.size() >= 5) {
                add("type", 0, 1, record::content_type_name(type) + " (" + std::to_string(r->content_type) + ")");
                add("version", 1, 2, handshake::describe_version(r->version));
                add("length", 3, 2, std::to_string(fragment));
                add("fragment", 5, fragment,
                    r->protected_record ? byte_count(fragment) + " as sent: protected, opened below"
                                        : byte_count(fragment) + " in the clear" +
                                              (r->content_type != 23 ? ": the message is explained in the next block" : ""));
            }
            body += step_anchor + "<details open class=\"record\" id=\"" + id + "\"><summary><span class=\"dir\">" +
                    arrow(r->direction) + "</span> record " + std::to_string(r->sequence_number) +
                    (r->protected_record ? " (protected)" : "") + ": " + e(record::content_type_name(type)) + ", " +
                    byte_count(fragment) + rfc_span(r->protected_record ? "RFC 5246 §6.2.3" : "RFC 5246 §6.2.1") +
                    "</summary>\n" + field_block(root, r->wire, id);
            if (r->protected_record) {
                body += "<table>\n";
                for (const TraceValue& v : r->details) body += value_row(v, "");
                body += "<tr><td></td><td>plaintext</td><td>" + byte_count(r->plaintext.size()) +
                        "</td><td><div class=\"value b\">" + e(hex_lines(r->plaintext)) + "</div></td><td></td></tr>\n</table>\n";
                const std::optional<RecordKeys>& keys = from_client(r->direction) ? context.client_keys : context.server_keys;
                body += commands_block(record_commands(*r, keys ? &*keys : nullptr));
            }
            if (r->content_type == 23) {
                std::string text;
                for (std::uint8_t c : r->plaintext) text += (c >= 0x20 && c < 0x7f) || c == '\n' ? static_cast<char>(c) : '.';
                body += "<p>The application data, as text:</p><pre class=\"value\">" + e(text) + "</pre>\n";
            }
            body += "</details>\n";
        } else if (const auto* m = std::get_if<MessageTrace>(&events_[i])) {
            learn(*m, context);
            rows.push_back({DiagramRow::Kind::arrow, from_client(m->direction), m->step, m->name, id});
            const Coverage coverage = check_coverage(*m);
            std::string check;
            if (coverage.complete()) {
                check = "<p class=\"ok\">Every byte of this message is explained by a field.</p>\n";
            } else {
                ++unexplained;
                for (const ByteRange& gap : coverage.unexplained) {
                    check += "<p class=\"gap\">bytes " + e(range_text(gap)) + " are not explained by any field</p>\n";
                }
                for (const std::string& p : coverage.problems) check += "<p class=\"gap\">" + e(p) + "</p>\n";
            }
            body += step_anchor + "<details open class=\"message\" id=\"" + id + "\"><summary><span class=\"dir\">" +
                    arrow(m->direction) + "</span> " + e(step_prefix(m->step)) + e(m->name) + " (" + byte_count(m->raw.size()) +
                    ")" + rfc_span(m->rfc_section) + "</summary>\n" +
                    (m->root.note.empty() ? "" : "<p class=\"note\">" + e(m->root.note) + "</p>\n") +
                    field_block(m->root, m->raw, id) + check + "</details>\n";
        } else if (const auto* d = std::get_if<DerivationTrace>(&events_[i])) {
            learn(*d, context);
            if (d->step > 0 && d->step == previous_step && !previous_computation_anchor.empty()) {
                // consecutive derivations of one step share one box in the diagram
            } else {
                rows.push_back({DiagramRow::Kind::computation, true, d->step, d->name, id});
                previous_computation_anchor = id;
            }
            body += step_anchor + "<details open class=\"derivation\" id=\"" + id + "\"><summary><span class=\"dir\">" + e(observer) +
                    " computes</span> " + e(step_prefix(d->step)) + e(d->name) + rfc_span(d->rfc_section) + "</summary>\n<table>\n";
            for (const TraceValue& v : d->inputs) body += value_row(v, "in");
            for (const TraceValue& v : d->outputs) body += value_row(v, "out");
            body += "</table>\n" + commands_block(derivation_commands(*d, context.recompute)) + "</details>\n";
        } else if (const auto* n = std::get_if<NoteTrace>(&events_[i])) {
            body += "<p class=\"note\" id=\"" + id + "\">note: " + e(n->text) +
                    (n->rfc_section.empty() ? "" : " (" + e(n->rfc_section) + ")") + "</p>\n";
        }
        if (!std::holds_alternative<NoteTrace>(events_[i])) {
            previous_step = std::holds_alternative<DerivationTrace>(events_[i]) ? step : -1;
            if (!std::holds_alternative<DerivationTrace>(events_[i])) previous_computation_anchor.clear();
        }
    }

    std::string page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + e(options_.title) +
                       "</title>\n<style>" + style + "</style>\n</head>\n<body>\n";
    page += "<h1>" + e(options_.title) + "</h1>\n";
    if (!options_.warning.empty()) page += "<p class=\"warning\">" + e(options_.warning) + "</p>\n";
    if (!options_.origin.empty()) page += "<p>Made with <code>" + e(options_.origin) + "</code>.</p>\n";
    if (options_.show_secrets) {
        page += "<p class=\"secrets warning\">This page shows every secret of the connection (premaster, master secret, "
                "keys): anyone who reads it can decrypt the connection. Made with --show-secrets, for teaching only.</p>\n";
    } else {
        page += "<p class=\"secrets\">Secret values (premaster, master secret, keys) are hidden: this page was made without "
                "--show-secrets. Where one would be, the page says so; the commands show it as &lt;name&gt;.</p>\n";
    }
    page += "<p>" + std::string(unexplained == 0 ? "Every byte of every message is explained by a field below."
                                                 : std::to_string(unexplained) + " message(s) have bytes no field explains (marked in red).") +
            " Click an arrow to go to its message; click a byte to go to its field.</p>\n";
    page += "<div class=\"buttons\"><button id=\"expand\">expand all</button> <button id=\"collapse\">collapse all</button></div>\n";
    page += "<h2>The steps</h2>\n<ol>\n";
    for (const handshake::WalkthroughStep& s : handshake::walkthrough_steps()) {
        const std::string title = e(std::string(s.sender)) + ": " + e(std::string(s.title));
        page += step_seen[s.number] ? "<li><a href=\"#step-" + std::to_string(s.number) + "\">" + title + "</a></li>\n"
                                    : "<li>" + title + " <span class=\"note\">(not in this connection)</span></li>\n";
    }
    page += "</ol>\n<h2>The sequence diagram</h2>\n" + sequence_diagram_svg(rows);
    page += "<h2>Every record, message and derivation, in wire order</h2>\n" + body;
    page += "<script>" + std::string(script) + "</script>\n</body>\n</html>\n";
    return page;
}

void HtmlTrace::write(const std::string& path) const {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw Error("cannot write " + path);
    out << render();
    if (!out.flush()) throw Error("cannot write " + path);
}

}  // namespace lucid::tools
