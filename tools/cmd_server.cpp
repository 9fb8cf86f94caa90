// lucid server: a TLS 1.2 server for many clients at once. Prints "ACCEPT ADDR:PORT" on stdout
// when it listens, then per connection: --www answers an HTTP request with a page describing the
// session, --echo sends back what it receives, and by default what is received goes to stdout.
// One line per connection on stderr says what was negotiated or why it failed.
//
// The variants (docs/handshake.md): --verify-client / --require-client-cert with --CAfile ask for a
// client certificate (RFC 5246 §7.4.4, §7.4.6); every connection shares one session cache, so a
// client can resume (§7.3, Figure 2; --session-cache 0 turns it off); --dhparam F sets the group of
// the DHE_RSA suites (default ffdhe2048).
//
// --workers N (docs/tools.md): N event loops on N threads share the listening socket, the
// credentials and the session cache, so a session made on one worker resumes on any other. The
// default is the number of cores, or 1 when the output is per connection and in order (--once,
// --trace, --html, --seed).
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>

#include "crypto/prime.h"
#include "crypto/random.h"
#include "handshake/dhe.h"
#include "net/ticket_key_file.h"
#include "tools/command.h"
#include "tools/connection_report.h"
#include "tools/deterministic.h"
#include "tools/endpoint.h"
#include "tools/file_response.h"
#include "tools/keylog.h"
#include "tools/socket_loop.h"
#include "tools/pki_files.h"
#include "tools/renegotiation_options.h"
#include "tools/server_names.h"
#include "tools/tls_options.h"
#include "tools/trace_html.h"
#include "tools/trace_tee.h"
#include "tools/trace_text.h"
#include "tools/trust_anchors.h"
#include "tools/www_page.h"
#include "x509/certificate.h"
#include "x509/dh_parameters.h"

namespace lucid::tools {

namespace {

enum class Mode { print, echo, www, files };

struct ServerSettings {
    handshake::ServerConfig config;  // shared by every connection (credentials are shared_ptr)
    TlsOptions options;
    Mode mode = Mode::print;
    std::filesystem::path files_root;  // --files DIR, canonical
    bool number_lines = true;  // prefix trace lines with the connection number
    RenegotiationPlan renegotiation;  // RFC 5746: --renegotiate, --renegotiate-client-cert
};

HtmlTraceOptions page_options(const ServerSettings& settings, const std::string& label) {
    HtmlTraceOptions page;
    page.role = handshake::Role::server;
    page.show_secrets = settings.options.show_secrets;
    page.title = "lucid server: " + label;
    page.origin = "lucid server";
    return page;
}

// "Accept: text/html" among the request's header lines (RFC 9110 §12.5.1), as browsers send it.
bool accepts_html(const std::string& request) {
    std::string lower;
    for (char c : request) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::size_t accept = lower.find("\naccept:");
    if (accept == std::string::npos) return false;
    const std::size_t end = lower.find('\n', accept + 1);
    return lower.substr(accept, end - accept).find("text/html") != std::string::npos;
}

class ServerSession final : public Session {
public:
    ServerSession(const ServerSettings& settings, std::size_t number, const Endpoint& peer, std::string worker)
        : settings_(settings),
          label_("connection " + std::to_string(number) + " from " + format_endpoint(peer) + worker),
          random_(make_random(settings.options.seed, "lucid server connection " + std::to_string(number))) {
        if (settings.options.trace) {
            TextTraceOptions trace_options{handshake::Role::server, settings.options.show_secrets,
                                           settings.number_lines ? "[" + std::to_string(number) + "] " : "", 8};
            trace_options.full = settings.options.full;
            trace_ = std::make_unique<TextTrace>(std::cerr, trace_options);
        }
        if (settings.options.html) {
            // Connection 1 writes FILE, the others FILE.2, FILE.3 ...
            html_path_ = *settings.options.html + (number == 1 ? "" : "." + std::to_string(number));
            html_ = std::make_unique<HtmlTrace>(page_options(settings, label_));
        }
        if (settings.mode == Mode::www) {
            // A browser (Accept: text/html) gets the illustrated page of its own connection.
            HtmlTraceOptions page = page_options(settings, label_);
            page.title = "Your browser's TLS 1.2 handshake with lucid server (" + label_ + ")";
            if (settings.options.show_secrets) {
                page.warning = "This server was started with --show-secrets: this page holds the secrets of YOUR "
                               "connection (premaster, master secret, keys). Anyone who captured it can decrypt it. "
                               "Teaching only.";
            }
            www_html_ = std::make_unique<HtmlTrace>(page);
        }
        tee_ = std::make_unique<TraceTee>(
            std::initializer_list<handshake::TraceSink*>{trace_.get(), html_.get(), www_html_.get()});
        engine_ = std::make_unique<handshake::Server>(settings.config, *random_, tee_->sink());
    }

    handshake::Engine& engine() override { return *engine_; }

    // --files: the response is sent in pieces, as the connection has room (net/connection.h).
    bool wants_to_send_more() const override { return file_ && !file_->finished(); }

    void send_more() override {
        // One piece per record (RFC 5246 §6.2.1: at most 2^14 bytes of plaintext).
        engine_->send(file_->next(std::size_t{1} << 14));
        if (file_->finished()) engine_->close();
    }

    void on_event(const handshake::Event& e) override {
        using Kind = handshake::Event::Kind;
        switch (e.kind) {
        case Kind::handshake_complete: {
            const handshake::SessionInfo& s = engine_->session();
            // One write per line: with several workers, lines of different threads do not mix.
            std::ostringstream line;
            line << "lucid server: " << label_ << ": " << describe_session(s);
            if (s.client_certificate_requested || !s.peer_certificates.empty()) {
                line << "; client certificate: "
                     << (s.peer_certificates.empty() ? std::string("none")
                                                     : x509::Certificate::parse(s.peer_certificates.front()).subject_text() +
                                                           (s.peer_verified ? " (verified)" : ""));
            }
            std::cerr << line.str() + "\n";
            write_keylog();
            if (const std::string r = renegotiate_as_planned(settings_.renegotiation, *engine_); !r.empty()) {
                std::cerr << "lucid server: " + label_ + ": " + r + "\n";
            }
            break;
        }
        case Kind::application_data:
            on_data(e.data);
            break;
        case Kind::alert_received:
            std::cerr << "lucid server: " + label_ + ": the client sent " + std::string(record::alert_level_name(e.alert_level)) +
                             " alert " + std::string(record::alert_name(e.alert)) + "\n";
            break;
        case Kind::closed:
        case Kind::failed:
            break;  // reported in on_end
        }
    }

    void on_end(const Outcome& outcome) override {
        write_keylog();
        if (const std::string failure = describe_failure(outcome, "client"); !failure.empty()) {
            std::cerr << "lucid server: " + label_ + ": " + failure + "\n";
        } else if (const std::string warning = describe_warning(outcome); !warning.empty()) {
            std::cerr << "lucid server: " + label_ + ": " + warning + "\n";
        }
        if (html_) {
            try {
                html_->write(html_path_);
                std::cerr << "lucid server: " << label_ << ": the illustrated connection is in " << html_path_ << "\n";
            } catch (const std::exception& e) {
                std::cerr << "lucid server: " << label_ << ": " << e.what() << "\n";
            }
        }
    }

private:
    void on_data(ByteView data) {
        switch (settings_.mode) {
        case Mode::print:
            for (ssize_t n = 0; !data.empty(); data = data.subspan(static_cast<std::size_t>(n))) {
                n = ::write(STDOUT_FILENO, data.data(), data.size());
                if (n <= 0) break;
            }
            break;
        case Mode::echo:
            if (engine_->can_send()) engine_->send(data);
            break;
        case Mode::www: {
            if (answered_ || !engine_->can_send()) return;
            const HttpRequestReader::Status status = request_.add(data);
            if (request_text_.size() < HttpRequestReader::max_size) request_text_.append(data.begin(), data.end());
            if (status == HttpRequestReader::Status::need_more) return;
            answered_ = true;
            const int code = status == HttpRequestReader::Status::complete ? 200 : 431;
            if (code == 200 && www_html_ && accepts_html(request_text_)) {
                const std::string body = www_html_->render();
                engine_->send(as_bytes("HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                                       std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body));
                engine_->close();
                return;
            }
            // One send(): the engine puts it in a single record when it fits in 2^14 bytes.
            engine_->send(as_bytes(www_response(engine_->session(), request_.request_line(), code)));
            engine_->close();
            break;
        }
        case Mode::files: {
            if (file_ || !engine_->can_send()) return;
            const HttpRequestReader::Status status = request_.add(data);
            if (status == HttpRequestReader::Status::need_more) return;
            // A request too large to read is answered as a malformed one (400).
            file_ = std::make_unique<FileResponse>(settings_.files_root,
                                                   status == HttpRequestReader::Status::complete ? request_.request_line() : "");
            std::cerr << "lucid server: " + label_ + ": " + file_->summary() + "\n";
            break;  // the connection asks for the pieces (send_more)
        }
        }
    }

    void write_keylog() {
        if (!settings_.options.keylog || keylog_written_ || !engine_->session().has_master_secret()) return;
        keylog_written_ = true;
        append_keylog(*settings_.options.keylog, engine_->session());
    }

    const ServerSettings& settings_;
    std::string label_;
    std::unique_ptr<crypto::RandomSource> random_;
    std::unique_ptr<TextTrace> trace_;
    std::unique_ptr<HtmlTrace> html_;
    std::unique_ptr<HtmlTrace> www_html_;
    std::string request_text_;
    std::string html_path_;
    std::unique_ptr<TraceTee> tee_;
    std::unique_ptr<handshake::Server> engine_;
    HttpRequestReader request_;
    std::unique_ptr<FileResponse> file_;
    bool answered_ = false;
    bool keylog_written_ = false;
};

std::size_t parse_count(const Args& args, std::string_view flag) {
    const std::string text = args.required(flag);
    std::size_t used = 0;
    unsigned long value = 0;
    try {
        value = std::stoul(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || text.empty() || text[0] == '-' || value == 0 || value > 1'000'000) {
        throw UsageError("--" + std::string(flag) + ": expected a positive number, got '" + text + "'");
    }
    return value;
}

// --dhparam F: a PKCS #3 file (`openssl dhparam`). The server trusts its own file, but a typing
// error in a prime would silently weaken every connection, so p is tested (64 Miller-Rabin rounds).
crypto::DhGroup load_dh_group(const std::string& path) {
    x509::DhParameters params;
    try {
        params = x509::parse_dh_parameters(read_file(path));
    } catch (const UsageError&) {
        throw;
    } catch (const Error& e) {
        throw UsageError("--dhparam " + path + ": " + e.what());
    }
    crypto::DhGroup group = handshake::recognise_dh_group(params.group("--dhparam " + path));
    if (!crypto::is_probable_prime(group.p, crypto::miller_rabin_rounds_adversarial, crypto::os_random())) {
        throw UsageError("--dhparam " + path + ": p is not prime");
    }
    if (group.bits() < crypto::dh_minimum_server_group_bits) {
        std::cerr << "lucid server: WARNING: --dhparam " << path << " is a " << group.bits()
                  << "-bit group: weak since Logjam; clients that follow today's advice refuse it (labs only)\n";
    }
    return group;
}

std::size_t parse_count_or_zero(const Args& args, std::string_view flag) {
    if (args.required(flag) == "0") return 0;
    return parse_count(args, flag);
}

// RFC 5077 §4: the server's ticket keys (handshake/server_ticket.h, net/ticket_key_file.h). One
// ring for the whole server: every worker thread shares it (it has its own mutex).
std::shared_ptr<handshake::TicketKeyRing> ticket_keys_from(const Args& args) {
    if (args.has("no-ticket")) {
        if (args.has("ticket-key-file")) throw UsageError("--no-ticket and --ticket-key-file cannot be used together");
        return nullptr;
    }
    handshake::TicketKeyRing::Limits limits;
    if (args.has("session-lifetime")) limits.lifetime_seconds = static_cast<std::int64_t>(parse_count(args, "session-lifetime"));
    const std::optional<std::string> path = args.value("ticket-key-file");
    if (!path) return std::make_shared<handshake::TicketKeyRing>(limits);
    bool created = false;
    try {
        std::vector<handshake::TicketKey> keys = net::load_or_create_ticket_keys(*path, crypto::os_random(), created);
        if (created) std::cerr << "lucid server: --ticket-key-file " << *path << ": created with a new key (mode 0600)\n";
        return std::make_shared<handshake::TicketKeyRing>(std::move(keys), limits);
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
}

int run_server_command(const Args& args) {
    if (!args.positional.empty()) throw UsageError("unexpected argument '" + args.positional[0] + "'");
    if (args.has("www") + args.has("echo") + args.has("files") > 1) {
        throw UsageError("--www, --echo and --files cannot be used together");
    }
    if (args.has("once") && args.has("max-connections")) {
        throw UsageError("--once and --max-connections cannot be used together");
    }
    ServerSettings settings;
    settings.options = parse_tls_options(args);
    settings.mode = args.has("www") ? Mode::www : args.has("echo") ? Mode::echo : args.has("files") ? Mode::files : Mode::print;
    if (settings.mode == Mode::files) settings.files_root = served_root(args.required("files"));
    const Endpoint accept = parse_accept(args.value("accept").value_or("4433"));
    std::size_t max_connections = 0;
    if (args.has("once")) max_connections = 1;
    if (args.has("max-connections")) max_connections = parse_count(args, "max-connections");
    settings.number_lines = max_connections != 1;

    if (!args.has("cert")) throw UsageError("missing --cert (the server's certificate chain, PEM)");
    if (!args.has("key")) throw UsageError("missing --key (the server's RSA private key, PEM)");
    const std::string cert_path = args.required("cert");
    const std::string key_path = args.required("key");
    const std::string cert_pem = read_text_file(cert_path, "cert");
    const std::string key_pem = read_text_file(key_path, "key");
    try {
        settings.config.credentials = handshake::ServerCredentials::from_pem(cert_pem, key_pem);
    } catch (const Error& e) {
        throw UsageError("--cert " + cert_path + " / --key " + key_path + ": " + e.what());
    }
    load_server_names(args, settings.config);  // RFC 6066 §3: --servername, --cert2, --key2, --strict-sni
    settings.config.cipher_suites = settings.options.cipher_suites;
    settings.config.alpn_protocols = settings.options.alpn_protocols;
    settings.config.encrypt_then_mac = settings.options.encrypt_then_mac;
    settings.config.require_extended_master_secret = settings.options.require_ems;
    settings.config.versions = settings.options.protocol.versions;
    if (!settings.options.protocol.warning.empty()) std::cerr << "lucid server: " << settings.options.protocol.warning << "\n";
    if (settings.options.ffdhe_groups && settings.options.ffdhe_groups->empty()) {
        throw UsageError("--ffdhe-groups none: a server accepts at least one group (RFC 7919 §4)");
    }
    settings.config.ffdhe_groups = settings.options.ffdhe_groups.value_or(std::vector<std::uint16_t>{});
    settings.config.lab_anonymous = settings.options.lab_anonymous;
    if (settings.config.lab_anonymous) {
        std::cerr << "lucid server: WARNING: --lab-anonymous: a DH_anon suite authenticates nobody; anyone in the "
                     "middle can read and change these connections\n";
    }
    settings.config.clock = make_clock(settings.options.seed);
    if (settings.options.seed) settings.config.validation_time = unix_time_now();  // see deterministic.h

    // RFC 5246 §7.4.4, §7.4.6: client certificates.
    if (args.has("verify-client") && args.has("require-client-cert")) {
        throw UsageError("--verify-client and --require-client-cert: give one (require implies asking)");
    }
    if (args.has("verify-client")) settings.config.client_auth = handshake::ClientAuth::request;
    if (args.has("require-client-cert")) settings.config.client_auth = handshake::ClientAuth::require;
    if (settings.config.client_auth != handshake::ClientAuth::none || args.has("renegotiate-client-cert")) {
        if (!args.has("CAfile")) {
            throw UsageError("--verify-client / --require-client-cert need --CAfile: the CAs that issue client certificates");
        }
        const std::string ca_path = args.required("CAfile");
        try {
            TrustAnchors anchors = load_trust_anchors(read_text_file(ca_path, "CAfile"), ca_path);
            if (anchors.certificates.empty()) throw UsageError("--CAfile " + ca_path + ": no certificate in it can be read");
            settings.config.client_trust_anchors = std::move(anchors.certificates);
        } catch (const UsageError&) {
            throw;
        } catch (const Error& e) {
            throw UsageError("--CAfile " + ca_path + ": " + e.what());
        }
    } else if (args.has("CAfile")) {
        throw UsageError("--CAfile names the CAs of client certificates: give --verify-client or --require-client-cert too");
    }

    settings.renegotiation = load_server_renegotiation(args, settings.config);  // RFC 5746

    // RFC 5246 §7.3: one session cache for every connection, so that clients can resume.
    const std::size_t cache_size = args.has("session-cache") ? parse_count_or_zero(args, "session-cache") : 1024;
    if (cache_size > 0) {
        handshake::SessionCache::Limits limits;
        limits.capacity = cache_size;
        if (args.has("session-lifetime")) {
            limits.lifetime_seconds = static_cast<std::int64_t>(parse_count(args, "session-lifetime"));
        }
        settings.config.session_cache = std::make_shared<handshake::SessionCache>(limits);
    } else if (args.has("session-lifetime") && args.has("no-ticket")) {
        throw UsageError("--session-lifetime needs the session cache (--session-cache is 0) or tickets (--no-ticket is given)");
    }

    // RFC 5077: session tickets, on unless --no-ticket; keys in memory (rotating) or from a file.
    settings.config.ticket_keys = ticket_keys_from(args);

    // RFC 5246 §7.4.3: the group of the DHE_RSA suites.
    if (const auto path = args.value("dhparam")) settings.config.dh_group = load_dh_group(*path);

    ServerLoopOptions loop;
    loop.accept = accept;
    loop.timeouts = settings.options.timeouts;
    loop.max_connections = max_connections;
    loop.on_listening = [](const Endpoint& bound) {
        std::cout << "ACCEPT " << format_endpoint(bound) << std::endl;  // flushed: tests wait for it
    };
    // --workers: threads, not processes, so that they share one session cache in memory (a
    // session made on one worker resumes on another) and one copy of the key; see docs/tools.md.
    const bool ordered_output = max_connections == 1 || settings.options.trace || settings.options.html ||
                                settings.options.seed;
    loop.workers = ordered_output ? 1 : std::max(1u, std::thread::hardware_concurrency());
    if (args.has("workers")) loop.workers = parse_count(args, "workers");
    if (loop.workers > 256) throw UsageError("--workers: at most 256");
    const bool name_workers = loop.workers > 1;
    loop.new_session = [&settings, name_workers](std::size_t n, const Endpoint& peer,
                                                 std::size_t worker) -> std::unique_ptr<Session> {
        return std::make_unique<ServerSession>(settings, n, peer,
                                               name_workers ? " (worker " + std::to_string(worker) + ")" : "");
    };
    ServerSummary summary;
    try {
        summary = run_server(loop);
    } catch (const UsageError&) {
        throw;
    } catch (const Error& e) {
        std::cerr << "lucid server: " << e.what() << "\n";
        return 1;
    }
    if (max_connections != 1) {
        std::string line = "lucid server: " + std::to_string(summary.connections) + " connection(s), " +
                           std::to_string(summary.failed) + " failed";
        if (summary.per_worker.size() > 1) {  // the per-worker counts add up to the total
            for (std::size_t w = 0; w < summary.per_worker.size(); ++w) {
                line += (w == 0 ? " (worker 1: " : ", worker " + std::to_string(w + 1) + ": ") +
                        std::to_string(summary.per_worker[w]);
            }
            line += ")";
        }
        std::cerr << line + "\n";
    }
    return summary.failed == 0 ? 0 : 1;
}

std::vector<FlagSpec> server_flags() {
    std::vector<FlagSpec> flags = {
        {"accept", true, "[ADDR:]PORT to listen on (default 127.0.0.1:4433; port 0 picks a free one)"},
        {"cert", true, "the server's certificate chain, PEM, its own certificate first"},
        {"key", true, "the server's RSA private key, PEM"},
        {"www", false, "answer an HTTP request with a page describing the TLS session"},
        {"echo", false, "send back what each client sends"},
        {"files", true, "answer GET /NAME with the file DIR/NAME, only files under DIR (as openssl s_server -WWW)"},
        {"max-connections", true, "exit after serving this many connections (exit 1 if any failed)"},
        {"once", false, "serve one connection, then exit (status: did its handshake succeed)"},
        {"verify-client", false, "ask for a client certificate (RFC 5246 §7.4.4); a client without one may go on"},
        {"require-client-cert", false, "ask for a client certificate and refuse clients without one (handshake_failure)"},
        {"CAfile", true, "the CAs (PEM) that issue client certificates; named in the CertificateRequest"},
        {"session-cache", true, "sessions kept for resumption, shared by all connections (default 1024; 0 = none)"},
        {"session-lifetime", true, "seconds a session may be resumed, from the cache or a ticket (default 7200)"},
        {"no-ticket", false, "issue no session tickets and ignore the client's (RFC 5077; the session cache still works)"},
        {"ticket-key-file", true, "session-ticket keys (SECRET), shared across restarts and servers; created if missing"},
        {"dhparam", true, "DH parameters (PEM, openssl dhparam) for the DHE_RSA suites (default: ffdhe2048, RFC 7919)"},
        {"workers", true, "event loops (threads) sharing the socket, the key and the session cache (default: "
                          "the number of cores; 1 with --once, --trace, --html or --seed)"},
    };
    for (const FlagSpec& f : server_name_flags()) flags.push_back(f);
    for (const FlagSpec& f : server_renegotiation_flags()) flags.push_back(f);
    for (const FlagSpec& f : tls_flags()) flags.push_back(f);
    return flags;
}

}  // namespace

extern const Command server_command = {
    "server",
    "serve TLS 1.2 (1.0, 1.1 with --min-protocol) to many clients: --www describes the session, --echo sends data "
    "back, --files serves files",
    "lucid server [--accept [ADDR:]PORT] --cert F --key F [--cipher LIST] [--alpn LIST]\n"
    "                    [--www | --echo | --files DIR] [--trace] [--html F] [--show-secrets] [--keylog F] [--seed HEX]\n"
    "                    [--max-connections N | --once] [--timeout SECONDS]\n"
    "                    [--verify-client | --require-client-cert] [--CAfile F] [--dhparam F]\n"
    "                    [--session-cache N] [--session-lifetime SECONDS] [--workers N]\n"
    "                    [--servername NAME --cert2 F --key2 F] [--sni-cert NAME:CERT:KEY ...] [--strict-sni] [--no-etm] [--require-ems]\n"
    "                    [--no-ticket | --ticket-key-file F]\n"
    "                    [--client-renegotiation] [--renegotiate | --renegotiate-client-cert]",
    server_flags(),
    run_server_command,
};

}  // namespace lucid::tools
