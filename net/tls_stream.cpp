#include "net/tls_stream.h"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <sstream>

#include "crypto/error.h"
#include "crypto/random.h"
#include "handshake/credentials.h"
#include "handshake/session_cache.h"
#include "net/trust_anchors.h"

namespace lucid::net {

namespace {

std::int64_t system_time() { return static_cast<std::int64_t>(std::time(nullptr)); }

std::string read_text(const std::string& path, const char* what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(std::string("cannot read the ") + what + " " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

// The application side of the connection: collects application data for read().
struct TlsStream::State final : Session {
    State(Socket socket, std::unique_ptr<handshake::Engine> e, const Timeouts& timeouts)
        : engine_(std::move(e)), connection(std::move(socket), *this, timeouts) {}

    handshake::Engine& engine() override { return *engine_; }
    void on_event(const handshake::Event& e) override {
        if (e.kind == handshake::Event::Kind::application_data) append(inbox, e.data);
        if (e.kind == handshake::Event::Kind::closed) peer_closed = true;
    }
    void on_end(const Outcome&) override {}

    std::unique_ptr<handshake::Engine> engine_;
    Connection connection;
    Bytes inbox;
    std::size_t inbox_read = 0;
    bool peer_closed = false;
    bool started = false;
};

TlsStream::TlsStream(Socket socket, std::unique_ptr<handshake::Engine> engine, const Timeouts& timeouts)
    : state_(std::make_unique<State>(std::move(socket), std::move(engine), timeouts)) {}
TlsStream::TlsStream(TlsStream&&) noexcept = default;
TlsStream& TlsStream::operator=(TlsStream&&) noexcept = default;

TlsStream::~TlsStream() {
    if (!state_) return;
    try {
        close();
    } catch (...) {
        // A destructor does not throw; the socket is closed by Connection either way.
    }
}

const handshake::SessionInfo& TlsStream::session() const { return state_->engine_->session(); }

// The one sentence of what went wrong, as an exception.
void TlsStream::throw_if_failed() const {
    const Outcome& o = state_->connection.outcome();
    if (!o.socket_error.empty()) throw Error(o.socket_error);
    if (!o.timeout.empty()) throw Error(o.timeout);
    if (const std::optional<handshake::Failure> f = state_->engine_->failure()) {
        switch (f->origin) {
        case handshake::FailureOrigin::local:
            throw Error("TLS failure (we sent " + std::string(record::alert_name(f->alert)) + "): " + f->sentence);
        case handshake::FailureOrigin::peer:
            throw Error("TLS failure (the peer sent " + std::string(record::alert_name(f->alert)) + "): " + f->sentence);
        case handshake::FailureOrigin::transport:
            throw Error("the connection was closed without close_notify: " + f->sentence);
        }
    }
}

void TlsStream::handshake() {
    State& s = *state_;
    if (!s.started) {
        s.started = true;
        s.connection.start();
    }
    if (!s.connection.run_until([&] { return s.engine_->is_established(); })) {
        throw_if_failed();
        throw Error("the connection ended during the handshake");
    }
}

std::size_t TlsStream::read(std::span<std::uint8_t> buffer) {
    State& s = *state_;
    if (!s.started) handshake();
    s.connection.run_until([&] { return s.inbox_read < s.inbox.size() || s.engine_->is_done(); });
    if (s.inbox_read < s.inbox.size()) {
        const std::size_t n = std::min(buffer.size(), s.inbox.size() - s.inbox_read);
        std::copy_n(s.inbox.begin() + static_cast<std::ptrdiff_t>(s.inbox_read), n, buffer.begin());
        s.inbox_read += n;
        if (s.inbox_read == s.inbox.size()) {
            s.inbox.clear();
            s.inbox_read = 0;
        }
        return n;
    }
    if (s.peer_closed) return 0;
    throw_if_failed();
    return 0;  // we closed it ourselves
}

void TlsStream::write(ByteView data) {
    State& s = *state_;
    if (!s.started) handshake();
    if (!s.engine_->can_send()) {
        throw_if_failed();
        throw Error("cannot write: the connection is closed");
    }
    s.engine_->send(data);
    s.connection.pump();
    s.connection.run_until([&] { return s.connection.pending_output() == 0; });
    throw_if_failed();
}

void TlsStream::write(std::string_view text) {
    write(ByteView(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

void TlsStream::close() {
    State& s = *state_;
    if (s.connection.finished()) return;
    s.engine_->close();
    s.connection.pump();
    s.connection.run_until([] { return false; });  // until finished: bounded by Timeouts::close
}

TlsStream tls_client(Socket socket, const ClientOptions& options) {
    handshake::ClientConfig config;
    config.cipher_suites = options.cipher_suites;
    config.alpn_protocols = options.alpn_protocols;
    config.clock = system_time;
    config.server_name = options.server_name;
    if (config.server_name.empty()) throw Error("tls_client: a server name is required");
    config.verify_peer = !options.insecure;
    if (!options.insecure) {
        const std::string path = options.ca_file.empty() ? system_ca_bundle : options.ca_file;
        TrustAnchors anchors = load_trust_anchors(read_text(path, "CA file"), path);
        if (anchors.certificates.empty()) throw Error("no certificate in " + path + " can be read");
        config.trust_anchors = std::move(anchors.certificates);
    }
    TlsStream stream(std::move(socket),
                     std::make_unique<handshake::Client>(std::move(config), crypto::os_random()), options.timeouts);
    stream.handshake();
    return stream;
}

TlsStream tls_connect(const std::string& host, std::uint16_t port, const ClientOptions& options) {
    ClientOptions named = options;
    if (named.server_name.empty()) named.server_name = host;
    return tls_client(connect_tcp({host, port}, options.timeouts.connect), named);
}

struct TlsServer::State {
    ServerOptions options;
    std::shared_ptr<const handshake::ServerCredentials> credentials;
    std::shared_ptr<handshake::SessionCache> cache = std::make_shared<handshake::SessionCache>();
    Listener listener;
};

TlsServer::TlsServer(const ServerOptions& options, const Endpoint& where) : state_(std::make_unique<State>()) {
    state_->options = options;
    state_->credentials = handshake::ServerCredentials::from_pem(read_text(options.cert_file, "certificate file"),
                                                                 read_text(options.key_file, "key file"));
    state_->listener = listen_tcp(where);
}

TlsServer::~TlsServer() = default;

const Endpoint& TlsServer::bound() const { return state_->listener.bound; }

TlsStream TlsServer::accept() { return accept(accept_tcp_wait(state_->listener.socket, Milliseconds(-1)).socket); }

TlsStream TlsServer::accept(Socket socket) {
    handshake::ServerConfig config;
    config.cipher_suites = state_->options.cipher_suites;
    config.alpn_protocols = state_->options.alpn_protocols;
    config.clock = system_time;
    config.credentials = state_->credentials;
    config.session_cache = state_->cache;
    TlsStream stream(std::move(socket),
                     std::make_unique<handshake::Server>(std::move(config), crypto::os_random()),
                     state_->options.timeouts);
    stream.handshake();
    return stream;
}

}  // namespace lucid::net
