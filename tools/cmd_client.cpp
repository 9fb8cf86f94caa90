// lucid client HOST:PORT: a TLS 1.2 client. Sends its stdin, prints what it receives; the exit
// status says whether the handshake succeeded (0), failed (1, with a sentence naming the alert on
// stderr) or the command line was wrong (2).
//
// The variants (docs/handshake.md): --cert/--key answer a CertificateRequest (RFC 5246 §7.4.6);
// --sess-out/--sess-in save and offer a session (§7.3, Figure 2; the file holds the master
// secret, net/saved_session.h); --reconnect connects, closes and resumes at once, five times,
// as `openssl s_client -reconnect`, saying "New" or "Reused" each time; --allow-weak-dh accepts
// Diffie-Hellman groups below 2048 bits (labs only).
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "crypto/hex.h"
#include "handshake/credentials.h"
#include "net/saved_session.h"
#include "tools/command.h"
#include "tools/connection_report.h"
#include "tools/deterministic.h"
#include "tools/renegotiation_options.h"
#include "tools/endpoint.h"
#include "tools/keylog.h"
#include "tools/pki_files.h"
#include "tools/socket_loop.h"
#include "tools/tls_options.h"
#include "tools/trace_html.h"
#include "tools/trace_tee.h"
#include "tools/trace_text.h"
#include "tools/trust_anchors.h"

namespace lucid::tools {

namespace {

constexpr const char* system_bundle = "/etc/ssl/certs/ca-certificates.crt";

// `openssl s_client -reconnect`: the first connection and five resumptions.
constexpr int reconnect_count = 5;
// --allow-weak-dh: the floor that stays (export-grade 512-bit groups fall in minutes, Logjam).
constexpr std::size_t weak_dh_floor_bits = 512;

// Deterministic mode: connection n > 1 of a --reconnect run gets its own DRBG personalization,
// so that each ClientHello has its own random ("lucid client connection 2" ...).
std::string personalization_for(int connection) {
    return connection == 1 ? "lucid client" : "lucid client connection " + std::to_string(connection);
}

class ClientSession final : public Session {
public:
    // close_after_handshake: an intermediate --reconnect connection, closed as soon as it is up.
    ClientSession(handshake::ClientConfig config, const TlsOptions& options, int connection = 1,
                  bool close_after_handshake = false)
        : random_(make_random(options.seed, personalization_for(connection))),
          keylog_(options.keylog),
          has_certificate_(config.credentials != nullptr),
          close_after_handshake_(close_after_handshake) {
        if (options.trace) {
            TextTraceOptions trace_options{handshake::Role::client, options.show_secrets, "", 8};
            trace_options.full = options.full;
            trace_ = std::make_unique<TextTrace>(std::cerr, trace_options);
        }
        if (options.html) {
            // --reconnect: connection 1 writes FILE, the others FILE.2, FILE.3 ...
            html_path_ = *options.html + (connection == 1 ? "" : "." + std::to_string(connection));
            HtmlTraceOptions page;
            page.role = handshake::Role::client;
            page.show_secrets = options.show_secrets;
            page.title = "lucid client: connection to " + config.server_name;
            page.origin = "lucid client";
            html_ = std::make_unique<HtmlTrace>(page);
        }
        tee_ = std::make_unique<TraceTee>(std::initializer_list<handshake::TraceSink*>{trace_.get(), html_.get()});
        engine_ = std::make_unique<handshake::Client>(std::move(config), *random_, tee_->sink());
    }

    handshake::Engine& engine() override { return *engine_; }

    void on_event(const handshake::Event& e) override {
        using Kind = handshake::Event::Kind;
        switch (e.kind) {
        case Kind::handshake_complete: {
            const handshake::SessionInfo& s = engine_->session();
            std::cerr << "lucid client: handshake complete: " << describe_session(s) << "; server certificate "
                      << (s.peer_verified ? (s.resumed ? "verified in the original handshake" : "verified")
                                          : "NOT verified");
            if (s.client_certificate_requested) {
                std::cerr << "; client certificate requested, "
                          << (s.client_certificate_sent ? "sent" : has_certificate_ ? "not suitable, none sent" : "none sent");
            }
            std::cerr << "\n";
            // As `openssl s_client` says it: "New" for a full handshake, "Reused" for a resumption.
            std::cerr << "lucid client: " << (s.resumed ? "Reused" : "New") << ", " << handshake::version_flag_name(s.version) << ", Cipher is "
                      << (s.cipher_suite ? std::string(s.cipher_suite->openssl_name) : "?") << ", session-ID "
                      << (s.session_id.empty() ? std::string("(none: the server does not cache sessions)")
                                               : to_hex(s.session_id))
                      << "\n";
            write_keylog();
            if (close_after_handshake_) engine_->close();
            if (const std::string r = renegotiate_as_planned(renegotiation, *engine_); !r.empty()) {
                std::cerr << "lucid client: " << r << "\n";
            }
            break;
        }
        case Kind::application_data:
            write_all(STDOUT_FILENO, e.data);
            break;
        case Kind::alert_received:
            std::cerr << "lucid client: the server sent " << record::alert_level_name(e.alert_level) << " alert "
                      << record::alert_name(e.alert) << "\n";
            break;
        case Kind::closed:
        case Kind::failed:
            break;  // reported once, at the end
        }
    }

    void on_end(const Outcome&) override {
        write_keylog();
        if (html_) {
            html_->write(html_path_);
            std::cerr << "lucid client: the illustrated connection is in " << html_path_ << "\n";
        }
    }

private:
    static void write_all(int fd, ByteView data) {
        while (!data.empty()) {
            const ssize_t n = ::write(fd, data.data(), data.size());
            if (n <= 0) return;  // stdout closed: nothing more to show
            data = data.subspan(static_cast<std::size_t>(n));
        }
    }

    void write_keylog() {
        if (!keylog_ || keylog_written_ || !engine_->session().has_master_secret()) return;
        keylog_written_ = true;
        append_keylog(*keylog_, engine_->session());
    }

    std::unique_ptr<crypto::RandomSource> random_;
    std::unique_ptr<TextTrace> trace_;
    std::unique_ptr<HtmlTrace> html_;
    std::string html_path_;
    std::unique_ptr<TraceTee> tee_;
    std::unique_ptr<handshake::Client> engine_;
    std::optional<std::string> keylog_;
    bool keylog_written_ = false;
    bool has_certificate_ = false;
    bool close_after_handshake_ = false;

public:
    RenegotiationPlan renegotiation;  // RFC 5746: --renegotiate (the last connection only)
};

std::shared_ptr<const handshake::ServerCredentials> load_client_certificate(const Args& args) {
    if (args.has("cert") != args.has("key")) throw UsageError("--cert and --key go together (a certificate and its key)");
    if (!args.has("cert")) return nullptr;
    const std::string cert_path = args.required("cert");
    const std::string key_path = args.required("key");
    try {
        return handshake::ServerCredentials::from_pem(read_text_file(cert_path, "cert"), read_text_file(key_path, "key"));
    } catch (const UsageError&) {
        throw;
    } catch (const Error& e) {
        throw UsageError("--cert " + cert_path + " / --key " + key_path + ": " + e.what());
    }
}

std::shared_ptr<const handshake::SessionState> load_session(const std::string& path) {
    SecretBytes text;
    try {
        text = read_secret_file(path);
    } catch (const UsageError& e) {
        throw UsageError(std::string("--sess-in: ") + e.what());
    }
    try {
        return std::make_shared<const handshake::SessionState>(net::parse_saved_session(text.view()));
    } catch (const Error& e) {
        throw UsageError("--sess-in " + path + ": " + e.what());
    }
}

// RFC 5246 §7.3: the session file holds the master secret: mode 0600 (tools/pki_files.h).
void save_session(const std::string& path, const handshake::SessionState& session) {
    write_file(path, net::format_saved_session(session).view(), true);
    std::cerr << "lucid client: session saved to " << path
              << " (it contains the master secret: keep it private, delete it after use)\n";
}

int run_client_command(const Args& args) {
    if (args.positional.size() != 1) throw UsageError("expected one HOST:PORT (for example localhost:4433)");
    const Endpoint server = parse_host_port(args.positional[0]);
    const TlsOptions options = parse_tls_options(args);
    const bool insecure = args.has("insecure");
    if (insecure && args.has("CAfile")) throw UsageError("--insecure and --CAfile contradict each other");

    handshake::ClientConfig config;
    config.cipher_suites = options.cipher_suites;
    config.alpn_protocols = options.alpn_protocols;
    config.encrypt_then_mac = options.encrypt_then_mac;
    config.require_extended_master_secret = options.require_ems;
    config.versions = options.protocol.versions;
    if (!options.protocol.warning.empty()) std::cerr << "lucid client: " << options.protocol.warning << "\n";
    config.fallback_scsv = args.has("fallback-scsv");
    config.ffdhe_groups = options.ffdhe_groups;
    config.lab_anonymous = options.lab_anonymous;
    if (config.lab_anonymous) {
        std::cerr << "lucid client: WARNING: --lab-anonymous: a DH_anon suite authenticates nobody; anyone in the "
                     "middle can read and change this connection\n";
    }
    config.clock = make_clock(options.seed);
    // The engine does not send an IP literal as server_name (RFC 6066 §3) but still checks it.
    config.server_name = args.value("servername").value_or(server.host);
    if (config.server_name.empty()) throw UsageError("--servername: empty name");
    config.verify_peer = !insecure;
    if (options.seed) config.validation_time = unix_time_now();  // see deterministic.h
    if (!insecure) {
        std::string bundle_path = args.value("CAfile").value_or(system_bundle);
        if (!args.has("CAfile") && !std::filesystem::exists(bundle_path)) {
            throw UsageError(std::string("no --CAfile given and no system CA bundle at ") + system_bundle +
                             " (give --CAfile FILE, or --insecure to skip verification)");
        }
        const std::string pem = read_text_file(bundle_path, "CAfile");
        TrustAnchors anchors;
        try {
            anchors = load_trust_anchors(pem, bundle_path);
        } catch (const UsageError&) {
            throw;
        } catch (const Error& e) {
            throw UsageError("--CAfile " + bundle_path + ": " + e.what());
        }
        if (!anchors.skipped.empty()) {
            std::cerr << "lucid client: note: " << anchors.skipped.size()
                      << " CA certificate(s) that lucidtls cannot read are not trusted; the first: "
                      << anchors.skipped.front() << "\n";
        }
        if (anchors.certificates.empty()) {
            throw UsageError("--CAfile " + bundle_path + ": no certificate in it can be read");
        }
        config.trust_anchors = std::move(anchors.certificates);
    } else {
        std::cerr << "lucid client: WARNING: --insecure: the server's certificate and name are NOT checked; "
                     "anyone in the middle can read and change this connection\n";
    }

    config.credentials = load_client_certificate(args);
    if (args.has("allow-weak-dh")) {
        config.minimum_dh_bits = weak_dh_floor_bits;
        std::cerr << "lucid client: WARNING: --allow-weak-dh: Diffie-Hellman groups down to " << weak_dh_floor_bits
                  << " bits are accepted; groups below 2048 bits are broken by precomputation (Logjam): labs only\n";
    }
    if (const auto path = args.value("sess-in")) config.resume = load_session(*path);
    config.session_tickets = !args.has("no-ticket");  // RFC 5077
    const RenegotiationPlan renegotiation = load_client_renegotiation(args, config);  // RFC 5746
    const std::optional<std::string> sess_out = args.value("sess-out");
    if (sess_out && sess_out->empty()) throw UsageError("--sess-out: empty file name");
    const int connections = args.has("reconnect") ? 1 + reconnect_count : 1;

    ClientLoopOptions loop;
    loop.server = server;
    loop.timeouts = options.timeouts;
    loop.linger = parse_seconds(args, "wait", loop.linger);

    // RFC 5246 §7.3: each connection offers the session the previous one made or resumed.
    std::optional<handshake::SessionState> last_session;
    Outcome outcome;
    for (int n = 1; n <= connections; ++n) {
        const bool last = n == connections;
        if (connections > 1) {
            std::cerr << "lucid client: connection " << n << " of " << connections << ": "
                      << (n == 1 ? "a new session" : "resuming the session")
                      << (last ? ", then sending stdin" : ", then closing at once") << "\n";
        }
        handshake::ClientConfig this_config = config;
        if (n > 1) {
            this_config.resume = last_session ? std::make_shared<const handshake::SessionState>(last_session->clone())
                                              : nullptr;
        }
        loop.input_fd = last ? STDIN_FILENO : -1;
        ClientSession session(std::move(this_config), options, n, !last);
        if (last) session.renegotiation = renegotiation;
        try {
            outcome = run_client(session, loop);
        } catch (const UsageError&) {
            throw;
        } catch (const Error& e) {
            std::cerr << "lucid client: " << e.what() << "\n";
            return 1;
        }
        if (const std::string failure = describe_failure(outcome, "server"); !failure.empty()) {
            std::cerr << "lucid client: " << failure << "\n";
            const handshake::Failure* f = outcome.failure ? &*outcome.failure : nullptr;
            if (f && f->alert == record::AlertDescription::handshake_failure &&
                f->sentence.find("Diffie-Hellman group") != std::string::npos) {
                std::cerr << "lucid client: (--allow-weak-dh accepts such a group, for labs only)\n";
            }
            return 1;
        }
        if (const std::string warning = describe_warning(outcome); !warning.empty()) {
            std::cerr << "lucid client: " << warning << "\n";
        }
        // §7.2.2: a session that ended with a fatal alert is not kept (resumable_session() is empty).
        if (std::optional<handshake::SessionState> s = session.engine().resumable_session()) last_session = std::move(s);
    }
    if (sess_out) {
        if (!last_session) {
            std::cerr << "lucid client: no session to save to " << *sess_out
                      << " (the server gave no session ID and no ticket, or the connection ended with a fatal alert)\n";
        } else {
            save_session(*sess_out, *last_session);
        }
    }
    return outcome.ok() ? 0 : 1;
}

std::vector<FlagSpec> client_flags() {
    std::vector<FlagSpec> flags = {
        {"servername", true, "the name to send (SNI) and to check in the certificate (default: HOST)"},
        {"CAfile", true, "trust the CA certificates in this PEM file (default: the system bundle)"},
        {"insecure", false, "do not check the server's certificate or name (prints a warning)"},
        {"wait", true, "after the end of stdin, close once the server was quiet this many seconds (default 3)"},
        {"cert", true, "a client certificate chain (PEM), sent if the server asks for one (RFC 5246 §7.4.6)"},
        {"key", true, "the RSA private key of --cert (PEM)"},
        {"sess-out", true, "save the session to this file to resume it later (SECRET: holds the master secret; mode 0600)"},
        {"sess-in", true, "offer to resume the session saved in this file (RFC 5246 §7.3)"},
        {"no-ticket", false, "offer no session ticket extension (RFC 5077); resume by session ID only"},
        {"reconnect", false, "connect, close, then resume the session 5 times (as openssl s_client -reconnect)"},
        {"fallback-scsv", false, "send TLS_FALLBACK_SCSV (RFC 7507), as a client retrying with a lower version does"},
        {"allow-weak-dh", false, "INSECURE, labs only: accept DHE groups down to 512 bits (default: at least 2048, Logjam)"},
    };
    for (const FlagSpec& f : client_renegotiation_flags()) flags.push_back(f);
    for (const FlagSpec& f : tls_flags()) flags.push_back(f);
    return flags;
}

}  // namespace

extern const Command client_command = {
    "client",
    "connect to a TLS 1.2 server (1.0, 1.1 with --min-protocol), send stdin, print what comes back (exit 0: handshake succeeded)",
    "lucid client HOST:PORT [--servername NAME] [--CAfile F] [--cipher LIST] [--alpn LIST]\n"
    "                    [--trace] [--html F] [--show-secrets] [--keylog F] [--seed HEX] [--insecure]\n"
    "                    [--wait SECONDS] [--timeout SECONDS] [--cert F --key F]\n"
    "                    [--sess-out F] [--sess-in F] [--reconnect] [--no-ticket] [--allow-weak-dh] [--no-etm] [--require-ems]\n"
    "                    [--min-protocol V] [--max-protocol V] [--tls1|--tls1_1|--tls1_2] [--fallback-scsv]\n"
    "                    [--renegotiate | --no-renegotiation]",
    client_flags(),
    run_client_command,
};

}  // namespace lucid::tools
