// TLS for programs that just want it: a blocking client and server over a connected socket.
//
//     lucid::net::ClientOptions options;                 // verifies chain and host name by default
//     lucid::net::TlsStream tls = lucid::net::tls_connect("example.com", 443, options);
//     tls.write("GET / HTTP/1.0\r\nHost: example.com\r\n\r\n");
//     std::array<std::uint8_t, 4096> buffer;
//     while (std::size_t n = tls.read(buffer)) fwrite(buffer.data(), 1, n, stdout);
//
//     lucid::net::TlsServer server({.cert_file = "server.pem", .key_file = "server.key"}, {"127.0.0.1", 4433});
//     lucid::net::TlsStream peer = server.accept();     // TCP accept + TLS handshake
//
// Every call blocks until it is done or a timeout (net/connection.h, Timeouts) expires; every
// failure throws lucid::Error with a sentence that names the TLS alert or the socket problem.
// Underneath is the sans-I/O engine (handshake/engine.h), driven by net/connection.h's run_until()
// loop; programs with their own event loop use the engine, or a net::Connection, directly.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "handshake/cipher_suites.h"
#include "handshake/engine.h"
#include "net/connection.h"
#include "net/endpoint.h"
#include "net/socket.h"

namespace lucid::net {

// The system's CA bundle on Debian and its derivatives.
inline constexpr const char* system_ca_bundle = "/etc/ssl/certs/ca-certificates.crt";

struct ClientOptions {
    std::string server_name;  // SNI and the name checked in the certificate; default: the host connected to
    std::string ca_file;      // PEM file of trusted CAs; default: system_ca_bundle
    // true: neither the chain nor the name is checked. Anyone in the middle can read and change
    // the connection: for tests and labs only.
    bool insecure = false;
    std::vector<std::string> alpn_protocols;               // RFC 7301, in preference order
    std::vector<handshake::CipherSuite> cipher_suites;     // empty: the secure defaults
    Timeouts timeouts;
};

struct ServerOptions {
    std::string cert_file;  // PEM: the server's certificate first, then the intermediates
    std::string key_file;   // PEM: its RSA private key
    std::vector<std::string> alpn_protocols;
    std::vector<handshake::CipherSuite> cipher_suites;
    Timeouts timeouts;
};

// One TLS connection, blocking. Move-only; the destructor closes it (close_notify, bounded wait).
class TlsStream {
public:
    // Takes a connected socket and an engine that has not started; handshake() runs it.
    TlsStream(Socket socket, std::unique_ptr<handshake::Engine> engine, const Timeouts& timeouts);
    TlsStream(TlsStream&&) noexcept;
    TlsStream& operator=(TlsStream&&) noexcept;
    ~TlsStream();

    // RFC 5246 §7.3: runs the handshake to its end. Throws lucid::Error if it fails.
    void handshake();
    // Application data: waits until at least one byte arrived; returns how many were copied.
    // 0 means the peer closed the connection properly (close_notify, RFC 5246 §7.2.1). A
    // connection cut without close_notify (a possible truncation attack) throws lucid::Error.
    std::size_t read(std::span<std::uint8_t> buffer);
    // Sends all of `data` (as records of at most 2^14 bytes) and waits until the kernel took it.
    void write(ByteView data);
    void write(std::string_view text);
    // Sends close_notify and waits (bounded by Timeouts::close) for the peer's, then closes the
    // socket. Nothing happens if already closed.
    void close();

    // What was negotiated: version, cipher suite, ALPN, the peer's certificates ...
    const handshake::SessionInfo& session() const;

private:
    struct State;
    void throw_if_failed() const;
    std::unique_ptr<State> state_;
};

// Connects to host:port over TCP and runs the client handshake.
TlsStream tls_connect(const std::string& host, std::uint16_t port, const ClientOptions& options = {});
// The client handshake over a socket the program connected itself (the stream takes it over).
// options.server_name is required here (there is no host name to default to).
TlsStream tls_client(Socket socket, const ClientOptions& options);

// A listening socket and the server's credentials, loaded once.
class TlsServer {
public:
    // Throws lucid::Error if the files cannot be read, the key does not match the certificate, or
    // the address cannot be bound. Port 0 picks a free port (see bound()).
    TlsServer(const ServerOptions& options, const Endpoint& where);
    ~TlsServer();
    const Endpoint& bound() const;
    // Waits for a TCP connection and runs the server handshake on it. A failed handshake throws
    // lucid::Error; the server itself stays usable (call accept() again).
    TlsStream accept();
    // The server handshake over a socket the program accepted itself.
    TlsStream accept(Socket socket);

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace lucid::net
