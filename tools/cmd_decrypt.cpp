// lucid decrypt CAPTURE: every TLS connection of a pcap/pcapng capture, decrypted when the key
// material allows it, and why not when it does not (docs/forward-secrecy.md).
//
//   lucid decrypt capture.pcap --keylog keys.txt     any suite: the key log gives the master secret
//   lucid decrypt capture.pcap --key server.key      RSA key exchange only: the premaster is
//                                                    decrypted with the server's key
//   lucid decrypt capture.pcap --key server.key --trace        every byte explained, as --trace
//   lucid decrypt capture.pcap --keylog keys.txt --html page.html   the illustrated page(s)
//
// Exit status: 0 the capture was read (whatever could be decrypted); 1 it could not be read
// (truncated, corrupted, not a capture), with one sentence; 2 the command line was wrong.
#include <filesystem>
#include <iostream>
#include <sstream>

#include "crypto/error.h"
#include "tools/capture/connection_sources.h"
#include "tools/command.h"
#include "tools/pki_files.h"
#include "tools/tls_options.h"
#include "tools/trace_html.h"
#include "tools/trace_text.h"
#include "x509/private_key.h"

namespace lucid::tools {

namespace {

// Application data for a terminal: printable ASCII and newlines as they are, the rest as '.'.
void print_data(const char* heading, const Bytes& data) {
    std::cout << "  " << heading << ", " << data.size() << " bytes of application data:\n";
    std::string line = "    | ";
    for (std::uint8_t c : data) {
        if (c == '\n') {
            std::cout << line << "\n";
            line = "    | ";
        } else if (c != '\r') {
            line += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '.';
        }
    }
    if (line != "    | ") std::cout << line << "\n";
}

// page.html, then page-2.html, page-3.html for the other connections.
std::string page_name(const std::string& path, std::size_t index) {
    if (index == 0) return path;
    const std::filesystem::path p(path);
    return (p.parent_path() / (p.stem().string() + "-" + std::to_string(index + 1) + p.extension().string())).string();
}

int run_decrypt(const Args& args) {
    if (args.positional.size() != 1) throw UsageError("name one capture file (pcap or pcapng)");
    const std::string path = args.positional.front();
    KeyMaterial keys;
    if (auto keylog = args.value("keylog")) keys.master_secrets = parse_keylog(read_text_file(*keylog, "keylog"));
    if (auto key = args.value("key")) {
        const SecretBytes pem = read_secret_file(*key);
        keys.server_key = std::make_shared<const crypto::RsaPrivateKey>(x509::parse_private_key(pem.view()));
    }
    const bool show_secrets = args.has("show-secrets");

    std::vector<capture::TcpConnection> connections;
    try {
        connections = capture::tls_connections(read_file(path));
    } catch (const Error& e) {
        std::cerr << "lucid decrypt: " << path << ": " << e.what() << "\n";
        return 1;
    }
    std::cout << path << ": " << connections.size() << " TLS connection" << (connections.size() == 1 ? "" : "s") << "\n";
    for (std::size_t i = 0; i < connections.size(); ++i) {
        const capture::TcpConnection& c = connections[i];
        std::cout << "\nconnection " << i + 1 << ": " << c.client << " -> " << c.server << " (from packet " << c.first_packet << ")\n";
        HtmlTraceOptions options;
        options.role = handshake::Role::client;
        options.show_secrets = show_secrets;
        options.title = "Connection " + std::to_string(i + 1) + " of " + std::filesystem::path(path).filename().string() +
                        ": " + c.client + " to " + c.server;
        options.origin = "lucid decrypt " + path;
        options.observer = "lucid decrypt";
        if (auto key = args.value("key")) options.server_key_file = *key;
        HtmlTrace html(options);
        std::ostringstream trace_text;
        TextTrace text(trace_text, TextTraceOptions{handshake::Role::client, show_secrets, "", 8});
        handshake::TraceSink& sink = args.has("html") ? static_cast<handshake::TraceSink&>(html) : text;
        const DecodeResult result = decode_connection(c.chunks, keys, sink);
        if (args.has("trace")) std::cout << trace_text.str() << "\n";
        for (const std::string& note : c.notes) std::cout << "  note: " << note << "\n";
        std::cout << "  suite: " << (result.suite.empty() ? "(no ServerHello)" : result.suite) << "\n";
        if (result.keys_found) {
            std::cout << "  decrypted: the master secret came from " << result.key_source << "\n";
            print_data("client -> server", result.client_plaintext);
            print_data("server -> client", result.server_plaintext);
        } else {
            std::cout << "  not decrypted: " << (result.why_not.empty() ? "no key material given (--keylog or --key)" : result.why_not)
                      << "\n";
        }
        for (const std::string& p : result.problems) std::cout << "  problem: " << p << "\n";
        if (auto out = args.value("html")) {
            html.write(page_name(*out, i));
            std::cout << "  page: " << page_name(*out, i) << "\n";
        }
    }
    return 0;
}

}  // namespace

extern const Command decrypt_command = {
    "decrypt",
    "every TLS connection of a capture (pcap, pcapng), decrypted with a key log or the server's RSA key",
    "lucid decrypt CAPTURE [--keylog F] [--key F] [--trace] [--html F] [--show-secrets]",
    {
        {"keylog", true, "a key log, NSS format (CLIENT_RANDOM lines): opens any suite"},
        {"key", true, "the server's RSA private key (PEM): opens RSA key exchange only (not DHE: forward secrecy)"},
        {"trace", false, "explain every record and message (the text trace of lucid client --trace)"},
        {"html", true, "write the illustrated page of each connection (F, F-2, F-3 ...)"},
        {"show-secrets", false, "with --trace or --html: show premaster, master secret and keys"},
    },
    run_decrypt,
};

}  // namespace lucid::tools
