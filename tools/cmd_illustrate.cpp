// lucid illustrate FILE: the illustrated page (tools/trace_html.h) of a recorded connection.
//
//   lucid illustrate vectors/tls/lucid-aes128-sha256.txt > page.html   replayed by lucid's client
//   lucid illustrate vectors/tls/openssl-tls12-aes128-sha256.txt        decoded with its key log
//   lucid illustrate capture.pcap --keylog keys.txt                     the first TLS connection
//   lucid illustrate FILE --text                                        the text trace instead
//   lucid illustrate A.txt B.txt --pcap both.pcap                       the recordings as a capture
//
// A lucid recording (vectors/tls/lucid-*.txt) is replayed through the engine of one side, so the
// page shows exactly what `lucid client --html` showed when it was made, derivations included.
// An OpenSSL recording or a capture is decoded from outside (tools/capture/tls_decoder.h).
#include <filesystem>
#include <iostream>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "tools/capture/connection_sources.h"
#include "tools/capture/pcap.h"
#include "tools/command.h"
#include "tools/pki_files.h"
#include "tools/tls_options.h"
#include "tools/trace_html.h"
#include "tools/trace_text.h"
#include "x509/private_key.h"

namespace lucid::tools {

namespace {

// The key material given on the command line (--keylog, --key), plus an OpenSSL recording's own.
KeyMaterial key_material(const Args& args, const std::string& extra_keylog = "") {
    KeyMaterial keys;
    if (auto path = args.value("keylog")) {
        keys.master_secrets = parse_keylog(read_text_file(*path, "keylog"));
    }
    if (!extra_keylog.empty()) {
        for (auto& [random, secret] : parse_keylog(extra_keylog)) keys.master_secrets.emplace(random, secret.clone());
    }
    if (auto path = args.value("key")) {
        const SecretBytes pem = read_secret_file(*path);
        keys.server_key = std::make_shared<const crypto::RsaPrivateKey>(x509::parse_private_key(pem.view()));
    }
    return keys;
}

// --write-keylog: the key log line of a replayed lucid recording, so that a capture made from it
// (--pcap) can be opened with --keylog. It needs the master secret, so it listens to a replay of
// its own: the page's sink never sees a secret it was not asked for.
class KeylogCollector final : public handshake::TraceSink {
public:
    bool wants_secrets() const override { return true; }
    void on_message(const handshake::MessageTrace& m) override {
        if (m.handshake_type == 1 && m.raw.size() >= 38) client_random_.assign(m.raw.begin() + 6, m.raw.begin() + 38);
    }
    void on_derivation(const handshake::DerivationTrace& d) override {
        for (const handshake::TraceValue& v : d.outputs) {
            if (v.name == "master_secret" && !v.value.empty()) master_secret_ = v.value;
        }
    }
    std::string line() const {
        if (client_random_.empty() || master_secret_.empty()) throw Error("the replay gave no master secret");
        return "CLIENT_RANDOM " + to_hex(client_random_) + " " + to_hex(master_secret_) + "\n";
    }

private:
    Bytes client_random_;
    Bytes master_secret_;
};

int write_keylog_of(const Args& args) {
    std::string lines;
    for (const std::string& path : args.positional) {
        const Bytes contents = read_file(path);
        const std::string_view text(reinterpret_cast<const char*>(contents.data()), contents.size());
        switch (capture::source_kind(path, contents)) {
            case capture::SourceKind::lucid_recording: {
                KeylogCollector keylog;
                capture::replay_lucid_recording(path, text, true, keylog);
                lines += keylog.line();
                break;
            }
            case capture::SourceKind::openssl_recording: lines += capture::read_openssl_recording(text).keylog + "\n"; break;
            case capture::SourceKind::capture: throw UsageError(path + ": a capture holds no key log");
        }
    }
    // The key log holds master secrets: mode 0600, as --keylog files.
    write_file(args.required("write-keylog"), as_bytes(lines), true);
    return 0;
}

int write_pcap_of(const Args& args) {
    std::vector<capture::Packet> packets;
    std::uint16_t port = 40001;
    for (const std::string& path : args.positional) {
        const Bytes contents = read_file(path);
        const std::string_view text(reinterpret_cast<const char*>(contents.data()), contents.size());
        std::vector<Chunk> chunks;
        switch (capture::source_kind(path, contents)) {
            case capture::SourceKind::lucid_recording: chunks = capture::lucid_recording_chunks(text); break;
            case capture::SourceKind::openssl_recording: chunks = capture::read_openssl_recording(text).chunks; break;
            case capture::SourceKind::capture: throw UsageError(path + " is already a capture");
        }
        // One client (10.0.0.1, a new port per connection) and one server (10.0.0.2:443).
        const std::uint64_t start = 1704067200ull * 1000000000ull + packets.size() * 1000000ull;
        for (capture::Packet& p : capture::tcp_conversation(chunks, {10, 0, 0, 1}, port++, {10, 0, 0, 2}, 443, start)) {
            packets.push_back(std::move(p));
        }
    }
    write_file(args.required("pcap"), capture::write_pcap(packets));
    return 0;
}

int run_illustrate(const Args& args) {
    if (args.positional.empty()) throw UsageError("name a recording (vectors/tls/*.txt) or a capture");
    if (args.has("pcap") || args.has("write-keylog")) {
        if (args.has("pcap")) write_pcap_of(args);
        if (args.has("write-keylog")) write_keylog_of(args);
        return 0;
    }
    if (args.positional.size() != 1) throw UsageError("one FILE at a time (several only with --pcap or --write-keylog)");
    const std::string path = args.positional.front();
    const Bytes contents = read_file(path);
    const std::string_view text(reinterpret_cast<const char*>(contents.data()), contents.size());
    const bool show_secrets = args.has("show-secrets");
    const std::string side = args.value("side").value_or("client");
    if (side != "client" && side != "server") throw UsageError("--side is client or server, not '" + side + "'");
    const capture::SourceKind kind = capture::source_kind(path, contents);
    const bool replayed = kind == capture::SourceKind::lucid_recording;
    const handshake::Role role = replayed && side == "server" ? handshake::Role::server : handshake::Role::client;

    std::string origin = "lucid illustrate " + path;
    if (args.has("side")) origin += " --side " + side;
    if (show_secrets) origin += " --show-secrets";
    HtmlTraceOptions options;
    options.role = role;
    options.show_secrets = show_secrets;
    options.title = "The illustrated connection: " + std::filesystem::path(path).filename().string();
    options.origin = origin;
    if (!replayed) options.observer = "lucid (from the recorded bytes)";
    if (auto key = args.value("key")) options.server_key_file = *key;
    HtmlTrace html(options);
    TextTrace text_trace(std::cout, TextTraceOptions{role, show_secrets, "", 8});
    handshake::TraceSink& sink = args.has("text") ? static_cast<handshake::TraceSink&>(text_trace) : html;

    if (replayed) {
        const capture::LucidReplay replay = capture::replay_lucid_recording(path, text, side == "client", sink);
        // The page names the recording's server key for the premaster commands (openssl pkeyutl).
        if (!args.has("key")) html.set_server_key_file(replay.server_key_file);
    } else {
        std::vector<Chunk> chunks;
        std::string keylog;
        if (kind == capture::SourceKind::openssl_recording) {
            capture::OpensslRecording rec = capture::read_openssl_recording(text);
            chunks = std::move(rec.chunks);
            keylog = rec.keylog;
        } else {
            const std::vector<capture::TcpConnection> connections = capture::tls_connections(contents);
            if (connections.empty()) throw Error(path + ": no TLS connection in this capture");
            chunks = connections.front().chunks;
        }
        const KeyMaterial keys = key_material(args, keylog);
        decode_connection(chunks, keys, sink);
    }
    if (!args.has("text")) {
        if (auto out = args.value("output")) html.write(*out);
        else std::cout << html.render();
    }
    return 0;
}

}  // namespace

extern const Command illustrate_command = {
    "illustrate",
    "the illustrated connection: a recording (vectors/tls/) or a capture as one HTML page (or --text)",
    "lucid illustrate FILE [--output F | --text] [--show-secrets] [--side client|server] [--keylog F] [--key F]\n"
    "       lucid illustrate FILE... [--pcap OUT] [--write-keylog OUT]",
    {
        {"output", true, "write the page to this file (default: standard output)"},
        {"text", false, "print the text trace (as --trace) instead of the page"},
        {"show-secrets", false, "show premaster, master secret and keys (teaching only)"},
        {"side", true, "a lucid recording is replayed by its client (default) or its server"},
        {"keylog", true, "a key log (NSS format) for an OpenSSL recording or a capture"},
        {"key", true, "the server's RSA private key (PEM), for an RSA key exchange in a capture"},
        {"pcap", true, "write the recordings as one capture (pcap), for Wireshark or lucid decrypt"},
        {"write-keylog", true, "write the key log (NSS format) of the recordings, for --keylog (holds master secrets)"},
    },
    run_illustrate,
};

}  // namespace lucid::tools
