// The client side of the handshake, RFC 5246 §7.3. The full handshake, Figure 1:
//
//      Client                                               Server
//      ClientHello                  -------->                                step 1
//                                                      ServerHello           step 2
//                                                      Certificate           step 3
//                                                ServerKeyExchange*          step 3 (DHE_RSA only)
//                                               CertificateRequest*          step 3 (if asked)
//                                   <--------      ServerHelloDone           step 4
//      Certificate*                                                          step 5 (if asked)
//      ClientKeyExchange                                                     step 5
//      CertificateVerify*                                                    step 5 (if a certificate was sent)
//      (master secret, keys)                                                 step 6
//      [ChangeCipherSpec]                                                    step 7
//      Finished                     -------->                                step 8
//                                               [ChangeCipherSpec]           step 9
//                                   <--------             Finished           step 10
//      Application Data             <------->     Application Data           step 11
//
// and the abbreviated handshake that resumes a session, Figure 2 (the server finishes first):
//
//      ClientHello (session_id)     -------->
//                                                      ServerHello (same session_id)
//                                               [ChangeCipherSpec]
//                                   <--------             Finished
//      [ChangeCipherSpec]
//      Finished                     -------->
//
// With session tickets (RFC 5077 §3.1) a NewSessionTicket comes before the server's
// ChangeCipherSpec when the ServerHello carried an empty SessionTicket extension: in Figure 1 after
// our Finished, in Figure 2 right after ServerHello (the server renews the ticket it resumed).
//
// start() sends step 1. After that, client_flow below says, for each state, which message may
// come next, which function handles it and which state follows (or may follow, at the forks).
// Everything else is unexpected_message (Engine::Impl::dispatch).
#include <algorithm>

#include "handshake/anonymous_lab.h"
#include "handshake/certificate_check.h"
#include "handshake/credentials_impl.h"
#include "handshake/encrypt_then_mac.h"
#include "handshake/extended_master_secret.h"
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

// RFC 5246 §7.4.4 ClientCertificateType rsa_sign(1): the only kind of certificate lucidtls has.
constexpr std::uint8_t rsa_sign = 1;

// RFC 6066 §3: the server_name we send: a DNS host name "without a trailing dot", never an IP
// literal; a name that is not a valid HostName is not sent at all.
std::string sni_of(const std::string& server_name) {
    std::string name = server_name;
    if (!name.empty() && name.back() == '.') name.pop_back();
    return host_name_problem(name) ? std::string() : name;
}

}  // namespace

struct ClientImpl final : Engine::Impl {
    ClientImpl(ClientConfig c, crypto::RandomSource& rng, TraceSink* sink)
        : Impl(Role::client, c, rng, sink, State::client_start), config(std::move(c)) {
        if (config.verify_peer && config.server_name.empty()) {
            throw Error("ClientConfig: a server name is needed to verify the certificate (or turn verification off)");
        }
        require_lab_flag_for_anonymous_suites(config.cipher_suites, config.lab_anonymous);
    }

    void start() override;
    void start_renegotiation(bool ask_client_certificate) override;
    void send_client_hello(const Incoming& in);
    void on_hello_request(const Incoming& in);
    void on_renegotiation_call(const Incoming& in);
    bool run_flow(const Incoming& in) override;
    std::string expected_in(State s) const override;

    // The handlers, one per row; after the message, the stages each needs (handshake_stages.h).
    void on_server_hello(const Incoming& in);
    void on_certificate(const Incoming& in, const Negotiated& negotiated);
    void on_server_key_exchange(const Incoming& in, ClientKeyExchanger& kx);
    void on_certificate_request(const Incoming& in);
    void on_server_hello_done(const Incoming& in, const Negotiated& negotiated, ClientKeyExchanger& kx);
    void on_change_cipher_spec(const Incoming& in, const KeysDerived& keys);
    void on_finished(const Incoming& in, const KeysDerived& keys);
    void on_resumed_finished(const Incoming& in, const KeysDerived& keys);
    void on_new_session_ticket(const Incoming& in);
    void offer_session(const SessionState& s);

    bool may_offer(const SessionState& s, std::string& why_not) const;
    bool offers_ecdhe() const;
    bool offers_cbc() const;
    void accept_encrypt_then_mac(const ServerHello& sh, const CipherSuiteInfo& suite);
    bool offers_dhe() const;
    std::vector<std::uint16_t> offered_ffdhe_groups() const;
    std::vector<std::uint16_t> supported_groups() const;
    void check_server_hello_extensions(const ServerHello& sh);
    void accept_server_version(const ServerHello& sh);
    void resume(const ServerHello& sh, const CipherSuiteInfo& suite);
    void start_anonymous_key_exchange(const Negotiated& negotiated);
    std::optional<std::uint16_t> client_certificate_algorithm(const CertificateRequest& req);

    // The client's own stage slot: the key exchange, made from the server's validated certificate
    // key (on_certificate); it holds what ServerKeyExchange brings until ClientKeyExchange.
    std::unique_ptr<ClientKeyExchanger> key_exchange;
    template <class Stage>
    Stage& known(State at) {
        if constexpr (std::is_same_v<Stage, ClientKeyExchanger>) return present(key_exchange.get(), at, "the key exchange");
        else return Impl::known<Stage>(at);
    }

    ClientConfig config;
    ClientHello hello;  // as sent
    std::optional<CertificateRequest> certificate_request;  // if the server asked for a certificate
    bool ticket_offered = false;   // RFC 5077: our ClientHello carries the saved session's ticket
    bool ticket_promised = false;  // RFC 5077 §3.2: the ServerHello's SessionTicket extension
};

// RFC 5246 §7.3: the client's half of Figures 1 and 2, as a table.
// clang-format off
const Flight client_key_exchange_flight = flight({maybe("Certificate"), send("ClientKeyExchange"), maybe("CertificateVerify"),
                                                  send("ChangeCipherSpec"), send("Finished")});
const FlowStep<ClientImpl> client_flow[] = {
    // in state                                     the next message may be                                 handled by                              and we send                   then                                     (or, at a fork)
    {State::client_start,                           start_call,                                            &ClientImpl::send_client_hello,        flight({send("ClientHello")}), State::client_wait_server_hello},
    // (DH_anon has no Certificate, RFC 5246 §7.4.2: ServerHello goes straight to client_wait_server_key_exchange)
    {State::client_wait_server_hello,               handshake_message(HandshakeType::server_hello),        &ClientImpl::on_server_hello,          nothing_sent,                 State::client_wait_certificate,          {State::client_resume_wait_change_cipher_spec, State::client_resume_wait_new_session_ticket, State::client_wait_server_key_exchange}},
    {State::client_wait_certificate,                handshake_message(HandshakeType::certificate),         &ClientImpl::on_certificate,           nothing_sent,                 State::client_wait_server_hello_done,    {State::client_wait_server_key_exchange}},
    {State::client_wait_server_key_exchange,        handshake_message(HandshakeType::server_key_exchange), &ClientImpl::on_server_key_exchange,   nothing_sent,                 State::client_wait_server_hello_done},
    {State::client_wait_server_hello_done,          handshake_message(HandshakeType::certificate_request), &ClientImpl::on_certificate_request,   nothing_sent,                 State::client_certificate_requested},
    {State::client_wait_server_hello_done,          handshake_message(HandshakeType::server_hello_done),   &ClientImpl::on_server_hello_done,     client_key_exchange_flight,   State::client_wait_change_cipher_spec,   {State::client_wait_new_session_ticket}},
    {State::client_certificate_requested,           handshake_message(HandshakeType::server_hello_done),   &ClientImpl::on_server_hello_done,     client_key_exchange_flight,   State::client_wait_change_cipher_spec,   {State::client_wait_new_session_ticket}},
    // RFC 5077 §3.1, Figure 1: the server's NewSessionTicket before its ChangeCipherSpec
    {State::client_wait_new_session_ticket,         handshake_message(HandshakeType::new_session_ticket),  &ClientImpl::on_new_session_ticket,   nothing_sent,                 State::client_wait_change_cipher_spec},
    {State::client_wait_change_cipher_spec,         change_cipher_spec_message,                            &ClientImpl::on_change_cipher_spec,    nothing_sent,                 State::client_wait_finished},
    {State::client_wait_finished,                   handshake_message(HandshakeType::finished),            &ClientImpl::on_finished,              nothing_sent,                 State::established},
    // Figure 2: the abbreviated handshake (RFC 5077 §3.1, Figure 2: with a renewed ticket first)
    {State::client_resume_wait_new_session_ticket,  handshake_message(HandshakeType::new_session_ticket),  &ClientImpl::on_new_session_ticket,   nothing_sent,                 State::client_resume_wait_change_cipher_spec},
    {State::client_resume_wait_change_cipher_spec,  change_cipher_spec_message,                            &ClientImpl::on_change_cipher_spec,    nothing_sent,                 State::client_resume_wait_finished},
    {State::client_resume_wait_finished,            handshake_message(HandshakeType::finished),            &ClientImpl::on_resumed_finished,      flight({send("ChangeCipherSpec"), send("Finished")}), State::established},
    // after the handshake
    {State::established,                            application_data_record,                               &ClientImpl::on_application_data,      nothing_sent,                 State::established},
    {State::closing,                                application_data_record,                               &ClientImpl::on_application_data,      nothing_sent,                 State::closing},
    // RFC 5746: renegotiation, a new handshake from the rows above (or a no_renegotiation warning)
    {State::established,                            handshake_message(HandshakeType::hello_request),       &ClientImpl::on_hello_request,         flight({maybe("ClientHello")}), State::client_wait_server_hello,   {State::established}},
    {State::established,                            start_call,                                            &ClientImpl::on_renegotiation_call,    flight({send("ClientHello")}), State::client_wait_server_hello},
};
// clang-format on

bool ClientImpl::run_flow(const Incoming& in) { return run_flow_table(*this, client_flow, in); }
std::string ClientImpl::expected_in(State s) const { return expected_in_table(client_flow, s); }
std::string client_flow_ladder() { return render_ladder(client_flow, Role::client); }

// RFC 5246 §7.4.1.2: "the client SHOULD include at least the cipher_suite from that session", and
// RFC 6066 §3: a session belongs to the server name it was made with.
bool ClientImpl::may_offer(const SessionState& s, std::string& why_not) const {
    // RFC 5077 §3.4: a ticket names the session as well as an ID does.
    const bool named = !s.session_id.empty() || (config.session_tickets && !s.ticket.empty());
    if (!common.versions.allows(s.version) || !named || s.session_id.size() > 32 ||
        s.master_secret.size() != master_secret_length) {
        why_not = "it is not a session of a version allowed here (" + range_label(common.versions) +
                  ") with an ID (or a ticket) and a 48-byte master secret";
        return false;
    }
    if (std::find(common.cipher_suites.begin(), common.cipher_suites.end(), static_cast<CipherSuite>(s.cipher_suite)) ==
        common.cipher_suites.end()) {
        why_not = "its cipher suite " + cipher_suite_label(s.cipher_suite) + " is not among the suites offered now";
        return false;
    }
    // RFC 7627 §5.3: "The client SHOULD NOT offer an abbreviated handshake to resume a session that
    // does not use an extended master secret. Instead, it SHOULD offer a full handshake."
    if (!s.extended_master_secret) {
        why_not = "it was made without extended_master_secret (RFC 7627 §5.3)";
        return false;
    }
    // A session made with --insecure would carry its unverified server into a verifying client.
    if (config.verify_peer && !s.peer_verified) {
        why_not = "its server certificate was not verified when it was made (--insecure)";
        return false;
    }
    if (s.server_name != sni_of(config.server_name)) {
        why_not = "it was made with server name \"" + s.server_name + "\", not \"" + sni_of(config.server_name) + "\"";
        return false;
    }
    return true;
}

// RFC 8422 §4: whether the ClientHello proposes ECC cipher suites.
bool ClientImpl::offers_ecdhe() const {
    return std::any_of(common.cipher_suites.begin(), common.cipher_suites.end(),
                       [](CipherSuite s) { return cipher_suite_info(s).key_exchange == KeyExchange::ecdhe_rsa; });
}

// RFC 7366 §2: whether the ClientHello proposes a suite that encrypt_then_mac applies to.
bool ClientImpl::offers_cbc() const {
    return std::any_of(common.cipher_suites.begin(), common.cipher_suites.end(),
                       [](CipherSuite s) { return encrypt_then_mac_applies(cipher_suite_info(s)); });
}

// RFC 7919 §3: whether the ClientHello proposes FFDHE (DHE_RSA, DH_anon) cipher suites.
bool ClientImpl::offers_dhe() const {
    return std::any_of(common.cipher_suites.begin(), common.cipher_suites.end(),
                       [](CipherSuite s) { return uses_ffdhe(cipher_suite_info(s)); });
}

std::vector<std::uint16_t> ClientImpl::offered_ffdhe_groups() const {
    if (!offers_dhe()) return {};
    return config.ffdhe_groups.value_or(default_ffdhe_groups());
}

// RFC 8422 §5.1.1 and RFC 7919 §3: x25519 when ECDHE suites are offered, the FFDHE groups when
// DHE suites are ("A compatible client that wants to be able to negotiate strong FFDHE SHOULD
// send a Supported Groups extension ... and include the FFDHE groups it supports").
std::vector<std::uint16_t> ClientImpl::supported_groups() const {
    std::vector<std::uint16_t> groups;
    if (offers_ecdhe()) groups = default_supported_groups();
    for (std::uint16_t g : offered_ffdhe_groups()) groups.push_back(g);
    return groups;
}

void ClientImpl::start() {
    if (state != State::client_start) throw Error("Client::start: the handshake has already started");
    run_flow(Incoming{start_call.content, nullptr, {}});
}

// RFC 5246 §7.4.1.1: "HelloRequest is a simple notification that the server wishes to restart the
// negotiation process"; RFC 5746 §4.2 and the policy of renegotiation.h decide whether we do.
void ClientImpl::on_hello_request(const Incoming& in) {
    HelloRequest::parse(in.message->body);
    const std::string why_not =
        config.renegotiation ? why_not_renegotiate() : "this client does not renegotiate (--no-renegotiation)";
    if (!why_not.empty()) {
        refuse_renegotiation(in, why_not);
        choose_next(State::established);
        return;
    }
    begin_renegotiation("the server asks for it (the HelloRequest above)");
    send_client_hello(in);
}

// RFC 5746 §3.5: a renegotiation this client starts (Engine::renegotiate, s_client's "R").
void ClientImpl::on_renegotiation_call(const Incoming& in) {
    begin_renegotiation("this client starts it");
    send_client_hello(in);
}

// RFC 5746 §3.5: Engine::renegotiate on a client runs the table's row for it (on_renegotiation_call).
void ClientImpl::start_renegotiation(bool) { run_flow(Incoming{start_call.content, nullptr, {}}); }

// Step 1: ClientHello, RFC 5246 §7.4.1.2.
void ClientImpl::send_client_hello(const Incoming&) {
    hello = ClientHello{};
    certificate_request.reset();
    ticket_offered = false;
    // RFC 5246 Appendix E.1: "the latest (highest valued) version supported by the client"; a
    // renegotiation keeps the version agreed (renegotiation.h).
    hello.client_version = renegotiating ? session.version : common.versions.max;
    hello.random = fresh_random(common.clock(), random);
    hello.session_id.clear();  // a new session, unless there is one to resume
    if (config.resume && !renegotiating) {
        std::string why_not;
        if (may_offer(*config.resume, why_not)) {
            offer_session(*config.resume);
        } else {
            trace_note("not offering the saved session: " + why_not, "RFC 5246 §7.4.1.2");
        }
    }
    for (CipherSuite s : common.cipher_suites) {
        // A suite no allowed version can use (the AEAD and SHA-256 suites below TLS 1.2) is not offered.
        const CipherSuiteInfo& info = cipher_suite_info(s);
        if (info.max_version >= common.versions.min && info.min_version <= common.versions.max) {
            hello.cipher_suites.push_back(static_cast<std::uint16_t>(s));
        }
    }
    // RFC 7507 §4: "If a client sends a ClientHello.client_version containing a lower value than
    // the latest (highest-valued) version supported by the client, it SHOULD include the
    // TLS_FALLBACK_SCSV cipher suite value". lucid does no retries itself: the flag says so.
    if (config.fallback_scsv) {
        hello.cipher_suites.push_back(TLS_FALLBACK_SCSV);
        trace_note("TLS_FALLBACK_SCSV: this ClientHello is a fallback retry; a server that supports a higher "
                   "version than " + version_label(hello.client_version) + " will refuse it with inappropriate_fallback",
                   "RFC 7507 §4");
    }
    hello.compression_methods = {0};

    HelloExtensions& ext = hello.extensions;
    // RFC 6066 §3: a DNS host name only, never an IP literal.
    if (const std::string sni = sni_of(config.server_name); !sni.empty()) {
        ext.add(ExtensionType::server_name, encode_server_name(sni));
        session.server_name = sni;
    }
    // RFC 8422 §4: "A client that proposes ECC cipher suites in its ClientHello message SHOULD
    // include these two extensions."; RFC 7919 §3 the same for DHE suites (supported_groups only).
    // A ClientHello with neither stays as it was (the recorded RSA connection of vectors/tls/).
    if (const std::vector<std::uint16_t> groups = supported_groups(); !groups.empty()) {
        ext.add(ExtensionType::supported_groups, encode_supported_groups(groups));
    }
    if (offers_ecdhe()) ext.add(ExtensionType::ec_point_formats, encode_ec_point_formats({ec_point_format_uncompressed}));
    // RFC 7627 §5.1: "clients SHOULD send the extended_master_secret extension"; §5.3: also when
    // offering to resume.
    ext.add(ExtensionType::extended_master_secret, {});
    // RFC 7366 §2: ask for encrypt-then-MAC when a CBC suite is offered (unless --no-etm).
    if (common.encrypt_then_mac && offers_cbc()) ext.add(ExtensionType::encrypt_then_mac, {});
    // RFC 5246 §7.4.1.4.1: what we can verify in the server's certificate chain and, with DHE_RSA,
    // in its ServerKeyExchange. "Clients MUST NOT offer it if they are offering prior versions."
    if (hello.client_version >= tls12_version) {
        ext.add(ExtensionType::signature_algorithms, encode_signature_algorithms(default_signature_algorithms()));
    }
    if (!common.alpn_protocols.empty()) {
        ext.add(ExtensionType::application_layer_protocol_negotiation, encode_alpn(common.alpn_protocols));
    }
    // RFC 5746 §3.4: the empty renegotiation_info (instead of the SCSV) on an initial handshake;
    // §3.5: client_verify_data on a renegotiation.
    ext.add(ExtensionType::renegotiation_info,
            encode_renegotiation_info(renegotiating ? client_renegotiated_connection(*renegotiating) : Bytes{}));
    // RFC 5077 §3.2: "If the client possesses a ticket that it wants to use to resume a session,
    // then it includes the ticket in the SessionTicket extension"; empty otherwise.
    if (config.session_tickets) {
        ext.add(ExtensionType::session_ticket, ticket_offered ? config.resume->ticket : Bytes{});
    }

    session.client_random = hello.random;
    if (renegotiating) return send_handshake(hello.encode());  // records keep the agreed version
    // RFC 5246 Appendix E.1: old servers choke on a ClientHello record marked {3,3}; {3,1} is
    // what OpenSSL and others use for the first record.
    records.set_version(record::tls10);
    send_handshake(hello.encode());
    records.set_version(record_version(hello.client_version));
}

// RFC 5246 §7.4.1.2 and RFC 5077 §3.4: the saved session goes into the ClientHello, by ticket or by ID.
void ClientImpl::offer_session(const SessionState& s) {
    if (config.session_tickets && !s.ticket.empty()) {
        // RFC 5077 §3.4: "When presenting a ticket, the client MAY generate and include a Session
        // ID in the TLS ClientHello. If the server accepts the ticket and the Session ID is not
        // empty, then it MUST respond with the same Session ID". A fresh random ID tells us so.
        hello.session_id = random.bytes(32);
        ticket_offered = true;
        report(TicketTrace{TicketTrace::Kind::offered,
                           std::to_string(s.ticket.size()) + "-byte ticket, with a fresh session ID " +
                               describe_hex(hello.session_id) + " the server echoes if it accepts",
                           "RFC 5077 §3.4"});
        return;
    }
    hello.session_id = s.session_id;
    trace_note("offering to resume session " + describe_hex(hello.session_id) +
                   " (the server may accept it: abbreviated handshake, or start a new one)",
               "RFC 5246 §7.3, §7.4.1.2");
}

// Step 2: ServerHello, RFC 5246 §7.4.1.3. Forks: a new session (Figure 1) or the resumption of
// the one we offered (Figure 2).
void ClientImpl::on_server_hello(const Incoming& in) {
    const ServerHello sh = ServerHello::parse(in.message->body);
    accept_server_version(sh);
    const CipherSuiteInfo* suite = find_cipher_suite(sh.cipher_suite);
    if (suite == nullptr || !hello.offers_suite(sh.cipher_suite)) {
        throw TlsError(AlertDescription::illegal_parameter,
                       "the server chose cipher suite " + cipher_suite_label(sh.cipher_suite) +
                           ", which the client did not offer (RFC 5246 §7.4.1.3)");
    }
    if (!suite_allows_version(*suite, session.version)) {
        throw TlsError(AlertDescription::illegal_parameter,
                       "the server chose cipher suite " + cipher_suite_label(sh.cipher_suite) + ", which " +
                           version_label(session.version) + " does not define (RFC 5246 Appendix A.5)");
    }
    if (sh.compression_method != 0) {
        throw TlsError(AlertDescription::illegal_parameter,
                       "the server chose compression method " + std::to_string(sh.compression_method) +
                           ", which the client did not offer");
    }
    check_server_hello_extensions(sh);
    accept_encrypt_then_mac(sh, *suite);
    session.server_random = sh.random;
    session.session_id = sh.session_id;

    // RFC 5246 §7.4.1.3: "If the ClientHello.session_id was non-empty, the server will look in its
    // session cache for a match. If a match is found ... the server will respond with the same
    // value as was supplied by the client. This indicates a resumed session".
    if (!hello.session_id.empty() && sh.session_id == hello.session_id) {
        resume(sh, *suite);
        choose_next(ticket_promised ? State::client_resume_wait_new_session_ticket : State::client_resume_wait_change_cipher_spec);
        return;
    }
    if (ticket_offered) {
        report(TicketTrace{TicketTrace::Kind::declined, "the ServerHello does not echo our session ID: a full handshake", "RFC 5077 §3.4"});
    } else if (!hello.session_id.empty()) {
        trace_note("the server did not resume the offered session: a full handshake makes a new one", "RFC 5246 §7.4.1.3");
    }
    session_created = common.clock();
    const Negotiated& negotiated = negotiate(*suite);
    if (is_anonymous(*suite)) start_anonymous_key_exchange(negotiated);
}

// RFC 5246 §7.4.2: "The server MUST send a Certificate message whenever the agreed-upon key
// exchange method uses certificates for authentication (this includes all key exchange methods
// defined in this document except DH_anon)": with DH_anon, ServerKeyExchange comes next.
void ClientImpl::start_anonymous_key_exchange(const Negotiated& negotiated) {
    key_exchange = make_client_key_exchanger(negotiated.suite.key_exchange,
                                             ClientKeyExchangeContext{session.client_random, session.server_random, std::nullopt,
                                                                      hello.client_version, accepted_signature_algorithms(session.version),
                                                                      config.minimum_dh_bits, session.version, offered_ffdhe_groups()});
    choose_next(State::client_wait_server_key_exchange);
}

// RFC 5246 §7.4.1.3, Appendix E.1, and RFC 8446 §4.1.3: the version the server chose must be one
// we allow, and not a downgrade the server itself flagged.
void ClientImpl::accept_server_version(const ServerHello& sh) {
    if (renegotiating && sh.server_version != session.version) {
        throw TlsError(AlertDescription::protocol_version,
                       "the server changed the version from " + version_label(session.version) + " to " +
                           version_label(sh.server_version) + " in a renegotiation");
    }
    check_server_version(sh.server_version, common.versions);
    check_downgrade_sentinel(sh.random, sh.server_version, common.versions);
    agree_version(sh.server_version);
    session.version_decision = "client offers up to " + version_label(hello.client_version) + " (allows " +
                               range_label(common.versions) + "); server chose " + version_label(sh.server_version) +
                               " (RFC 5246 Appendix E.1)";
    trace_note(session.version_decision);  // the sentence names its rule
}

// RFC 5246 §7.4.1.4, RFC 5746 §3.4, RFC 7627, RFC 7301 §3.2: the ServerHello's extensions.
void ClientImpl::check_server_hello_extensions(const ServerHello& sh) {
    // RFC 5246 §7.4.1.4: "If a client receives an extension type in ServerHello that it did not
    // request in the associated ClientHello, it MUST abort the handshake with an
    // unsupported_extension fatal alert."
    for (const Extension& e : sh.extensions.list) {
        if (hello.extensions.find(static_cast<ExtensionType>(e.type)) == nullptr) {
            throw TlsError(AlertDescription::unsupported_extension,
                           "the server sent extension " + extension_name(e.type) + ", which the client did not offer");
        }
    }
    // RFC 5746 §3.4: "the client MUST verify that the length of the "renegotiated_connection"
    // field is zero, and if it is not, MUST abort the handshake (by sending a fatal
    // handshake_failure alert)."
    if (renegotiating) {
        check_renegotiating_server_hello(*renegotiating, sh);  // RFC 5746 §3.5
        session.secure_renegotiation = true;
    } else if (sh.extensions.renegotiation_info) {
        if (!sh.extensions.renegotiation_info->empty()) {
            throw TlsError(AlertDescription::handshake_failure,
                           "the server's renegotiation_info is not empty on an initial handshake (RFC 5746 §3.4)");
        }
        session.secure_renegotiation = true;
    } else {
        trace_note("the server does not support secure renegotiation (RFC 5746): this client will refuse to renegotiate "
                   "with it", "RFC 5746 §4.2");
    }
    session.extended_master_secret = sh.extensions.extended_master_secret;
    // RFC 7627 §5.2: "If a client implementing this document receives a ServerHello without the
    // extension, it SHOULD abort the handshake if it does not wish to interoperate with legacy
    // servers." (--require-ems)
    if (common.require_extended_master_secret && !session.extended_master_secret) {
        throw TlsError(AlertDescription::handshake_failure,
                       "the server does not answer extended_master_secret, which this client requires (--require-ems, "
                       "RFC 7627 §5.2)");
    }
    // RFC 8422 §5.2: the server's list MUST hold uncompressed, the one format we sent.
    if (sh.extensions.ec_point_formats &&
        std::find(sh.extensions.ec_point_formats->begin(), sh.extensions.ec_point_formats->end(),
                  ec_point_format_uncompressed) == sh.extensions.ec_point_formats->end()) {
        throw TlsError(AlertDescription::illegal_parameter,
                       "the server's ec_point_formats lacks uncompressed(0) (RFC 8422 §5.2)");
    }
    // RFC 7301 §3.2: the server picks one of the client's protocols.
    if (sh.extensions.alpn) {
        const std::string& chosen = sh.extensions.alpn->front();
        if (std::find(common.alpn_protocols.begin(), common.alpn_protocols.end(), chosen) == common.alpn_protocols.end()) {
            throw TlsError(AlertDescription::illegal_parameter,
                           "the server chose ALPN protocol \"" + chosen + "\", which the client did not offer");
        }
        session.alpn_protocol = chosen;
    }
    // RFC 5077 §3.2: an empty SessionTicket extension promises a NewSessionTicket (the check above
    // made sure we sent the extension).
    ticket_promised = sh.extensions.session_ticket.has_value();
}

// RFC 7366 §3: the server answers encrypt_then_mac only for a CBC suite ("MUST NOT send an
// encrypt-then-MAC response extension" with a stream or AEAD suite).
void ClientImpl::accept_encrypt_then_mac(const ServerHello& sh, const CipherSuiteInfo& suite) {
    session.encrypt_then_mac = sh.extensions.encrypt_then_mac;
    if (session.encrypt_then_mac && !encrypt_then_mac_applies(suite)) {
        throw TlsError(AlertDescription::illegal_parameter,
                       "the server answered encrypt_then_mac for " + std::string(suite.iana_name) +
                           ", which is not a CBC suite (RFC 7366 §3)");
    }
}

// The abbreviated handshake (RFC 5246 §7.3, Figure 2): the saved session's master secret, new keys.
void ClientImpl::resume(const ServerHello& sh, const CipherSuiteInfo& suite) {
    const SessionState& saved = *config.resume;
    // §7.4.1.3, Appendix E.1: a resumed session keeps its version and its cipher suite.
    if (session.version != saved.version) {
        throw TlsError(AlertDescription::illegal_parameter,
                       "the server resumed the session with " + version_label(session.version) +
                           ", but the session was made with " + version_label(saved.version) + " (RFC 5246 §7.4.1.3)");
    }
    if (sh.cipher_suite != saved.cipher_suite) {
        throw TlsError(AlertDescription::illegal_parameter,
                       "the server resumed the session with cipher suite " + cipher_suite_label(sh.cipher_suite) +
                           ", but the session was made with " + cipher_suite_label(saved.cipher_suite) + " (RFC 5246 §7.4.1.3)");
    }
    // RFC 7627 §5.3: "If the original session did not use the "extended_master_secret" extension
    // but the new ServerHello contains the extension, the client MUST abort the handshake." and
    // the same the other way round.
    if (sh.extensions.extended_master_secret != saved.extended_master_secret) {
        throw TlsError(AlertDescription::handshake_failure,
                       std::string("the server resumed a session ") +
                           (saved.extended_master_secret ? "made with" : "made without") +
                           " extended_master_secret, but its ServerHello " +
                           (sh.extensions.extended_master_secret ? "has" : "lacks") + " the extension (RFC 7627 §5.3)");
    }
    // RFC 7366 §3.1: "if the mechanism for the current session is X, then the renegotiated session
    // should also use X"; a server that resumes with the other record mechanism is refused.
    if (sh.extensions.encrypt_then_mac != saved.encrypt_then_mac) {
        throw TlsError(AlertDescription::handshake_failure,
                       std::string("the server resumed a session ") + (saved.encrypt_then_mac ? "made with" : "made without") +
                           " encrypt_then_mac, but its ServerHello " + (sh.extensions.encrypt_then_mac ? "has" : "lacks") +
                           " the extension (RFC 7366 §3.1)");
    }
    session.resumed = true;
    session.peer_certificates = saved.peer_certificates;
    session.peer_verified = saved.peer_verified;
    session_created = saved.created;
    // RFC 5077 §3.1, Figure 2: the ticket stays ours unless the server sends a new one.
    session_ticket = saved.ticket;
    ticket_lifetime_hint = saved.ticket_lifetime_hint;
    trace_note("the server resumes session " + describe_hex(sh.session_id) +
                   ": no certificate and no key exchange; the server sends ChangeCipherSpec and Finished first",
               "RFC 5246 §7.3, Figure 2");
    resume_keys(negotiate(suite), saved.master_secret.clone());
}

// Step 3: Certificate, RFC 5246 §7.4.2. Fork: a DHE_RSA server sends ServerKeyExchange next.
void ClientImpl::on_certificate(const Incoming& in, const Negotiated& negotiated) {
    CertificateMessage cm = CertificateMessage::parse(in.message->body);
    const KeyExchange kx = negotiated.suite.key_exchange;
    if (cm.certificate_list.empty()) {
        throw TlsError(AlertDescription::bad_certificate,
                       "the server sent an empty certificate list; its key exchange needs its certificate (RFC 5246 §7.4.2)");
    }
    const std::int64_t when = config.validation_time.value_or(common.clock());
    ServerCertificateCheck checked = check_server_certificate(cm.certificate_list, config, when, kx);
    for (std::string& note : checked.notes) trace_note(std::move(note), "RFC 5280 §6, RFC 6125");
    if (!config.verify_peer) {
        trace_note("--insecure: the server's certificate chain and host name were NOT verified");
    }
    session.peer_certificates = std::move(cm.certificate_list);
    session.peer_verified = config.verify_peer;
    key_exchange = make_client_key_exchanger(kx, ClientKeyExchangeContext{session.client_random, session.server_random,
                                                                         std::move(checked.key), hello.client_version,
                                                                         accepted_signature_algorithms(session.version),
                                                                         config.minimum_dh_bits, session.version, offered_ffdhe_groups()});
    if (key_exchange->expects_server_key_exchange()) choose_next(State::client_wait_server_key_exchange);
}

// Step 3, DHE_RSA or ECDHE_RSA: ServerKeyExchange, RFC 5246 §7.4.3 / RFC 8422 §5.4: the
// signature, then the numbers.
void ClientImpl::on_server_key_exchange(const Incoming& in, ClientKeyExchanger& kx) {
    KeyExchangeStep step = kx.receive_server_key_exchange(in.message->body);
    session.dh_group = step.group;
    report(step);
}

// CertificateRequest, RFC 5246 §7.4.4: the server asks for a client certificate.
void ClientImpl::on_certificate_request(const Incoming& in) {
    certificate_request = CertificateRequest::parse(in.message->body, nullptr, session.version);
    // §7.4.4: "It is a fatal handshake_failure alert for an anonymous server to request client
    // authentication."
    if (session.cipher_suite != nullptr && is_anonymous(*session.cipher_suite)) {
        throw TlsError(AlertDescription::handshake_failure,
                       "an anonymous (DH_anon) server asked for a client certificate (RFC 5246 §7.4.4)");
    }
    session.client_certificate_requested = true;
    trace_note(config.credentials ? "the server asks for a client certificate"
                                  : "the server asks for a client certificate; this client has none (no --cert): "
                                    "it will send an empty Certificate",
               "RFC 5246 §7.4.4, §7.4.6");
}

// RFC 5246 §7.4.6: the algorithm to sign CertificateVerify with if our certificate suits the
// request, or nothing (then an empty Certificate is sent).
std::optional<std::uint16_t> ClientImpl::client_certificate_algorithm(const CertificateRequest& req) {
    if (!config.credentials) return std::nullopt;
    if (std::find(req.certificate_types.begin(), req.certificate_types.end(), rsa_sign) == req.certificate_types.end()) {
        trace_note("the server does not accept rsa_sign certificates: sending none", "RFC 5246 §7.4.6");
        return std::nullopt;
    }
    const std::optional<std::uint16_t> algorithm =
        choose_signature_algorithm(req.supported_signature_algorithms, session.version);
    if (!algorithm) {
        trace_note("no signature algorithm in common with the CertificateRequest: sending no certificate",
                   "RFC 5246 §7.4.6");
        return std::nullopt;
    }
    // §7.4.4 certificate_authorities is a hint ("If the certificate_authorities list is empty,
    // then the client MAY send any certificate"); we send ours either way and say so.
    if (!req.certificate_authorities.empty()) {
        bool named = false;
        for (const Bytes& der : config.credentials->chain()) {
            const x509::Certificate cert = x509::Certificate::parse(der);
            for (const Bytes& ca : req.certificate_authorities) {
                named = named || cert.issuer().der() == ca || cert.subject().der() == ca;
            }
        }
        if (!named) {
            trace_note("none of the CAs the server names appears in our chain; sending our certificate anyway",
                       "RFC 5246 §7.4.4");
        }
    }
    return algorithm;
}

// Step 4: ServerHelloDone, RFC 5246 §7.4.5; then steps 5 to 8 in one flight.
void ClientImpl::on_server_hello_done(const Incoming& in, const Negotiated& negotiated, ClientKeyExchanger& kx) {
    ServerHelloDone::parse(in.message->body);

    // RFC 5246 §7.4.6: "If no suitable certificate is available, the client MUST send a
    // certificate message containing no certificates." (No CertificateVerify follows, §7.4.8.)
    std::optional<std::uint16_t> verify_algorithm;
    if (certificate_request) {
        verify_algorithm = client_certificate_algorithm(*certificate_request);
        session.client_certificate_sent = verify_algorithm.has_value();
        send_handshake(CertificateMessage{verify_algorithm ? config.credentials->chain() : std::vector<Bytes>{}}.encode());
    }

    KeyExchangeStep step = kx.client_key_exchange(random);  // step 5
    report(step);
    send_handshake(std::move(*step.message));
    // RFC 7627 §3: the session hash of the extended master secret ends with ClientKeyExchange.
    const std::size_t through_client_key_exchange = transcript.size();

    // RFC 5246 §7.4.8: "This message is used to provide explicit verification of a client
    // certificate. ... signed using the private key ... over handshake_messages" so far.
    if (verify_algorithm) {
        SignedCertificateVerify signed_cv =
            sign_certificate_verify(config.credentials->impl().key, *verify_algorithm, transcript, random);
        report(std::move(signed_cv.note));
        send_handshake(CertificateVerify{signed_cv.signature}.encode());
    }
    const KeysDerived& keys = derive_keys(negotiated, *step.pre_master_secret,
                                          ByteView(transcript).first(through_client_key_exchange));  // step 6
    key_exchange.reset();  // its part is done: the premaster went into the master secret

    send_change_cipher_spec(keys);                                           // step 7
    const VerifyData mine = finished_for(keys, Sender::client, transcript);  // step 8
    send_handshake(Finished{mine.verify_data}.encode());
    if (ticket_promised) choose_next(State::client_wait_new_session_ticket);
}

// Step 9 (and in Figure 2 the server's first step after ServerHello): RFC 5246 §7.1.
void ClientImpl::on_change_cipher_spec(const Incoming&, const KeysDerived& keys) { switch_read_keys(keys); }

// Step 10: the server's Finished, RFC 5246 §7.4.9.
void ClientImpl::on_finished(const Incoming& in, const KeysDerived& keys) {
    const Finished theirs = Finished::parse(in.message->body);
    const VerifyData expected = finished_for(keys, Sender::server, transcript_before_current());
    accept_finished(verify_finished(theirs, expected));
}

// Figure 2: the server's Finished comes first; then our ChangeCipherSpec and Finished, whose hash
// includes the server's Finished.
void ClientImpl::on_resumed_finished(const Incoming& in, const KeysDerived& keys) {
    const Finished theirs = Finished::parse(in.message->body);
    const VerifyData expected = finished_for(keys, Sender::server, transcript_before_current());
    const FinishedVerified proof = verify_finished(theirs, expected);
    send_change_cipher_spec(keys);
    const VerifyData mine = finished_for(keys, Sender::client, transcript);
    send_handshake(Finished{mine.verify_data}.encode());
    accept_finished(proof);
}

// RFC 5077 §3.3: the server's NewSessionTicket; the ticket is kept with the session (resumable_session()).
void ClientImpl::on_new_session_ticket(const Incoming& in) {
    NewSessionTicket nst = NewSessionTicket::parse(in.message->body);
    if (nst.ticket.empty()) {
        // §3.3: "a zero-length ticket": the server changed its mind; keep nothing.
        session_ticket.clear();
        report(TicketTrace{TicketTrace::Kind::received, "an empty ticket: the server keeps no ticket for this session", "RFC 5077 §3.3"});
        return;
    }
    session_ticket = std::move(nst.ticket);
    ticket_lifetime_hint = nst.ticket_lifetime_hint;
    // RFC 5077 §3.4: "If the client receives a session ticket from the server, then it discards
    // any Session ID that was sent in the ServerHello." (the ticket names the session now)
    session.session_id.clear();
    report(TicketTrace{TicketTrace::Kind::received,
                       std::to_string(session_ticket.size()) + "-byte ticket, lifetime hint " +
                           std::to_string(ticket_lifetime_hint) + " s; stored with the session",
                       "RFC 5077 §3.3"});
}

Client::Client(ClientConfig config, crypto::RandomSource& random, TraceSink* trace)
    : Engine(std::make_unique<ClientImpl>(std::move(config), random, trace)) {}

}  // namespace lucid::handshake
