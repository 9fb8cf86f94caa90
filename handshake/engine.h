// The TLS 1.2 client and server engines: sans-I/O state machines (docs/handshake.md).
//
// An engine consumes the bytes the peer sent and produces the bytes to send and a list of
// events. It never touches a socket, a clock or the OS random generator: the caller injects a
// RandomSource, a Clock and (optionally) a TraceSink. The loop that drives it (tools/) is:
//
//     Client c(config, random, &trace);          // or Server s(config, random, &trace)
//     c.start();                                  // client: queues the ClientHello
//     loop:
//         write(socket, c.take_output());
//         for (Event& e : c.take_events()) ...    // handshake_complete, application_data ...
//         if (c.is_done()) break;                 // closed or failed (after the output is sent)
//         n = read(socket, buf);  n == 0 ? c.transport_closed() : c.receive(buf[0..n]);
//         if (c.can_send()) c.send(stdin data);  c.close() at the end of the input
//
// Failures: every protocol failure ends in the sticky `failed` state. If we detected it, the
// fatal alert of RFC 5246 §7.2.2 is queued in take_output() (send it before closing the socket);
// failure() gives the alert, who sent it and a sentence for the user. An Event::failed is also
// emitted. Calling receive() after failure does nothing. Programming errors (send() before the
// handshake is complete, a missing clock...) throw lucid::Error.
//
// Application data: send() works only in the `established` state, which the engine reaches only
// through a verified peer Finished (a value of type FinishedVerified, handshake/finished_check.h, that
// only the constant-time comparison can create), and during a renegotiation of such a connection
// until this side's ChangeCipherSpec (under the keys already verified). can_send() says whether it
// is allowed now.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/dh.h"
#include "crypto/random.h"
#include "crypto/secret.h"
#include "handshake/cipher_suites.h"
#include "handshake/credentials.h"
#include "handshake/messages/handshake_type.h"
#include "handshake/server_ticket.h"
#include "handshake/protocol_versions.h"
#include "handshake/session_cache.h"
#include "handshake/trace.h"
#include "record/alert.h"

namespace lucid::handshake {

// Seconds since the Unix epoch. Used for gmt_unix_time in the Random (RFC 5246 §7.4.1.2) and,
// on the client, as the time at which certificates must be valid.
using Clock = std::function<std::int64_t()>;

struct CommonConfig {
    // Preference order. Empty = default_cipher_suites(). The server picks ITS most preferred suite
    // that the client offers (as `openssl s_server -serverpref`).
    std::vector<CipherSuite> cipher_suites;
    // RFC 7301, preference order ("h2", "http/1.1"). Empty = no ALPN extension / ALPN ignored.
    std::vector<std::string> alpn_protocols;
    // RFC 7366: offer (client) or accept (server) encrypt-then-MAC for CBC suites. On by default,
    // as in OpenSSL; `--no-etm` turns it off (handshake/encrypt_then_mac.h).
    bool encrypt_then_mac = true;
    // RFC 7627 §5.2: refuse a peer without extended_master_secret (handshake_failure), `--require-ems`.
    bool require_extended_master_secret = false;
    Clock clock;  // required
    // RFC 5246 Appendix E.1 and RFC 8996: the protocol versions allowed; TLS 1.2 only unless a
    // flag asks for TLS 1.0 or 1.1 (lucid --min-protocol, --tls1, ...).
    VersionRange versions;
    // INSECURE, labs only (`--lab-anonymous`): allows the TLS_DH_anon suites named in cipher_suites
    // (no certificate, unsigned ServerKeyExchange; handshake/anonymous_lab.h). Without it, naming
    // one is an error and no DH_anon suite is ever offered or chosen.
    bool lab_anonymous = false;
};

struct ClientConfig : CommonConfig {
    // Sent as server_name (RFC 6066 §3; not sent when empty or an IP address literal) and
    // checked against the certificate (RFC 6125) when verify_peer is true.
    std::string server_name;
    std::vector<Bytes> trust_anchors;  // DER certificates of the CAs we trust (certificates_from_pem)
    // false = --insecure: neither the chain nor the name is checked; the engine traces a note.
    bool verify_peer = true;
    // Certificates must be valid at this time (Unix seconds); default: clock().
    std::optional<std::int64_t> validation_time;

    // RFC 5246 §7.4.6: the client's certificate chain and RSA key, sent only when the server asks
    // with a CertificateRequest. Null: an empty Certificate is sent instead.
    std::shared_ptr<const ServerCredentials> credentials;
    // RFC 5246 §7.3, Figure 2: a session from an earlier connection to offer for resumption (the
    // server may accept it or start a new one). Offered only when its cipher suite is among ours
    // and its server name is ours.
    std::shared_ptr<const SessionState> resume;
    // DHE_RSA: the smallest Diffie-Hellman prime accepted from a server (Logjam). Lowered only for
    // labs (`lucid client --allow-weak-dh`).
    std::size_t minimum_dh_bits = crypto::dh_minimum_server_group_bits;
    // RFC 5077: offer the SessionTicket extension (empty, or the ticket of `resume`). false: --no-ticket.
    bool session_tickets = true;
    // RFC 7507 §4: this ClientHello is a fallback retry (lucid client --fallback-scsv, as
    // s_client -fallback_scsv): TLS_FALLBACK_SCSV is appended to the cipher suites.
    bool fallback_scsv = false;
    // RFC 5746: renegotiate when the server asks (HelloRequest), securely, as OpenSSL's client
    // does by default; never with a server that did not signal secure renegotiation (RFC 5746
    // §4.2). false (`lucid client --no-renegotiation`): every HelloRequest gets a no_renegotiation
    // warning (handshake/renegotiation.h).
    bool renegotiation = true;
    // RFC 7919 §3: the FFDHE groups listed in supported_groups when DHE suites are offered, and
    // the only named groups accepted from the server (NamedGroup codes). Unset: ffdhe2048 to
    // ffdhe8192. Empty: none listed, as a client from before RFC 7919 (labs: to receive a server's
    // own group, judged by its size only).
    std::optional<std::vector<std::uint16_t>> ffdhe_groups;
};

// RFC 5246 §7.4.4: whether the server asks for a client certificate.
enum class ClientAuth {
    none,     // no CertificateRequest
    request,  // ask; a client without a certificate may go on (--verify-client)
    require,  // ask; a client without one gets handshake_failure (--require-client-cert, §7.4.6)
};

// RFC 6066 §3: a certificate and key served to clients that ask for host_name.
struct NamedCredentials {
    std::string host_name;
    std::shared_ptr<const ServerCredentials> credentials;
};

struct ServerConfig : CommonConfig {
    std::shared_ptr<const ServerCredentials> credentials;  // required: the default certificate
    // RFC 6066 §3 (handshake/server_certificate_choice.h): per-name certificates
    // (`--servername NAME --cert2 F --key2 F`), and whether a name served by none of the
    // certificates is refused with unrecognized_name (`--strict-sni`).
    std::vector<NamedCredentials> named_credentials;
    bool strict_server_name = false;

    ClientAuth client_auth = ClientAuth::none;
    // The CAs a client certificate must chain to (DER); their subjects are listed in the
    // CertificateRequest (§7.4.4 certificate_authorities). Required unless client_auth is none.
    std::vector<Bytes> client_trust_anchors;
    // Client certificates must be valid at this time (Unix seconds); default: clock().
    std::optional<std::int64_t> validation_time;

    // RFC 5246 §7.3: where full handshakes store their session and ClientHellos find one to resume.
    // Shared by every connection of a server. Null: no session IDs are issued, nothing is resumed.
    std::shared_ptr<SessionCache> session_cache;
    // DHE_RSA: the group of the ServerKeyExchange. Empty: ffdhe2048 (RFC 7919 Appendix A.1).
    std::optional<crypto::DhGroup> dh_group;
    // RFC 5077: the keys that protect session tickets, shared by every connection of a server
    // (handshake/server_ticket.h). Null (--no-ticket): the SessionTicket extension is ignored.
    std::shared_ptr<TicketKeyRing> ticket_keys;
    // RFC 5746: accept a renegotiation the client starts (a ClientHello after the handshake) from a
    // client that signalled secure renegotiation (`--client-renegotiation`, s_server's
    // -client_renegotiation). Off by default, as in OpenSSL 3: the ClientHello gets a
    // no_renegotiation warning and the connection goes on. Renegotiations the server asks for
    // (Engine::renegotiate) are allowed either way (handshake/renegotiation.h).
    bool client_renegotiation = false;
    // RFC 7919 §4: the FFDHE groups (NamedGroup codes) this server picks from the client's
    // supported_groups. Empty: ffdhe2048..ffdhe8192. A client listing none of them gets no DHE suite.
    std::vector<std::uint16_t> ffdhe_groups;
};

enum class Role { client, server };

// The states of RFC 5246 §7.3, Figure 1, for each side. The tables that say which message is
// expected in which state are client_flow (client.cpp) and server_flow (server.cpp).
enum class State {
    client_start,                     // before start()
    client_wait_server_hello,         // sent ClientHello
    client_wait_certificate,          // got ServerHello (a new session)
    client_wait_server_key_exchange,  // DHE_RSA: got Certificate; DH_anon: got ServerHello; ServerKeyExchange next (§7.4.3)
    client_wait_server_hello_done,    // got Certificate (RSA) or ServerKeyExchange (DHE_RSA)
    client_certificate_requested,     // got CertificateRequest (RFC 5246 §7.4.4); ServerHelloDone next
    client_wait_change_cipher_spec,   // sent [Certificate], ClientKeyExchange, [CertificateVerify], CCS, Finished
    client_wait_finished,             // got the server's ChangeCipherSpec
    client_resume_wait_change_cipher_spec,  // got a ServerHello that resumes our session (§7.3, Figure 2)
    client_resume_wait_finished,      // got the server's ChangeCipherSpec; its Finished comes first
    client_wait_new_session_ticket,   // RFC 5077 §3.3: the ServerHello acked our SessionTicket; sent our Finished
    client_resume_wait_new_session_ticket,  // RFC 5077 §3.1, Figure 2: resumed, and the server renews the ticket
    server_wait_client_hello,
    server_wait_client_certificate,   // sent ServerHello ... CertificateRequest, ServerHelloDone
    server_wait_client_key_exchange,  // sent ServerHello, Certificate, [ServerKeyExchange], ServerHelloDone
    server_wait_certificate_verify,   // got a client Certificate with a certificate, and ClientKeyExchange
    server_wait_change_cipher_spec,   // got ClientKeyExchange (and CertificateVerify)
    server_wait_finished,             // got the client's ChangeCipherSpec
    server_resume_wait_change_cipher_spec,  // resumed: sent ServerHello, ChangeCipherSpec, Finished
    server_resume_wait_finished,      // resumed: got the client's ChangeCipherSpec
    established,                      // both Finished verified: application data flows
    closing,                          // we sent close_notify; waiting for the peer's
    closed,                           // close_notify seen (and answered)
    failed,                           // sticky; see failure()
};
std::string_view state_name(State s);  // "client_wait_server_hello"

struct Event {
    enum class Kind {
        handshake_complete,  // both Finished verified; session() is complete
        application_data,    // data holds the bytes
        alert_received,      // a warning alert (other than close_notify): alert, alert_level
        closed,              // the peer sent close_notify (answered if we had not sent ours)
        failed,              // fatal: text is the sentence (same as failure()->sentence)
    };
    Kind kind;
    Bytes data;
    record::AlertLevel alert_level = record::AlertLevel::warning;
    record::AlertDescription alert = record::AlertDescription::close_notify;
    std::string text;
};
std::string_view event_kind_name(Event::Kind k);

enum class FailureOrigin {
    local,      // we detected the problem and queued the fatal alert
    peer,       // the peer sent a fatal alert
    transport,  // the connection ended without close_notify (transport_closed()); no alert sent
};

struct Failure {
    FailureOrigin origin;
    record::AlertDescription alert;  // for transport: close_notify (meaning: none was exchanged)
    std::string sentence;            // "certificate has expired: notAfter 2024-01-01T00:00:00Z"
};

// What was negotiated. Filled as the handshake goes; complete at handshake_complete.
class SessionInfo {
public:
    std::uint16_t version = 0;                  // 0x0301..0x0303 once agreed (ServerHello)
    std::string version_decision;               // the server's choice and its rule, for the trace and --www
    const CipherSuiteInfo* cipher_suite = nullptr;
    std::string alpn_protocol;                  // empty: none negotiated
    std::string server_name;                    // client: SNI sent; server: SNI received
    // The peer's chain (DER, as received): the server's on the client; the client's on the server
    // (empty if it sent none). On a resumed session: the chain of the full handshake.
    std::vector<Bytes> peer_certificates;
    // client: chain and name checked (false if --insecure); server: the client's chain validated.
    bool peer_verified = false;
    Random client_random{};
    Random server_random{};
    Bytes session_id;                           // as chosen by the server (may be empty)
    bool secure_renegotiation = false;          // RFC 5746 negotiated
    bool extended_master_secret = false;        // RFC 7627 negotiated
    bool encrypt_then_mac = false;              // RFC 7366 negotiated (CBC suites only)
    bool resumed = false;                       // abbreviated handshake (RFC 5246 §7.3, Figure 2)
    std::string dh_group;                       // DHE_RSA: "ffdhe2048 (2048 bits)"; empty otherwise
    bool client_certificate_requested = false;  // the server sent CertificateRequest (§7.4.4)
    bool client_certificate_sent = false;       // client: a non-empty Certificate and CertificateVerify
    std::size_t renegotiations = 0;             // RFC 5746: handshakes completed after the first one

    bool has_master_secret() const { return !master_secret_.empty(); }
    // The 48-byte master secret, as a plain copy: ONLY for --keylog (NSS key log format
    // "CLIENT_RANDOM <client_random> <master_secret>") and --show-secrets. Empty before it exists.
    Bytes reveal_master_secret_for_keylog() const { return master_secret_.reveal(); }

private:
    friend struct Engine_Impl_access;  // the engines (engine.cpp) set and use it
    SecretBytes master_secret_;
};

class Engine {
public:
    virtual ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    Role role() const;
    // Client: builds and queues the ClientHello. Server: does nothing (it waits for one).
    void start();
    // Consumes bytes from the peer (any split: partial records are kept until complete).
    void receive(ByteView bytes);
    // The transport delivered EOF. Before close_notify this is a truncation: failed (origin
    // transport). After close_notify it is the normal end.
    void transport_closed();
    // Everything queued to send since the last call (records, in order).
    Bytes take_output();
    // Application data (RFC 5246 §6.2.1 application_data records, at most 2^14 bytes each).
    // Throws lucid::Error unless can_send().
    void send(ByteView application_data);
    bool can_send() const;  // established, or renegotiating before our ChangeCipherSpec
    // Sends close_notify (RFC 5246 §7.2.1). Before the handshake completes this is user_canceled
    // followed by close_notify. Nothing happens if already closing/closed/failed.
    void close();
    std::vector<Event> take_events();

    // RFC 5746 (handshake/renegotiation.h): a new handshake on the established connection, under
    // its current keys. Client: sends a new ClientHello (s_client's "R"). Server: sends
    // HelloRequest (RFC 5246 §7.4.1.1, s_server's "r"), and with ask_client_certificate asks for a
    // client certificate in that handshake (s_server's "R"; needs client_trust_anchors). The new
    // handshake ends with another Event::handshake_complete; session() then describes it.
    // Throws lucid::Error unless can_renegotiate().
    void renegotiate(bool ask_client_certificate = false);
    // established, and the peer signalled secure renegotiation in the handshake that made it.
    bool can_renegotiate() const;

    // RFC 5246 §7.3: the session to keep for a later resumption (lucid client --sess-out), once
    // the handshake is complete; empty before that, and after a fatal alert sent or received
    // ("any connection terminated with a fatal alert MUST NOT be resumed", §7.2.2). A connection
    // that merely lost its transport is still resumable (§7.2.1). Empty if the server gave no ID.
    std::optional<SessionState> resumable_session() const;

    State state() const;
    bool is_established() const { return state() == State::established; }
    // closed or failed: nothing more will happen (send take_output() first).
    bool is_done() const;
    const SessionInfo& session() const;
    std::optional<Failure> failure() const;

    struct Impl;  // engine.cpp (shared record/alert handling), client.cpp, server.cpp
    // For tests that must make an engine send what it never would (a HelloRequest, a second
    // ClientHello): the internals, declared in handshake/engine_impl.h.
    friend Impl& engine_internals_for_tests(Engine& engine);

protected:
    explicit Engine(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

class Client final : public Engine {
public:
    // random and trace (may be null) must outlive the engine.
    Client(ClientConfig config, crypto::RandomSource& random, TraceSink* trace = nullptr);
};

class Server final : public Engine {
public:
    Server(ServerConfig config, crypto::RandomSource& random, TraceSink* trace = nullptr);
};

// Deterministic mode (--seed HEX), with the same generator tools/deterministic.h defines for
// `lucid client` and `lucid server` (so the recorded connection vectors/tls/lucid-*.txt draws the
// same randoms as the command line with that seed would): HMAC_DRBG (SP 800-90A) with entropy_input = seed, nonce = "lucidtls
// deterministic mode", personalization = "lucid client" for the client and "lucid server
// connection 1" for the server (the first connection a server accepts). Throws lucid::Error if
// the seed is empty.
std::unique_ptr<crypto::RandomSource> make_deterministic_random(ByteView seed, Role role);
// The clock of deterministic mode: gmt_unix_time is this constant (2024-01-01T00:00:00Z), so
// the Random fields do not depend on when the program runs. Certificate validity is still
// checked at the real time (ClientConfig::validation_time), which the tools pass.
inline constexpr std::int64_t deterministic_gmt_unix_time = 1704067200;

}  // namespace lucid::handshake
