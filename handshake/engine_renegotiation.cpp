// The engines' side of secure renegotiation (RFC 5746, handshake/renegotiation.h): whether a new
// handshake may start on the established connection, what it starts afresh, and what binds it to
// the handshake before it. The new handshake then runs through the same flow table rows as the
// first one (client.cpp, server.cpp), under the cipher states of the current one until each
// side's ChangeCipherSpec (RFC 5246 §7.1).
#include "crypto/error.h"
#include "handshake/engine_impl.h"

namespace lucid::handshake {

using record::AlertDescription;
using record::AlertLevel;
using record::ContentType;

// RFC 5746 §4.2 (client), §4.4 (server), and the bound of peer_limits.h: why this connection may
// not renegotiate (empty: it may). The side's own policy is checked by its handler.
std::string Engine::Impl::why_not_renegotiate() const {
    if (!session.secure_renegotiation) {
        return role == Role::client
                   ? "the server did not signal secure renegotiation (RFC 5746) in the first handshake; renegotiating "
                     "with it would be open to the 2009 attack (RFC 5746 §4.2)"
                   : "the client did not signal secure renegotiation (RFC 5746) in the first handshake; renegotiating "
                     "with it would be open to the 2009 attack (RFC 5746 §4.4)";
    }
    if (renegotiations_started >= max_renegotiations) {
        return "this connection has renegotiated " + std::to_string(renegotiations_started) +
               " times, the limit (max_renegotiations, handshake/peer_limits.h)";
    }
    return "";
}

// RFC 5246 §7.2.2: no_renegotiation "is always a warning"; the connection goes on with its
// current keys, and the peer decides whether to go on or to close. A peer that keeps asking
// meets the limit of peer_limits.h (max_renegotiation_requests).
void Engine::Impl::refuse_renegotiation(const Incoming& in, const std::string& why) {
    no_progress.renegotiation_request();  // past the limit: fatal unexpected_message instead
    trace_note("refusing renegotiation (" + in.name() + " after the handshake) with a no_renegotiation warning: " + why,
               "RFC 5246 §7.2.2, RFC 5746 §4");
    send_alert(AlertLevel::warning, AlertDescription::no_renegotiation);
}

// RFC 5746 §3.5, §3.7: a new handshake starts from `established`. It keeps the version (a
// renegotiation does not change it, as OpenSSL and GnuTLS require) and the binding to the last
// handshake; everything else (randoms, suite, keys, certificates, session) is negotiated anew,
// and the transcript of RFC 5246 §7.4.9 starts again with the new hello.
void Engine::Impl::begin_renegotiation(std::string reason) {
    renegotiating = binding;
    ++renegotiations_started;
    hello_request_sent = false;
    if (trace) trace->on_renegotiation({renegotiations_started, std::move(reason)});
    transcript.clear();
    transcript_before = 0;
    negotiated.reset();
    keys.reset();
    peer_finished.reset();  // `established` again only with the new handshake's verified Finished
    finished_sent.clear();
    finished_received.clear();
    change_cipher_spec_sent = false;  // data goes on under the current keys until then (Engine::can_send)
    SessionInfo next;
    next.version = session.version;
    next.version_decision = session.version_decision;
    next.secure_renegotiation = true;
    next.renegotiations = session.renegotiations;
    session = std::move(next);
    session_ticket.clear();
    ticket_lifetime_hint = 0;
}

// RFC 5746 §3.1: "client_verify_data: the verify_data from the Finished message sent by the client
// on the immediately previous handshake" (server_verify_data likewise). Kept as each Finished
// crosses the wire; bound only once both are verified (bind_completed_handshake).
void Engine::Impl::keep_finished(Direction d, ByteView verify_data) {
    (d == Direction::sent ? finished_sent : finished_received).assign(verify_data.begin(), verify_data.end());
}

// Called as a handshake enters `established` (both Finished verified): its verify_data bind the
// next renegotiation; a renegotiation is complete.
void Engine::Impl::bind_completed_handshake() {
    const bool client = role == Role::client;
    binding = RenegotiationBinding{client ? finished_sent : finished_received, client ? finished_received : finished_sent,
                                   session.extended_master_secret, session.encrypt_then_mac};
    if (!renegotiating) return;
    renegotiating.reset();
    session.renegotiations = renegotiations_started;
}

// RFC 5246 §6.2.1, §7.4.9: application data may arrive while a renegotiation runs, protected by
// the current keys, and is delivered; but not between the peer's ChangeCipherSpec and its
// Finished, "the first one protected with the just negotiated algorithms, keys, and secrets".
bool Engine::Impl::takes_interleaved_data(const Incoming& in) const {
    if (!renegotiating || in.content != ContentType::application_data) return false;
    switch (state) {
        case State::client_wait_finished:
        case State::client_resume_wait_finished:
        case State::server_wait_finished:
        case State::server_resume_wait_finished: return false;
        default: return true;
    }
}

bool Engine::can_renegotiate() const {
    const Impl& i = *impl_;
    return i.state == State::established && i.peer_finished && !i.hello_request_sent && i.why_not_renegotiate().empty();
}

void Engine::renegotiate(bool ask_client_certificate) {
    if (!can_renegotiate()) {
        const std::string why = impl_->why_not_renegotiate();
        throw Error("renegotiate: not possible now (state " + std::string(state_name(impl_->state)) + ")" +
                    (impl_->hello_request_sent ? ": a HelloRequest is already waiting for its answer" : "") +
                    (why.empty() ? "" : ": " + why));
    }
    try {
        impl_->start_renegotiation(ask_client_certificate);
    } catch (const record::TlsError& e) {
        impl_->fail_local(e.alert(), e.what());
    }
}

}  // namespace lucid::handshake
