// The server side of the handshake, RFC 5246 §7.3. The full handshake, Figure 1:
//
//      Client                                               Server
//      ClientHello                  -------->                                step 1
//                                                      ServerHello           step 2
//                                                      Certificate           step 3
//                                                ServerKeyExchange*          step 3 (DHE_RSA, ECDHE_RSA)
//                                               CertificateRequest*          step 3 (--verify-client)
//                                   <--------      ServerHelloDone           step 4
//      Certificate*                                                          step 5 (if asked)
//      ClientKeyExchange                                                     step 5
//      CertificateVerify*                                                    step 5 (if it sent one)
//                                                (master secret, keys)       step 6
//      [ChangeCipherSpec]                                                    step 7
//      Finished                     -------->                                step 8
//                                               [ChangeCipherSpec]           step 9
//                                   <--------             Finished           step 10
//      Application Data             <------->     Application Data           step 11
//
// and the abbreviated handshake, Figure 2, when the ClientHello names a session in the cache:
//
//      ClientHello (session_id)     -------->
//                                                      ServerHello (same session_id)
//                                               [ChangeCipherSpec]
//                                   <--------             Finished
//      [ChangeCipherSpec]
//      Finished                     -------->
//
// With session tickets (RFC 5077 §3.1, server_ticket.h) the server issues NewSessionTicket just
// before its ChangeCipherSpec: in Figure 1 after the client's Finished (step 8), when the client
// sent a SessionTicket extension; in Figure 2 after ServerHello, when the ticket that resumes the
// session is renewed. A ClientHello carrying a ticket resumes the ticket's session (Figure 2
// without any server-side state).
//
// server_flow below says, for each state, which message may come next, which function handles it
// and which state follows (or may follow, at the forks). Everything else is unexpected_message
// (Engine::Impl::dispatch).
#include <algorithm>

#include "handshake/anonymous_lab.h"
#include "handshake/certificate_check.h"
#include "handshake/credentials_impl.h"
#include "handshake/encrypt_then_mac.h"
#include "handshake/extended_master_secret.h"
#include "handshake/server_certificate_choice.h"
#include "handshake/engine_impl.h"
#include "handshake/ffdhe_negotiation.h"
#include "handshake/key_exchange.h"
#include "handshake/handshake_signatures.h"
#include "handshake/messages/certificate.h"
#include "handshake/messages/certificate_request.h"
#include "handshake/messages/certificate_verify.h"
#include "handshake/messages/client_hello.h"
#include "handshake/messages/finished.h"
#include "handshake/messages/new_session_ticket.h"
#include "handshake/messages/server_hello.h"
#include "handshake/messages/server_hello_done.h"
#include "x509/certificate.h"

namespace lucid::handshake {

using record::AlertDescription;
using record::TlsError;

namespace {

// RFC 8422 §5.1.1: whether the client can do ECDHE on the one curve lucidtls implements.
bool offers_x25519(const ClientHello& ch) {
    const auto& groups = ch.extensions.supported_groups;
    return groups && std::find(groups->begin(), groups->end(), named_group_x25519) != groups->end();
}

std::string suite_list(const std::vector<std::uint16_t>& codes) {
    std::string out;
    for (std::uint16_t c : codes) out += (out.empty() ? "" : ", ") + cipher_suite_label(c);
    return out.empty() ? "none" : out;
}

// RFC 5246 §7.4.1.2: "opaque SessionID<0..32>"; lucidtls's IDs are 32 random bytes.
constexpr std::size_t session_id_length = 32;

}  // namespace

// A server stage (handshake_stages.h): after the ClientKeyExchange of a client that sent a
// certificate, step 6 waits until CertificateVerify (RFC 5246 §7.4.8) proves it holds the key.
struct CertificateVerifyExpected {
    crypto::RsaPublicKey client_key;  // from the client's validated certificate
    SecretBytes pre_master_secret;    // from ClientKeyExchange
};

struct ServerImpl final : Engine::Impl {
    ServerImpl(ServerConfig c, crypto::RandomSource& rng, TraceSink* sink)
        : Impl(Role::server, c, rng, sink, State::server_wait_client_hello), config(std::move(c)) {
        if (!config.credentials) throw Error("ServerConfig: credentials (certificate and key) are required");
        require_lab_flag_for_anonymous_suites(config.cipher_suites, config.lab_anonymous);
        if (config.client_auth != ClientAuth::none && config.client_trust_anchors.empty()) {
            throw Error("ServerConfig: asking for client certificates needs the CAs that may issue them");
        }
        check_named_credentials(config);
        client_auth = config.client_auth;
    }

    bool run_flow(const Incoming& in) override;
    std::string expected_in(State s) const override;
    void on_failed() override;
    void on_handshake_complete() override;

    void on_client_hello(const Incoming& in);
    void on_renegotiating_client_hello(const Incoming& in);
    void start_renegotiation(bool ask_client_certificate) override;
    void choose_version(const ClientHello& ch);
    std::string choose_alpn(const ClientHello& ch) const;
    void resume_session(ServerHello& sh, SessionState saved);
    void start_full_handshake(ServerHello& sh, const ClientHello& ch);
    void answer_encrypt_then_mac(const ClientHello& ch, const CipherSuiteInfo& suite);
    void require_extended_master_secret(const ClientHello& ch) const;
    void on_client_certificate(const Incoming& in);
    void on_client_key_exchange(const Incoming& in, const Negotiated& negotiated, ServerKeyExchanger& kx);
    void on_certificate_verify(const Incoming& in, const Negotiated& negotiated, CertificateVerifyExpected& expected);
    void on_change_cipher_spec(const Incoming& in, const KeysDerived& keys);
    void on_finished(const Incoming& in, const KeysDerived& keys);
    void on_resumed_finished(const Incoming& in, const KeysDerived& keys);

    const CipherSuiteInfo& choose_suite(const ClientHello& ch, const FfdheChoice& ffdhe) const;
    std::optional<SessionState> find_resumable(const ClientHello& ch);
    std::optional<SessionState> resumable_from_ticket(const ClientHello& ch);
    std::string why_not_resume(const SessionState& s, const ClientHello& ch) const;
    void send_new_session_ticket(const SessionState& s);
    CertificateRequest certificate_request() const;

    // The server's own stage slots.
    std::unique_ptr<ServerKeyExchanger> key_exchange;  // made with the suite; until ClientKeyExchange
    std::optional<CertificateVerifyExpected> certificate_verify_expected;  // ClientKeyExchange to CertificateVerify
    template <class Stage>
    Stage& known(State at) {
        if constexpr (std::is_same_v<Stage, ServerKeyExchanger>) return present(key_exchange.get(), at, "the key exchange");
        else if constexpr (std::is_same_v<Stage, CertificateVerifyExpected>) {
            return present(certificate_verify_expected ? &*certificate_verify_expected : nullptr, at, "CertificateVerifyExpected");
        } else return Impl::known<Stage>(at);
    }

    ServerConfig config;
    std::shared_ptr<const ServerCredentials> credentials;  // for this connection's server_name (RFC 6066 §3)
    ClientHello client_hello;  // as received
    // The key of the client's certificate, if it sent one: the fork after ClientKeyExchange.
    std::optional<crypto::RsaPublicKey> client_key;
    // RFC 5077 §3.2: the ServerHello acknowledges the client's SessionTicket extension; a
    // NewSessionTicket must then follow before our ChangeCipherSpec.
    bool ticket_promised = false;
    // RFC 5246 §7.4.4: whether this handshake asks for a client certificate: the configuration's
    // choice, or a request when a renegotiation we asked for wants one (Engine::renegotiate).
    ClientAuth client_auth = ClientAuth::none;
};

// RFC 5246 §7.3: the server's half of Figures 1 and 2, as a table.
// clang-format off
const Flight server_hello_flight = flight({send("ServerHello"), maybe("Certificate"), maybe("ServerKeyExchange"),
                                           maybe("CertificateRequest"), maybe("ServerHelloDone"),
                                           maybe("NewSessionTicket"), maybe("ChangeCipherSpec"), maybe("Finished")});
// A renegotiation (RFC 5746) sends the same, or nothing but a no_renegotiation warning.
const Flight server_renegotiation_flight = flight({maybe("ServerHello"), maybe("Certificate"), maybe("ServerKeyExchange"),
                                                   maybe("CertificateRequest"), maybe("ServerHelloDone"),
                                                   maybe("NewSessionTicket"), maybe("ChangeCipherSpec"), maybe("Finished")});
const FlowStep<ServerImpl> server_flow[] = {
    // in state                                     the next message may be                                 handled by                               and we send          then                                     (or, at a fork)
    {State::server_wait_client_hello,               handshake_message(HandshakeType::client_hello),        &ServerImpl::on_client_hello,           server_hello_flight, State::server_wait_client_key_exchange,  {State::server_wait_client_certificate, State::server_resume_wait_change_cipher_spec}},
    {State::server_wait_client_certificate,         handshake_message(HandshakeType::certificate),         &ServerImpl::on_client_certificate,     nothing_sent,        State::server_wait_client_key_exchange},
    {State::server_wait_client_key_exchange,        handshake_message(HandshakeType::client_key_exchange), &ServerImpl::on_client_key_exchange,    nothing_sent,        State::server_wait_change_cipher_spec,   {State::server_wait_certificate_verify}},
    {State::server_wait_certificate_verify,         handshake_message(HandshakeType::certificate_verify),  &ServerImpl::on_certificate_verify,     nothing_sent,        State::server_wait_change_cipher_spec},
    {State::server_wait_change_cipher_spec,         change_cipher_spec_message,                            &ServerImpl::on_change_cipher_spec,     nothing_sent,        State::server_wait_finished},
    {State::server_wait_finished,                   handshake_message(HandshakeType::finished),            &ServerImpl::on_finished,               flight({maybe("NewSessionTicket"), send("ChangeCipherSpec"), send("Finished")}), State::established},
    // Figure 2: the abbreviated handshake
    {State::server_resume_wait_change_cipher_spec,  change_cipher_spec_message,                            &ServerImpl::on_change_cipher_spec,     nothing_sent,        State::server_resume_wait_finished},
    {State::server_resume_wait_finished,            handshake_message(HandshakeType::finished),            &ServerImpl::on_resumed_finished,       nothing_sent,        State::established},
    // after the handshake
    {State::established,                            application_data_record,                               &ServerImpl::on_application_data,       nothing_sent,        State::established},
    {State::closing,                                application_data_record,                               &ServerImpl::on_application_data,       nothing_sent,        State::closing},
    // RFC 5746: renegotiation, a new handshake from the rows above (or a no_renegotiation warning)
    {State::established,                            handshake_message(HandshakeType::client_hello),        &ServerImpl::on_renegotiating_client_hello, server_renegotiation_flight, State::server_wait_client_key_exchange, {State::server_wait_client_certificate, State::server_resume_wait_change_cipher_spec, State::established}},
};
// clang-format on

bool ServerImpl::run_flow(const Incoming& in) { return run_flow_table(*this, server_flow, in); }
std::string ServerImpl::expected_in(State s) const { return expected_in_table(server_flow, s); }
std::string server_flow_ladder() { return render_ladder(server_flow, Role::server); }

// RFC 5246 §7.2.2: "any connection terminated with a fatal alert MUST NOT be resumed."
void ServerImpl::on_failed() {
    if (config.session_cache && !session.session_id.empty()) {
        config.session_cache->remove(session.session_id);
        trace_note("session " + describe_hex(session.session_id) + " removed from the cache: it ended with a fatal alert",
                   "RFC 5246 §7.2.2");
    }
}

// RFC 5246 §7.4.1.3: "cipher_suite: The single cipher suite selected by the server from the list
// in ClientHello.cipher_suites." lucidtls picks its own most preferred one that the client offers.
// A DHE_RSA or ECDHE_RSA suite also needs a signature algorithm both accept, for the
// ServerKeyExchange; an ECDHE_RSA suite needs x25519 among the client's supported_groups (RFC 8422
// §5.1: the server "MUST NOT negotiate the use of an ECC cipher suite unless [it] can complete the
// handshake while respecting the choice of curves specified by the client"); a DHE_RSA suite
// needs an acceptable FFDHE group if the client lists any (RFC 7919 §4, ffdhe_negotiation.h).
const CipherSuiteInfo& ServerImpl::choose_suite(const ClientHello& ch, const FfdheChoice& ffdhe) const {
    const bool can_sign = choose_signature_algorithm(ch.extensions.signature_algorithms, session.version).has_value();
    const bool x25519 = offers_x25519(ch);
    const bool dhe_allowed = ffdhe.rule != FfdheChoice::Rule::none_acceptable;
    bool dhe_refused_for_group = false;
    for (CipherSuite s : common.cipher_suites) {
        const CipherSuiteInfo& info = cipher_suite_info(s);
        if (!ch.offers_suite(static_cast<std::uint16_t>(s))) continue;
        if (!suite_allows_version(info, session.version)) continue;  // Appendix A.5: AEAD, SHA-256 only in 1.2
        if (is_anonymous(info) && !config.lab_anonymous) continue;  // secure defaults: never without the lab flag
        if (signs_server_key_exchange(info) && !can_sign) continue;
        if (info.key_exchange == KeyExchange::ecdhe_rsa && !x25519) continue;
        if (uses_ffdhe(info) && !dhe_allowed) {
            dhe_refused_for_group = true;
            continue;
        }
        return info;
    }
    if (dhe_refused_for_group) {
        // RFC 7919 §4: "... and none of the client's proposed non-FFDHE cipher suites are
        // acceptable to the server, the server MUST end the connection with a fatal TLS alert of
        // type insufficient_security(71)."
        throw TlsError(AlertDescription::insufficient_security,
                       "the client lists FFDHE groups in supported_groups but none this server accepts, and offers no "
                       "other suite this server accepts (RFC 7919 §4)");
    }
    std::vector<std::uint16_t> ours;
    for (CipherSuite s : common.cipher_suites) ours.push_back(static_cast<std::uint16_t>(s));
    throw TlsError(AlertDescription::handshake_failure,
                   "no cipher suite in common: the client offers " + suite_list(ch.cipher_suites) +
                       "; this server accepts " + suite_list(ours) + " (in " + version_label(session.version) + ")" +
                       (can_sign ? "" : " (DHE_RSA and ECDHE_RSA suites need a signature algorithm in common, none is)") +
                       (x25519 ? "" : " (ECDHE_RSA suites need x25519 in the client's supported_groups, it is not)"));
}

// RFC 5246 §7.4.1.2, §7.4.1.3: why a saved session may not be resumed by this ClientHello
// (empty: it may). The same rules for a session from the cache and one from a ticket.
std::string ServerImpl::why_not_resume(const SessionState& s, const ClientHello& ch) const {
    // RFC 5246 §7.4.1.3: an abbreviated handshake continues the session's version.
    if (s.version != session.version) {
        return "it was made with " + version_label(s.version) + ", not " + version_label(session.version);
    }
    // §7.4.1.2: the ClientHello "MUST include the cipher_suite from that session".
    if (!ch.offers_suite(s.cipher_suite)) return "the client no longer offers its cipher suite " + cipher_suite_label(s.cipher_suite);
    if (std::find(common.cipher_suites.begin(), common.cipher_suites.end(), static_cast<CipherSuite>(s.cipher_suite)) ==
        common.cipher_suites.end()) {
        return "this server no longer accepts its cipher suite " + cipher_suite_label(s.cipher_suite);
    }
    std::string why_not;
    const EmsResumption ems = server_ems_resumption(s.extended_master_secret, ch.extensions.extended_master_secret, why_not);
    // RFC 7627 §5.3 (the table in extended_master_secret.h): abort, or a full handshake
    if (ems == EmsResumption::abort) throw TlsError(AlertDescription::handshake_failure, why_not);
    if (ems != EmsResumption::resume) return why_not;
    if (s.encrypt_then_mac != server_negotiates_encrypt_then_mac(ch.extensions.encrypt_then_mac, common.encrypt_then_mac,
                                                                 *find_cipher_suite(s.cipher_suite))) {
        // RFC 7366 §3.1: "if the mechanism for the current session is X, then the renegotiated
        // session should also use X": a session resumes only with the record mechanism it had.
        return "encrypt_then_mac would differ from the original handshake (RFC 7366 §3.1)";
    }
    // RFC 6066 §3: "the server ... MUST NOT accept the request to resume the session if the
    // server_name extension contains a different name."
    if (s.server_name != ch.extensions.server_name.value_or("")) return "the server name differs (RFC 6066 §3)";
    if (client_auth == ClientAuth::require && s.peer_certificates.empty()) {
        return "it has no client certificate, which this server now requires";
    }
    return "";
}

// RFC 5246 §7.4.1.2, §7.4.1.3: the session named by the ClientHello, if it may be resumed here.
// Anything that does not match exactly gives a full handshake (a new session), never a failure.
std::optional<SessionState> ServerImpl::find_resumable(const ClientHello& ch) {
    // A renegotiation that asks for a client certificate needs a full handshake to get one.
    if (renegotiating && client_auth != config.client_auth) return std::nullopt;
    // RFC 5077 §3.4: "If a ticket is presented by the client, the server MUST NOT attempt to use
    // the Session ID in the ClientHello for stateful session resumption."
    if (config.ticket_keys && ch.extensions.session_ticket && !ch.extensions.session_ticket->empty()) {
        return resumable_from_ticket(ch);
    }
    if (!config.session_cache || ch.session_id.empty()) return std::nullopt;
    std::optional<SessionState> s = config.session_cache->find(ch.session_id, common.clock());
    const std::string why_not =
        s ? why_not_resume(*s, ch) : "it is not in the cache (never made here, expired, evicted or ended by a fatal alert)";
    if (!why_not.empty()) {
        trace_note("not resuming session " + describe_hex(ch.session_id) + ": " + why_not + "; a full handshake follows",
                   "RFC 5246 §7.4.1.3");
        return std::nullopt;
    }
    return s;
}

// RFC 5077 §3.1, Figure 2 and §3.4: the session inside the client's ticket. A bad, foreign or
// expired ticket is no error: "If the server cannot or does not want to honor the ticket, then it
// can initiate a full handshake with the client." (§3.4)
std::optional<SessionState> ServerImpl::resumable_from_ticket(const ClientHello& ch) {
    OpenedTicket opened = config.ticket_keys->open(*ch.extensions.session_ticket, common.clock());
    std::string why_not = opened.session ? why_not_resume(*opened.session, ch) : opened.why_not;
    if (!why_not.empty()) {
        report(TicketTrace{TicketTrace::Kind::rejected, why_not + "; a full handshake follows (and a new ticket)", "RFC 5077 §3.4"});
        return std::nullopt;
    }
    // §3.4: "If the server accepts the ticket and the Session ID is not empty, then it MUST
    // respond with the same Session ID present in the ClientHello."
    opened.session->session_id = ch.session_id;
    ticket_promised = opened.renew;
    report(TicketTrace{TicketTrace::Kind::accepted,
                       opened.renew ? "its session resumes; its key no longer issues tickets, so a new ticket follows"
                                    : "its session resumes, with no server-side state",
                       "RFC 5077 §3.1, Figure 2"});
    return std::move(opened.session);
}

// RFC 5077 §3.3: NewSessionTicket, just before our ChangeCipherSpec.
void ServerImpl::send_new_session_ticket(const SessionState& s) {
    const std::int64_t now = common.clock();
    NewSessionTicket nst;
    nst.ticket = config.ticket_keys->seal(s, now, random);
    // §3.3: "a zero-length ticket" when the server promised one and cannot give it.
    nst.ticket_lifetime_hint = nst.ticket.empty() ? 0 : config.ticket_keys->lifetime_hint(s.created, now);
    send_handshake(nst.encode());
    report(TicketTrace{session.resumed ? TicketTrace::Kind::renewed : TicketTrace::Kind::issued,
                       nst.ticket.empty() ? "an empty ticket: the session state is too large for one"
                                          : std::to_string(nst.ticket.size()) + "-byte ticket, lifetime hint " +
                                                std::to_string(nst.ticket_lifetime_hint) + " s",
                       "RFC 5077 §3.3"});
}

// RFC 5246 §7.4.4: "A non-anonymous server can optionally request a certificate from the client".
CertificateRequest ServerImpl::certificate_request() const {
    CertificateRequest req;
    req.certificate_types = {1};  // rsa_sign
    req.supported_signature_algorithms = default_signature_algorithms();
    // certificate_authorities: "A list of the distinguished names [X501] of acceptable
    // certificate_authorities, represented in DER-encoded format."
    for (const Bytes& anchor : config.client_trust_anchors) {
        req.certificate_authorities.push_back(x509::Certificate::parse(anchor).subject().der());
    }
    return req;
}

namespace {

// What check_client_hello finds in an acceptable ClientHello.
struct ClientHelloCheck {
    bool secure_renegotiation = false;  // RFC 5746: the SCSV or an empty renegotiation_info
    std::vector<NoteTrace> notes;       // what was offered and is not used, for the trace
};

// RFC 5246 §7.4.1.2 and RFC 5746 §3.6: what a ClientHello must be here (its version is checked
// by choose_server_version, protocol_versions.h).
ClientHelloCheck check_client_hello(const ClientHello& ch, std::uint16_t version,
                                    const std::optional<RenegotiationBinding>& renegotiating) {
    // §7.4.1.2: compression_methods "MUST contain, and all implementations MUST support,
    // CompressionMethod.null".
    if (std::find(ch.compression_methods.begin(), ch.compression_methods.end(), 0) == ch.compression_methods.end()) {
        throw TlsError(AlertDescription::illegal_parameter,
                       "the ClientHello's compression_methods lacks null(0) (RFC 5246 §7.4.1.2)");
    }
    // RFC 5746 §3.6: the SCSV or an empty renegotiation_info both say "I do secure renegotiation";
    // a non-empty one on an initial handshake is an attack or a bug: handshake_failure.
    ClientHelloCheck checked;
    checked.secure_renegotiation = ch.offers_suite(TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
    if (renegotiating) {
        check_renegotiating_client_hello(*renegotiating, ch);  // RFC 5746 §3.7
        checked.secure_renegotiation = true;
    } else if (ch.extensions.renegotiation_info) {
        if (!ch.extensions.renegotiation_info->empty()) {
            throw TlsError(AlertDescription::handshake_failure,
                           "the client's renegotiation_info is not empty on an initial handshake (RFC 5746 §3.6)");
        }
        checked.secure_renegotiation = true;
    }
    // RFC 8422 §5.1.2: "If the client sends the extension and the extension does not contain the
    // uncompressed point format, and the client has used the Supported Groups extension to
    // indicate support for any of the curves defined in this specification, then the server MUST
    // abort the handshake and return an illegal_parameter alert." (The FFDHE groups of RFC 7919 are
    // not curves of RFC 8422: a list of those alone does not count.)
    const bool lists_a_curve = ch.extensions.supported_groups &&
                               std::any_of(ch.extensions.supported_groups->begin(), ch.extensions.supported_groups->end(),
                                           [](std::uint16_t g) { return !is_ffdhe_code_point(g); });
    if (ch.extensions.ec_point_formats && lists_a_curve &&
        std::find(ch.extensions.ec_point_formats->begin(), ch.extensions.ec_point_formats->end(),
                  ec_point_format_uncompressed) == ch.extensions.ec_point_formats->end()) {
        throw TlsError(AlertDescription::illegal_parameter,
                       "the client's ec_point_formats lacks uncompressed(0) (RFC 8422 §5.1.2)");
    }
    if (!ch.extensions.signature_algorithms && version >= tls12_version) {
        checked.notes.push_back({"no signature_algorithms: the client is assumed to accept {sha1, rsa}", "RFC 5246 §7.4.1.4.1"});
    }
    return checked;
}

}  // namespace

// RFC 7301 §3.2: "In the event that the server supports no protocols that the client
// advertises, then the server SHALL respond with a fatal "no_application_protocol" alert."
std::string ServerImpl::choose_alpn(const ClientHello& ch) const {
    if (!ch.extensions.alpn || common.alpn_protocols.empty()) return "";
    for (const std::string& ours : common.alpn_protocols) {
        if (std::find(ch.extensions.alpn->begin(), ch.extensions.alpn->end(), ours) != ch.extensions.alpn->end()) {
            return ours;
        }
    }
    throw TlsError(AlertDescription::no_application_protocol,
                   "none of the client's ALPN protocols is served here (RFC 7301 §3.2)");
}

// Step 1 received. Forks: a resumed session (ServerHello, ChangeCipherSpec, Finished) or a new one
// (steps 2, 3 and 4 as one flight, with a CertificateRequest when client certificates are wanted).
void ServerImpl::on_client_hello(const Incoming& in) {
    client_hello = ClientHello::parse(in.message->body);
    const ClientHello& ch = client_hello;
    choose_version(ch);
    ClientHelloCheck checked = check_client_hello(ch, session.version, renegotiating);
    for (NoteTrace& note : checked.notes) report(std::move(note));
    const bool secure_renegotiation = checked.secure_renegotiation;
    require_extended_master_secret(ch);
    CertificateChoice certificate = choose_certificate(config, ch.extensions.server_name);  // RFC 6066 §3
    if (!certificate.note.empty()) trace_note(std::move(certificate.note), "RFC 6066 §3");
    credentials = std::move(certificate.credentials);
    const std::string alpn = choose_alpn(ch);

    session.client_random = ch.random;
    session.server_random = fresh_random(common.clock(), random);
    session.server_name = ch.extensions.server_name.value_or("");
    session.secure_renegotiation = secure_renegotiation;
    // RFC 7627 §5.2: a server that receives the extension answers with it and uses it.
    session.extended_master_secret = ch.extensions.extended_master_secret;
    session.alpn_protocol = alpn;
    // RFC 8446 §4.1.3: a server able to do TLS 1.2 marks a lower choice in its random.
    if (set_downgrade_sentinel(session.server_random, session.version, common.versions)) {
        trace_note("ServerHello.random ends with \"DOWNGRD\" 00: this server supports TLS 1.2 and chose less, so a "
                   "TLS 1.2 client that was forced down notices", "RFC 8446 §4.1.3");
    }

    ServerHello sh;
    sh.server_version = session.version;
    sh.random = session.server_random;
    sh.compression_method = 0;
    // RFC 5746 §3.6: empty on an initial handshake; §3.7: both verify_data on a renegotiation.
    if (secure_renegotiation) {
        sh.extensions.add(ExtensionType::renegotiation_info,
                          encode_renegotiation_info(renegotiating ? server_renegotiated_connection(*renegotiating) : Bytes{}));
    }
    if (std::optional<SessionState> saved = find_resumable(ch)) {
        // RFC 5077 §3.2: the empty SessionTicket extension announces a NewSessionTicket.
        if (ticket_promised) sh.extensions.add(ExtensionType::session_ticket, {});
        resume_session(sh, std::move(*saved));
        choose_next(State::server_resume_wait_change_cipher_spec);
        return;
    }
    // RFC 5077 §3.2: a client that sent the extension (empty or with a ticket we did not take)
    // gets a new ticket.
    ticket_promised = config.ticket_keys && ch.extensions.session_ticket.has_value();
    if (ticket_promised) sh.extensions.add(ExtensionType::session_ticket, {});
    start_full_handshake(sh, ch);
    if (session.client_certificate_requested) choose_next(State::server_wait_client_certificate);
}

// RFC 5746 §3.7 and the policy of renegotiation.h: a ClientHello on the established connection
// starts a renegotiation, or gets a no_renegotiation warning.
void ServerImpl::on_renegotiating_client_hello(const Incoming& in) {
    std::string why_not = why_not_renegotiate();
    if (why_not.empty() && !hello_request_sent && !config.client_renegotiation) {
        why_not = "renegotiation started by the client is off by default, as in OpenSSL 3 (each costs this server a "
                  "full handshake, and it was the way in of the 2009 attack, RFC 5746 §1); --client-renegotiation "
                  "allows it";
    }
    if (!why_not.empty()) {
        refuse_renegotiation(in, why_not);
        choose_next(State::established);
        return;
    }
    begin_renegotiation(hello_request_sent ? "the ClientHello above answers our HelloRequest"
                                           : "the ClientHello above, from the client (--client-renegotiation)");
    append(transcript, in.message->raw);  // RFC 5246 §7.4.9: the new handshake's first message
    key_exchange.reset();
    certificate_verify_expected.reset();
    client_key.reset();
    ticket_promised = false;
    on_client_hello(in);
}

// RFC 5246 §7.4.1.1: "HelloRequest is a simple notification that the server wishes to restart the
// negotiation process"; the client answers with a ClientHello (or a no_renegotiation warning).
void ServerImpl::start_renegotiation(bool ask_client_certificate) {
    if (ask_client_certificate && config.client_trust_anchors.empty()) {
        throw Error("renegotiate: asking for a client certificate needs the CAs that may issue it (client_trust_anchors)");
    }
    if (ask_client_certificate && client_auth == ClientAuth::none) client_auth = ClientAuth::request;
    hello_request_sent = true;
    trace_note(std::string("asking the client to renegotiate") +
                   (ask_client_certificate ? ", with a CertificateRequest in the new handshake" : ""),
               "RFC 5246 §7.4.1.1");
    send_handshake(HelloRequest{}.encode());
}

// RFC 5246 Appendix E.1: the highest version both support; RFC 7507 §3: a fallback retry the
// server could have served better is refused. The decision and its rule go to the trace.
void ServerImpl::choose_version(const ClientHello& ch) {
    const VersionChoice choice = choose_server_version(ch.client_version, common.versions);
    if (renegotiating && choice.version != session.version) {
        throw TlsError(AlertDescription::protocol_version,
                       "the renegotiating ClientHello offers " + version_label(ch.client_version) + "; the connection is " +
                           version_label(session.version) + ", which a renegotiation keeps (renegotiation.h)");
    }
    check_fallback_scsv(ch, common.versions);
    agree_version(choice.version);
    session.version_decision = choice.reason;
    trace_note(choice.reason);  // the sentence names its rule
}

// RFC 5246 §7.3, Figure 2: the abbreviated handshake: ServerHello, ChangeCipherSpec, Finished.
void ServerImpl::resume_session(ServerHello& sh, SessionState saved) {
    sh.session_id = saved.session_id;  // §7.4.1.3: the same value: "This indicates a resumed session"
    sh.cipher_suite = saved.cipher_suite;
    // RFC 6066 §3: "When resuming a session, the server MUST NOT include a server_name
    // extension in the server hello."
    if (session.extended_master_secret) sh.extensions.add(ExtensionType::extended_master_secret, {});
    session.encrypt_then_mac = saved.encrypt_then_mac;  // RFC 7366 §3.1 (find_resumable checked it)
    if (session.encrypt_then_mac) sh.extensions.add(ExtensionType::encrypt_then_mac, {});
    if (!session.alpn_protocol.empty()) {
        sh.extensions.add(ExtensionType::application_layer_protocol_negotiation, encode_alpn({session.alpn_protocol}));
    }
    session.session_id = saved.session_id;
    session.resumed = true;
    session.peer_certificates = saved.peer_certificates;
    session.peer_verified = saved.peer_verified;
    session_created = saved.created;
    const Negotiated& negotiated = negotiate(*find_cipher_suite(saved.cipher_suite));
    trace_note("resuming session " + describe_hex(saved.session_id) +
                   ": ServerHello, then ChangeCipherSpec and Finished at once, from the saved master secret",
               "RFC 5246 §7.3, Figure 2");
    send_handshake(sh.encode());
    if (ticket_promised) send_new_session_ticket(saved);  // RFC 5077 §3.1, Figure 2
    const KeysDerived& keys = resume_keys(negotiated, std::move(saved.master_secret));
    send_change_cipher_spec(keys);
    const VerifyData mine = finished_for(keys, Sender::server, transcript);
    send_handshake(Finished{mine.verify_data}.encode());
}

// RFC 7627 §5.2: "If the server receives a ClientHello without the extension, it SHOULD abort the
// handshake if it does not wish to interoperate with legacy clients." (--require-ems)
void ServerImpl::require_extended_master_secret(const ClientHello& ch) const {
    if (!common.require_extended_master_secret || ch.extensions.extended_master_secret) return;
    throw TlsError(AlertDescription::handshake_failure,
                   "the client does not offer extended_master_secret, which this server requires (--require-ems, "
                   "RFC 7627 §5.2)");
}

// RFC 7366 §3: ETM for a CBC suite when the client asks and we allow it; never for AEAD or NULL.
void ServerImpl::answer_encrypt_then_mac(const ClientHello& ch, const CipherSuiteInfo& suite) {
    session.encrypt_then_mac = server_negotiates_encrypt_then_mac(ch.extensions.encrypt_then_mac, common.encrypt_then_mac, suite);
    if (!ch.extensions.encrypt_then_mac || session.encrypt_then_mac) return;
    trace_note(common.encrypt_then_mac ? "encrypt_then_mac offered; not for a " + std::string(suite.iana_name) +
                                             " (only CBC suites use it): not answered"
                                       : "encrypt_then_mac offered; --no-etm: records stay MAC-then-encrypt",
               "RFC 7366 §3");
}

// RFC 5246 §7.3, Figure 1, steps 2 to 4: ServerHello, Certificate, [ServerKeyExchange],
// [CertificateRequest], ServerHelloDone.
void ServerImpl::start_full_handshake(ServerHello& sh, const ClientHello& ch) {
    const FfdheChoice ffdhe = choose_ffdhe_group(ch.extensions.supported_groups, config.ffdhe_groups, config.dh_group);
    const CipherSuiteInfo& suite = choose_suite(ch, ffdhe);
    if (uses_ffdhe(suite) || ffdhe.rule == FfdheChoice::Rule::none_acceptable) {
        trace_note(ffdhe.explanation, "RFC 7919 §4");
    }
    answer_encrypt_then_mac(ch, suite);
    negotiate(suite);
    // §7.4.1.3: an empty session_id means "the session will not be cached and therefore cannot be
    // resumed"; with a cache, a fresh random ID. RFC 5077 §3.4: "If a server is planning on issuing
    // a session ticket to a client that does not present one, it SHOULD include an empty Session
    // ID in the ServerHello": the ticket replaces the cache entry.
    if (config.session_cache && !ticket_promised) session.session_id = random.bytes(session_id_length);
    sh.session_id = session.session_id;
    sh.cipher_suite = static_cast<std::uint16_t>(suite.suite);
    if (ch.extensions.server_name) sh.extensions.add(ExtensionType::server_name, {});  // RFC 6066 §3 ack
    if (session.extended_master_secret) sh.extensions.add(ExtensionType::extended_master_secret, {});
    if (session.encrypt_then_mac) sh.extensions.add(ExtensionType::encrypt_then_mac, {});
    if (!session.alpn_protocol.empty()) {
        sh.extensions.add(ExtensionType::application_layer_protocol_negotiation, encode_alpn({session.alpn_protocol}));
    }
    // RFC 8422 §5.2: "A server that selects an ECC cipher suite in response to a ClientHello
    // message including a Supported Point Formats Extension appends this extension".
    if (suite.key_exchange == KeyExchange::ecdhe_rsa && ch.extensions.ec_point_formats) {
        sh.extensions.add(ExtensionType::ec_point_formats, encode_ec_point_formats({ec_point_format_uncompressed}));
    }
    send_handshake(sh.encode());                                                       // step 2
    // §7.4.2: a Certificate "whenever the agreed-upon key exchange method uses certificates for
    // authentication", that is with every key exchange but DH_anon.
    if (!is_anonymous(suite)) send_handshake(CertificateMessage{credentials->chain()}.encode());  // step 3
    key_exchange = make_server_key_exchanger(suite.key_exchange,
                                             ServerKeyExchangeContext{session.client_random, session.server_random,
                                                                      credentials->impl().key,
                                                                      choose_signature_algorithm(ch.extensions.signature_algorithms, session.version),
                                                                      ffdhe.group, ch.client_version});
    KeyExchangeStep step = key_exchange->server_key_exchange(random);                // step 3
    if (!step.group.empty()) session.dh_group = step.group;
    report(step);
    if (step.message) send_handshake(std::move(*step.message));
    // §7.4.4: "A non-anonymous server can optionally request a certificate from the client" (and
    // "It is a fatal handshake_failure alert for an anonymous server to request client authentication").
    if (client_auth != ClientAuth::none && !is_anonymous(suite)) {
        session.client_certificate_requested = true;
        send_handshake(certificate_request().encode(session.version));
    }
    send_handshake(ServerHelloDone{}.encode());                                        // step 4
}

// Step 5, the client's Certificate, RFC 5246 §7.4.6.
void ServerImpl::on_client_certificate(const Incoming& in) {
    CertificateMessage cm = CertificateMessage::parse(in.message->body);
    if (cm.certificate_list.empty()) {
        // §7.4.6: "If the client does not send any certificates, the server MAY at its discretion
        // either continue the handshake without client authentication, or respond with a fatal
        // handshake_failure alert."
        if (client_auth == ClientAuth::require) {
            throw TlsError(AlertDescription::handshake_failure,
                           "the client sent no certificate, and this server requires one (RFC 5246 §7.4.6)");
        }
        trace_note("the client sent no certificate; going on without client authentication", "RFC 5246 §7.4.6");
        return;
    }
    const std::int64_t when = config.validation_time.value_or(common.clock());
    ClientCertificateCheck checked = check_client_certificate(cm.certificate_list, config.client_trust_anchors, when);
    for (std::string& note : checked.notes) trace_note(std::move(note), "RFC 5280 §6");
    session.peer_certificates = std::move(cm.certificate_list);
    session.peer_verified = true;
    client_key = std::move(checked.key);
}

// Step 5: ClientKeyExchange, RFC 5246 §7.4.7; then step 6. Fork: a client that sent a certificate
// proves it holds its key with CertificateVerify next.
void ServerImpl::on_client_key_exchange(const Incoming& in, const Negotiated& negotiated, ServerKeyExchanger& kx) {
    KeyExchangeStep step = kx.receive_client_key_exchange(in.message->body, random);
    report(step);
    key_exchange.reset();  // its part is done: it made the premaster
    if (client_key) {
        // Step 6 waits until CertificateVerify (step 5) is checked, as the RFC orders them.
        certificate_verify_expected.emplace(
            CertificateVerifyExpected{std::move(*client_key), std::move(*step.pre_master_secret)});
        choose_next(State::server_wait_certificate_verify);
        return;
    }
    derive_keys(negotiated, *step.pre_master_secret, transcript);  // step 6
}

// Step 5: CertificateVerify, RFC 5246 §7.4.8: the signature over every message before it.
void ServerImpl::on_certificate_verify(const Incoming& in, const Negotiated& negotiated,
                                       CertificateVerifyExpected& expected) {
    const CertificateVerify cv = CertificateVerify::parse(in.message->body, nullptr, session.version);
    report(verify_certificate_verify(expected.client_key, cv.signature, transcript_before_current(),
                                     accepted_signature_algorithms(session.version)));  // our CertificateRequest's list
    // RFC 7627 §3: the session hash ends with ClientKeyExchange, before this message.
    derive_keys(negotiated, expected.pre_master_secret, transcript_before_current());  // step 6
    certificate_verify_expected.reset();
}

// Step 7: the client's ChangeCipherSpec, RFC 5246 §7.1.
void ServerImpl::on_change_cipher_spec(const Incoming&, const KeysDerived& keys) { switch_read_keys(keys); }

// Step 8: the client's Finished, RFC 5246 §7.4.9; then steps 9 and 10. The session is complete:
// it goes into the cache.
void ServerImpl::on_finished(const Incoming& in, const KeysDerived& keys) {
    const Finished theirs = Finished::parse(in.message->body);
    const VerifyData expected = finished_for(keys, Sender::client, transcript_before_current());
    const FinishedVerified proof = verify_finished(theirs, expected);
    if (ticket_promised) {
        session_created = common.clock();
        send_new_session_ticket(session_state());  // RFC 5077 §3.1, Figure 1: before step 9
    }
    send_change_cipher_spec(keys);                                            // step 9
    const VerifyData mine = finished_for(keys, Sender::server, transcript);  // includes the client's Finished
    send_handshake(Finished{mine.verify_data}.encode());                // step 10
    accept_finished(proof);
}

// RFC 5246 §7.3: a full handshake's session goes into the cache once it is complete.
void ServerImpl::on_handshake_complete() {
    if (session.resumed || !config.session_cache || session.session_id.empty()) return;
    session_created = common.clock();
    config.session_cache->store(session_state(), session_created);
    trace_note("session " + describe_hex(session.session_id) + " stored in the cache for resumption", "RFC 5246 §7.3");
}

// Figure 2: the client's Finished ends the abbreviated handshake.
void ServerImpl::on_resumed_finished(const Incoming& in, const KeysDerived& keys) {
    const Finished theirs = Finished::parse(in.message->body);
    const VerifyData expected = finished_for(keys, Sender::client, transcript_before_current());
    accept_finished(verify_finished(theirs, expected));
}

Server::Server(ServerConfig config, crypto::RandomSource& random, TraceSink* trace)
    : Engine(std::make_unique<ServerImpl>(std::move(config), random, trace)) {}

}  // namespace lucid::handshake
