// What the client and the server engines share: the record loop, the one dispatch that decides
// unexpected_message, alerts, closing, the key schedule steps and tracing. The two flows of RFC
// 5246 §7.3 are in client.cpp and server.cpp.
#include "handshake/engine.h"

#include <cstdio>

#include "crypto/hex.h"
#include "handshake/aead_record_details.h"
#include "handshake/encrypt_then_mac.h"
#include "handshake/engine_impl.h"
#include "handshake/key_schedule_trace.h"
#include "handshake/messages/change_cipher_spec.h"
#include "handshake/messages/sslv2_client_hello.h"

namespace lucid::handshake {

using record::AlertDescription;
using record::AlertLevel;
using record::ContentType;
using record::TlsError;

// ---------------------------------------------------------------------------------------------
// Names

std::string_view state_name(State s) {
    switch (s) {
        case State::client_start: return "client_start";
        case State::client_wait_server_hello: return "client_wait_server_hello";
        case State::client_wait_certificate: return "client_wait_certificate";
        case State::client_wait_server_key_exchange: return "client_wait_server_key_exchange";
        case State::client_wait_server_hello_done: return "client_wait_server_hello_done";
        case State::client_certificate_requested: return "client_certificate_requested";
        case State::client_wait_change_cipher_spec: return "client_wait_change_cipher_spec";
        case State::client_wait_finished: return "client_wait_finished";
        case State::client_resume_wait_change_cipher_spec: return "client_resume_wait_change_cipher_spec";
        case State::client_resume_wait_finished: return "client_resume_wait_finished";
        case State::server_wait_client_hello: return "server_wait_client_hello";
        case State::server_wait_client_certificate: return "server_wait_client_certificate";
        case State::server_wait_client_key_exchange: return "server_wait_client_key_exchange";
        case State::server_wait_certificate_verify: return "server_wait_certificate_verify";
        case State::server_wait_change_cipher_spec: return "server_wait_change_cipher_spec";
        case State::server_wait_finished: return "server_wait_finished";
        case State::server_resume_wait_change_cipher_spec: return "server_resume_wait_change_cipher_spec";
        case State::server_resume_wait_finished: return "server_resume_wait_finished";
        case State::client_wait_new_session_ticket: return "client_wait_new_session_ticket";
        case State::client_resume_wait_new_session_ticket: return "client_resume_wait_new_session_ticket";
        case State::established: return "established";
        case State::closing: return "closing";
        case State::closed: return "closed";
        case State::failed: return "failed";
    }
    return "unknown";
}

std::string_view event_kind_name(Event::Kind k) {
    switch (k) {
        case Event::Kind::handshake_complete: return "handshake_complete";
        case Event::Kind::application_data: return "application_data";
        case Event::Kind::alert_received: return "alert_received";
        case Event::Kind::closed: return "closed";
        case Event::Kind::failed: return "failed";
    }
    return "unknown";
}

bool Incoming::matches(const Expect& e) const {
    if (content != e.content) return false;
    return content != ContentType::handshake || message->type == static_cast<std::uint8_t>(e.handshake);
}

std::string Incoming::name() const {
    if (content == start_call.content) return "start()";
    switch (content) {
        case ContentType::handshake: return handshake_type_name(message->type);
        case ContentType::change_cipher_spec: return "ChangeCipherSpec";
        case ContentType::application_data: return "application data";
        default: return record::content_type_name(content);
    }
}

std::string expect_name(const Expect& e) {
    if (e.content == start_call.content) return "start()";
    switch (e.content) {
        case ContentType::handshake: return handshake_type_name(static_cast<std::uint8_t>(e.handshake));
        case ContentType::change_cipher_spec: return "ChangeCipherSpec";
        case ContentType::application_data: return "application data";
        default: return record::content_type_name(e.content);
    }
}

bool matches_flight(const Flight& flight, const std::vector<std::string>& sent) {
    std::size_t at = 0;
    for (const Send& item : flight) {
        if (item.name.empty()) continue;
        if (at < sent.size() && sent[at] == item.name) {
            ++at;
        } else if (!item.optional) {
            return false;
        }
    }
    return at == sent.size();
}

std::string flight_text(const Flight& flight) {
    std::string out;
    for (const Send& item : flight) {
        if (item.name.empty()) continue;
        out += (out.empty() ? "" : " ") + std::string(item.name) + (item.optional ? "*" : "");
    }
    return out.empty() ? "nothing" : out;
}

void flow_table_fault(State from, const std::string& what) {
    throw TlsError(AlertDescription::internal_error,
                   "internal error: the flow table row for " + std::string(state_name(from)) + " has " + what);
}

Random fresh_random(std::int64_t now, crypto::RandomSource& rng) {
    Random r{};
    const auto t = static_cast<std::uint32_t>(now);
    r[0] = static_cast<std::uint8_t>(t >> 24);
    r[1] = static_cast<std::uint8_t>(t >> 16);
    r[2] = static_cast<std::uint8_t>(t >> 8);
    r[3] = static_cast<std::uint8_t>(t);
    rng.fill(MutableByteView(r).subspan(4));
    return r;
}

namespace {

bool in_handshake(State s) {
    return s != State::established && s != State::closing && s != State::closed && s != State::failed;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Construction

Engine::Impl::Impl(Role role_, const CommonConfig& common_, crypto::RandomSource& random_, TraceSink* trace_,
                   State initial)
    : role(role_), state(initial), common(common_), random(random_), trace(trace_), records(random_) {
    if (!common.clock) throw Error("engine configuration: a clock is required");
    if (common.cipher_suites.empty()) common.cipher_suites = default_cipher_suites();
    const VersionRange v = common.versions;
    if (v.min > v.max || v.min < tls10_version || v.max > tls12_version) {
        throw Error("engine configuration: the protocol versions must be a range within TLS 1.0-1.2, not " +
                    version_label(v.min) + " to " + version_label(v.max));
    }
    if (trace == nullptr) return;
    records.set_observer([this](const record::RecordEvent& e) { trace->on_record(record_trace(e)); });
}

// The record layer's event as a RecordTrace, with the details a reader needs to explain each
// byte: RFC 5246 §6.2.1 header, §6.2.3.1 MAC, §6.2.3.2 IV and padding.
RecordTrace Engine::Impl::record_trace(const record::RecordEvent& e) {
    RecordTrace t;
    t.direction = e.direction == record::Direction::outgoing ? Direction::sent : Direction::received;
    t.sequence_number = e.sequence_number;
    t.content_type = static_cast<std::uint8_t>(e.type);
    t.version = static_cast<std::uint16_t>(e.version.major << 8 | e.version.minor);
    t.wire = e.wire;
    t.protected_record = e.cipher != "NULL";
    t.plaintext = e.plaintext;
    if (e.type == ContentType::application_data) t.step = 11;
    if (e.type == ContentType::alert && e.plaintext.size() == 2 && e.plaintext[1] == 0) t.step = 12;  // close_notify
    t.details.push_back({"cipher state", false, 0, {}, e.cipher});
    // The ClientHello's client_version: msg_type 1, a 3-byte length, then the version.
    const bool client_hello = e.plaintext.size() >= 6 && e.plaintext[0] == 1;
    const std::uint16_t offered = client_hello ? static_cast<std::uint16_t>(e.plaintext[4] << 8 | e.plaintext[5]) : 0;
    if (e.version == record::tls10 && e.type == ContentType::handshake && !version_fixed && offered > tls10_version) {
        t.details.push_back(public_trace_value(
            "record version", Bytes{e.version.major, e.version.minor},
            "03 01 (TLS 1.0) in the record header while the ClientHello inside offers " + version_label(offered) +
                ": RFC 5246 Appendix E.1 lets a client use {03,01} for its first record, because some old servers "
                "refuse a record marked with a higher version"));
    }
    if (!e.trace.iv.empty()) {
        t.details.push_back(public_trace_value("IV", e.trace.iv,
                                               e.trace.iv_explicit ? "explicit: the first block of the fragment (RFC 5246 §6.2.3.2)"
                                                                   : "chained from the previous record"));
    }
    if (!e.trace.mac_input.empty()) {
        t.details.push_back(public_trace_value(
            "MAC input", e.trace.mac_input,
            e.trace.encrypt_then_mac ? "seq_num + type + version + length + IV + ciphertext: encrypt-then-MAC (RFC 7366 §3)"
                                     : "seq_num + type + version + length + content (RFC 5246 §6.2.3.1)"));
    }
    if (!e.trace.mac.empty()) {
        t.details.push_back(public_trace_value("MAC", e.trace.mac,
                                               e.trace.encrypt_then_mac ? "after the ciphertext, checked before decrypting (RFC 7366 §3)"
                                                                        : "RFC 5246 §6.2.3.1"));
    }
    if (e.trace.padding_length) add_padding_details(t, *e.trace.padding_length);
    for (TraceValue& v : aead_record_details(e.trace, e.cipher, trace->wants_secrets())) t.details.push_back(std::move(v));
    return t;
}

// RFC 5246 §6.2.3.2: padding_length bytes each holding padding_length, then the length byte itself.
void Engine::Impl::add_padding_details(RecordTrace& t, std::uint8_t padding_length) {
    std::string note = "each of the " + std::to_string(padding_length) +
                       " padding bytes holds this value, and the padding_length byte follows them (RFC 5246 §6.2.3.2)";
    if (!padding_explained) {
        note += "; unlike PKCS#7, where n bytes of value n make the padding, TLS adds the length byte after n "
                "bytes of value n, so the minimum is one byte 00, and a whole block of padding is 16 bytes of 0f";
        padding_explained = true;
    }
    t.details.push_back(public_trace_value("padding", Bytes(padding_length, padding_length), note));
    t.details.push_back(public_trace_value("padding_length", Bytes{padding_length},
                                           "each padding byte holds this value (RFC 5246 §6.2.3.2)"));
}

Engine::Impl::~Impl() = default;

// ---------------------------------------------------------------------------------------------
// The record loop

void Engine::Impl::receive(ByteView bytes) {
    if (state == State::failed || state == State::closed) return;
    try {
        Bytes after_first;
        if (role == Role::server && !first_record_seen) {
            if (!take_sslv2_client_hello(bytes, after_first)) return;
            bytes = after_first;
        }
        records.feed(bytes);
        while (state != State::failed && state != State::closed) {
            std::optional<record::RecordView> r = records.next_record_view();  // valid until the next call
            if (!r) break;
            on_record(*r);
        }
    } catch (const TlsError& e) {
        fail_local(e.alert(), e.what());
    } catch (const std::exception& e) {
        fail_local(AlertDescription::internal_error, std::string("internal error: ") + e.what());
    }
}

// RFC 5246 Appendix E.2: a server's first bytes may be an SSL 2.0-compatible CLIENT-HELLO instead
// of a TLS record. False while they are too few to tell; then `rest` holds what the record layer
// gets (everything, or what follows the SSL 2.0 record).
bool Engine::Impl::take_sslv2_client_hello(ByteView bytes, Bytes& rest) {
    append(first_bytes, bytes);
    const std::optional<std::size_t> length = sslv2_client_hello_length(first_bytes);
    if (!length) return false;
    first_record_seen = true;
    rest.assign(first_bytes.begin() + static_cast<std::ptrdiff_t>(*length), first_bytes.end());
    if (*length > 0) {
        const record::HandshakeMessage hello = convert_sslv2_client_hello(ByteView(first_bytes).subspan(2, *length - 2));
        trace_note("an SSL 2.0-compatible CLIENT-HELLO: read as a ClientHello without extensions; the Finished hash "
                   "covers it as it was sent, from msg_type on",
                   "RFC 5246 Appendix E.2");
        first_bytes.clear();
        dispatch(Incoming{ContentType::handshake, &hello, {}});
    }
    first_bytes.clear();
    return true;
}

void Engine::Impl::on_record(const record::RecordView& r) {
    // RFC 5246 §7.2.1: "Any data received after a closure alert is ignored."
    if (close_notify_received) return;
    // Once a version is agreed, every record must say so (RFC 5246 §6.2.1, Appendix E.1).
    if (version_fixed && r.version != record_version(session.version)) {
        throw TlsError(AlertDescription::protocol_version,
                       "received a record with version " + record::version_name(r.version) + " after " +
                           version_label(session.version) + " was agreed");
    }
    assembler.add(r);  // also rejects a ChangeCipherSpec in the middle of a handshake message
    switch (r.type) {
        case ContentType::handshake:
            while (std::optional<record::HandshakeMessage> m = assembler.next_message()) {
                dispatch(Incoming{ContentType::handshake, &*m, {}});
                if (state == State::failed || state == State::closed) return;
            }
            return;
        case ContentType::change_cipher_spec:
            trace_simple(Direction::received, r.type, r.fragment);
            ChangeCipherSpec::parse(r.fragment);
            dispatch(Incoming{ContentType::change_cipher_spec, nullptr, r.fragment});
            return;
        case ContentType::alert:
            handle_alert(r.fragment);
            return;
        case ContentType::application_data:
            dispatch(Incoming{ContentType::application_data, nullptr, r.fragment});
            return;
    }
    // The record layer rejects unknown content types (RFC 5246 §6: unexpected_message).
    throw TlsError(AlertDescription::unexpected_message, "record of unknown content type");
}

// The one place where a message is accepted or is unexpected_message (RFC 5246 §7.2.2: "An
// inappropriate message was received.").
void Engine::Impl::dispatch(const Incoming& in) {
    if (in.content == ContentType::handshake) {
        const std::uint8_t type = in.message->type;
        trace_handshake(Direction::received, type, in.message->raw);
        // RFC 5246 §7.4.1.1: HelloRequest "will be ignored by the client if the client is currently
        // negotiating a session". It is never part of the transcript (§7.4.9).
        if (role == Role::client && type == static_cast<std::uint8_t>(HandshakeType::hello_request) &&
            in_handshake(state)) {
            trace_note("HelloRequest during the handshake: ignored", "RFC 5246 §7.4.1.1");
            no_progress.renegotiation_request();
            return;
        }
        if (type == static_cast<std::uint8_t>(HandshakeType::finished)) keep_finished(Direction::received, in.message->body);
        if (type != static_cast<std::uint8_t>(HandshakeType::hello_request) && in_handshake(state)) {
            no_progress.progress();
            transcript_before = transcript.size();
            append(transcript, in.message->raw);
        }
    }
    if (takes_interleaved_data(in)) return on_application_data(in);  // during a renegotiation
    if (!run_flow(in)) {
        throw TlsError(AlertDescription::unexpected_message,
                       "received " + in.name() + " in state " + std::string(state_name(state)) + ", expected " +
                           expected_in(state) + " (RFC 5246 §7.3)");
    }
}

// RFC 5246 §7.2
void Engine::Impl::handle_alert(ByteView fragment) {
    trace_simple(Direction::received, ContentType::alert, fragment);
    const AlertMessage alert = AlertMessage::parse(fragment);
    if (alert.level != AlertLevel::warning && alert.level != AlertLevel::fatal) {
        throw TlsError(AlertDescription::illegal_parameter,
                       "received an alert with level " + std::to_string(static_cast<int>(alert.level)) +
                           " (only warning(1) and fatal(2) exist, RFC 5246 §7.2)");
    }
    const std::string name = record::alert_name(alert.description);
    if (alert.description == AlertDescription::close_notify) {
        close_notify_received = true;
        if (in_handshake(state)) {
            fail_peer(alert.description, "the peer closed the connection (close_notify) during the handshake, in state " +
                                             std::string(state_name(state)));
            return;
        }
        // §7.2.1: "The other party MUST respond with a close_notify alert of its own and close
        // down the connection immediately, discarding any pending writes."
        if (!close_notify_sent) {
            send_alert(AlertLevel::warning, AlertDescription::close_notify);
            close_notify_sent = true;
        }
        state = State::closed;
        emit({Event::Kind::closed, {}, alert.level, alert.description, "the peer sent close_notify"});
        return;
    }
    if (alert.level == AlertLevel::fatal) {
        fail_peer(alert.description, "the peer sent a fatal " + name + " alert" + alert_hint(alert.description));
        return;
    }
    no_progress.warning_alert();  // docs/robustness.md: a bound on warning alerts in a row
    // RFC 5246 §7.2.2, no_renegotiation: "the original requester can decide whether to proceed".
    // A server whose HelloRequest was declined goes on (and may ask again later); a client whose
    // ClientHello was refused ends the connection, as OpenSSL does (renegotiation.h).
    emit({Event::Kind::alert_received, {}, alert.level, alert.description, "the peer sent a warning " + name + " alert"});
    if (alert.description == AlertDescription::no_renegotiation) {
        hello_request_sent = false;
        if (role == Role::client && renegotiating) {
            throw TlsError(AlertDescription::handshake_failure,
                           "the server refused the renegotiation this client started (no_renegotiation warning); the "
                           "new handshake cannot complete, so the connection ends (RFC 5246 §7.2.2)");
        }
    }
}

// What the handshake so far says about a fatal alert the peer sent, for the user's sentence.
std::string Engine::Impl::alert_hint(AlertDescription alert) const {
    // RFC 5246 §7.4.6: a server that requires a certificate answers an empty one with
    // handshake_failure, which alone does not say why.
    if (role == Role::client && alert == AlertDescription::handshake_failure && session.client_certificate_requested &&
        !session.client_certificate_sent) {
        return ": the server had asked for a client certificate (CertificateRequest) and this client sent none; "
               "it probably requires one (give one with --cert/--key, RFC 5246 §7.4.6)";
    }
    return "";
}

void Engine::Impl::on_application_data(const Incoming& in) {
    // RFC 5246 §6.2.1 allows empty application_data records (a CBC countermeasure); nothing to hand
    // up, and only so many in a row (handshake/peer_limits.h).
    if (in.fragment.empty()) {
        no_progress.empty_record();
        return;
    }
    no_progress.progress();
    emit({Event::Kind::application_data, Bytes(in.fragment.begin(), in.fragment.end()), AlertLevel::warning,
          AlertDescription::close_notify, ""});
}

// ---------------------------------------------------------------------------------------------
// Sending

void Engine::Impl::send_handshake(Bytes message) {
    const std::uint8_t type = message.at(0);
    if (type != static_cast<std::uint8_t>(HandshakeType::hello_request)) append(transcript, message);
    if (type == static_cast<std::uint8_t>(HandshakeType::finished)) keep_finished(Direction::sent, ByteView(message).subspan(4));
    trace_handshake(Direction::sent, type, message);
    sent_in_step.push_back(handshake_type_name(type));
    append(output, records.seal(ContentType::handshake, message));
}

// RFC 5246 §7.1: the sender switches its write state right after sending ChangeCipherSpec.
void Engine::Impl::send_change_cipher_spec(const KeysDerived& k) {
    const Bytes ccs = ChangeCipherSpec{}.encode();
    trace_simple(Direction::sent, ContentType::change_cipher_spec, ccs);
    sent_in_step.push_back("ChangeCipherSpec");
    append(output, records.seal(ContentType::change_cipher_spec, ccs));
    const record::TrafficKeys& mine = role == Role::client ? k.key_block.client_write : k.key_block.server_write;
    records.set_write_cipher(record::make_cipher_state(k.negotiated.cipher_spec, record_version(session.version), mine));
    write_suite = &k.negotiated.suite;
    change_cipher_spec_sent = true;
}

// RFC 5246 §7.1: after the peer's ChangeCipherSpec, its records are read with the new keys.
void Engine::Impl::switch_read_keys(const KeysDerived& k) {
    const record::TrafficKeys& theirs = role == Role::client ? k.key_block.server_write : k.key_block.client_write;
    records.set_read_cipher(record::make_cipher_state(k.negotiated.cipher_spec, record_version(session.version), theirs));
}

void Engine::Impl::send_alert(AlertLevel level, AlertDescription description) {
    const Bytes alert = AlertMessage{level, description}.encode();
    trace_simple(Direction::sent, ContentType::alert, alert);
    append(output, records.seal(ContentType::alert, alert));
}

// RFC 5246 §7.2.2: "Upon transmission or receipt of a fatal alert message, both parties
// immediately close the connection."
void Engine::Impl::fail_local(AlertDescription alert, const std::string& sentence) {
    if (state == State::failed) return;
    // RFC 5246 §7.2.1: close_notify "notifies the recipient that the sender will not send any
    // more messages on this connection": after ours, the failure is ours alone, and silent.
    if (!close_notify_sent) {
        try {
            send_alert(AlertLevel::fatal, alert);
        } catch (const std::exception&) {
            // The alert cannot be sealed (a broken write state): the failure stands without it.
        }
    }
    state = State::failed;
    failure = Failure{FailureOrigin::local, alert, sentence};
    on_failed();
    trace_note("fatal " + record::alert_name(alert) + (close_notify_sent ? " (not sent: close_notify was): " : " sent: ") +
                   sentence,
               "RFC 5246 §7.2.2");
    emit({Event::Kind::failed, {}, AlertLevel::fatal, alert, sentence});
}

void Engine::Impl::fail_peer(AlertDescription alert, const std::string& sentence) {
    if (state == State::failed) return;
    state = State::failed;
    failure = Failure{FailureOrigin::peer, alert, sentence};
    on_failed();
    emit({Event::Kind::failed, {}, AlertLevel::fatal, alert, sentence});
}

// Called by run_flow_table when a row enters `established` (with peer_finished set).
void Engine::Impl::on_established() {
    const bool renegotiated = renegotiating.has_value();
    bind_completed_handshake();  // RFC 5746 §3.1: its verify_data bind the next renegotiation
    trace_note(renegotiated ? "renegotiation " + std::to_string(session.renegotiations) +
                                  " complete: both Finished messages verified; the new keys protect the records"
                            : "handshake complete: both Finished messages verified; application data may flow",
               renegotiated ? "RFC 5746, RFC 5246 §7.4.9" : "RFC 5246 §7.4.9");
    emit({Event::Kind::handshake_complete, {}, AlertLevel::warning, AlertDescription::close_notify,
          renegotiated ? "renegotiation complete" : "handshake complete"});
    on_handshake_complete();
}

// ---------------------------------------------------------------------------------------------
// The public operations

void Engine::Impl::transport_closed() {
    if (state == State::failed || state == State::closed) return;
    if (state == State::closing) {
        // RFC 5246 §7.2.1: "It is not required for the initiator of the close to wait for the
        // responding close_notify alert before closing the read side of the connection."
        state = State::closed;
        emit({Event::Kind::closed, {}, AlertLevel::warning, AlertDescription::close_notify,
              "the peer closed the connection after our close_notify"});
        return;
    }
    const std::string sentence =
        state == State::established
            ? "the peer closed the connection without close_notify: the data may have been truncated (RFC 5246 §7.2.1)"
            : "the peer closed the connection during the handshake, in state " + std::string(state_name(state));
    state = State::failed;
    failure = Failure{FailureOrigin::transport, AlertDescription::close_notify, sentence};
    emit({Event::Kind::failed, {}, AlertLevel::fatal, AlertDescription::close_notify, sentence});
}

// RFC 5246 §7.4.9 and §6.2.1: application data flows once both Finished are verified; and while
// a renegotiation runs, under the connection's current keys, until this side's ChangeCipherSpec
// (after it, the first record under the new keys must be our Finished, and the new keys are not
// confirmed before the peer's Finished). So a renegotiation does not stop the data.
bool Engine::Impl::may_send_application_data() const {
    if (state == State::established) return peer_finished.has_value();
    const bool handshaking = state != State::closing && state != State::closed && state != State::failed;
    return renegotiating.has_value() && handshaking && !change_cipher_spec_sent;
}

void Engine::Impl::send(ByteView data) {
    if (!may_send_application_data()) {
        throw Error("send: application data can only be sent once the handshake is complete, or during a "
                    "renegotiation before our ChangeCipherSpec (state " + std::string(state_name(state)) + ")");
    }
    if (data.empty()) return;
    if (splits_records() && data.size() > 1) {
        explain_record_splitting();
        append(output, records.seal(ContentType::application_data, data.first(1)));
        data = data.subspan(1);
    }
    records.seal_into(ContentType::application_data, data, output);  // written in place, no copy
}

// TLS 1.0 CBC only: its IV is the previous record's last ciphertext block (RFC 2246 §6.2.3.2),
// known before the next record is encrypted (BEAST, see record/cbc_cipher_state.cpp).
bool Engine::Impl::splits_records() const {
    return session.version == tls10_version && write_suite != nullptr && write_suite->cipher_kind == record::CipherKind::block;
}

// The 1/n-1 split (as OpenSSL, NSS and Go do): a first record with one byte of data, whose
// ciphertext is unpredictable because of the MAC, so the next record's IV is too.
void Engine::Impl::explain_record_splitting() {
    if (split_explained) return;
    split_explained = true;
    trace_note("TLS 1.0 CBC: application data is sent as 1 byte, then the rest (1/n-1 split): the chained IV of the "
               "second record is then the ciphertext of a MACed record that nobody could predict, which defeats "
               "BEAST's chosen first block",
               "RFC 2246 §6.2.3.2; RFC 8996 §2");
}

void Engine::Impl::close() {
    if (state == State::failed || state == State::closed || state == State::closing) return;
    if (state == State::established) {
        // RFC 5246 §7.2.1
        send_alert(AlertLevel::warning, AlertDescription::close_notify);
        close_notify_sent = true;
        state = State::closing;
        return;
    }
    // Abandoning a handshake: user_canceled, "followed by close_notify" (RFC 5246 §7.2.2).
    if (state != State::client_start && state != State::server_wait_client_hello) {
        send_alert(AlertLevel::warning, AlertDescription::user_canceled);
        send_alert(AlertLevel::warning, AlertDescription::close_notify);
        close_notify_sent = true;
    }
    state = State::closed;
    emit({Event::Kind::closed, {}, AlertLevel::warning, AlertDescription::user_canceled,
          "closed before the handshake completed"});
}

// ---------------------------------------------------------------------------------------------
// Key schedule steps

// RFC 5246 §7.4.1.3, Appendix E.1: from here on every record carries the agreed version.
void Engine::Impl::agree_version(std::uint16_t version) {
    session.version = version;
    records.set_version(record_version(version));
    version_fixed = true;
}

// RFC 5246 §7.4.1.3 (and §5: the suite's PRF, which depends on the version agreed before):
// makes the Negotiated stage.
const Negotiated& Engine::Impl::negotiate(const CipherSuiteInfo& suite) {
    session.cipher_suite = &suite;
    // RFC 7366: session.encrypt_then_mac is decided before (server: answered; client: ServerHello read).
    if (renegotiating) check_encrypt_then_mac_kept(*renegotiating, suite, session.encrypt_then_mac);  // RFC 7366 §3.1
    return negotiated.emplace(
        Negotiated{suite, prf_algorithm(suite, session.version), connection_cipher_spec(suite, session.encrypt_then_mac)});
}

// RFC 5246 §8.1 (or RFC 7627 §4) and §6.3: step 6 of the walkthrough.
const KeysDerived& Engine::Impl::derive_keys(const Negotiated& n, const SecretBytes& pre_master_secret,
                                             ByteView through_client_key_exchange) {
    // RFC 7627 §3: the session hash covers every message up to and including ClientKeyExchange.
    MasterSecret ms = session.extended_master_secret
                          ? derive_extended_master_secret(n.prf, pre_master_secret,
                                                          handshake_hash(n.prf, through_client_key_exchange))
                          : derive_master_secret(n.prf, pre_master_secret, session.client_random, session.server_random);
    if (trace) report(master_secret_derivation(pre_master_secret, ms));
    return derive_key_block(n, std::move(ms.master_secret));
}

// RFC 5246 §7.3, Figure 2: "the client and server ... use the master secret of the session being
// resumed"; only the key block is new, since it mixes in the new randoms (§6.3).
const KeysDerived& Engine::Impl::resume_keys(const Negotiated& n, SecretBytes master_secret) {
    if (trace) report(resumed_master_secret_derivation(master_secret));
    return derive_key_block(n, std::move(master_secret));
}

// RFC 5246 §6.3
const KeysDerived& Engine::Impl::derive_key_block(const Negotiated& n, SecretBytes master_secret) {
    KeyBlock kb = handshake::derive_key_block(n.prf, master_secret, session.client_random, session.server_random,
                                              record::key_material_sizes(n.cipher_spec));
    if (trace) report(key_block_derivation(master_secret, kb, n.cipher_spec, session.version));
    Engine_Impl_access::set_master_secret(session, master_secret.clone());
    return keys.emplace(KeysDerived{n, std::move(master_secret), std::move(kb)});
}

// RFC 5246 §7.4.9
VerifyData Engine::Impl::finished_for(const KeysDerived& k, Sender sender, ByteView transcript_bytes) {
    const Bytes hash = handshake_hash(k.negotiated.prf, transcript_bytes);
    VerifyData vd = compute_verify_data(k.negotiated.prf, k.master_secret, sender, hash);
    if (trace) report(verify_data_derivation(k.master_secret, sender, vd, transcript_bytes.size()));
    return vd;
}

// ---------------------------------------------------------------------------------------------
// Tracing

int Engine::Impl::step_of(std::uint8_t type, Direction d) const {
    const bool from_client = (d == Direction::sent) == (role == Role::client);
    switch (static_cast<HandshakeType>(type)) {
        case HandshakeType::client_hello: return 1;
        case HandshakeType::server_hello: return 2;
        // The variants (docs/handshake.md) number their extra messages with the step they belong
        // to: the server's credentials (3), the client's key exchange and credentials (5).
        case HandshakeType::certificate: return from_client ? 5 : 3;
        case HandshakeType::server_key_exchange: return 3;
        case HandshakeType::certificate_request: return 3;
        case HandshakeType::server_hello_done: return 4;
        case HandshakeType::client_key_exchange: return 5;
        case HandshakeType::certificate_verify: return 5;
        case HandshakeType::finished: return from_client ? 8 : 10;
        default: return 0;
    }
}

void Engine::Impl::trace_handshake(Direction d, std::uint8_t type, ByteView whole_message) {
    if (trace == nullptr) return;
    MessageTrace m;
    m.direction = d;
    m.content_type = static_cast<std::uint8_t>(ContentType::handshake);
    m.handshake_type = type;
    m.name = handshake_type_name(type);
    m.rfc_section = std::string(handshake_type_section(type));
    m.step = step_of(type, d);
    m.raw.assign(whole_message.begin(), whole_message.end());
    try {
        describe_handshake_message(type, whole_message, m.root,
                                   session.cipher_suite ? session.cipher_suite->key_exchange : KeyExchange::rsa,
                                   session.version != 0 ? session.version : tls12_version);
    } catch (const std::exception& e) {
        // The tree holds what was read before the fault; the handler reports the fault itself.
        m.root.note = std::string("malformed: ") + e.what();
    }
    trace->on_message(m);
}

void Engine::Impl::trace_simple(Direction d, ContentType content, ByteView fragment) {
    if (trace == nullptr) return;
    const bool from_client = (d == Direction::sent) == (role == Role::client);
    MessageTrace m;
    m.direction = d;
    m.content_type = static_cast<std::uint8_t>(content);
    m.raw.assign(fragment.begin(), fragment.end());
    m.root.length = fragment.size();
    try {
        if (content == ContentType::change_cipher_spec) {
            m.name = m.root.name = "ChangeCipherSpec";
            m.rfc_section = "RFC 5246 §7.1";
            m.step = from_client ? 7 : 9;
            ChangeCipherSpec::parse(fragment, &m.root);
        } else {
            m.name = m.root.name = "Alert";
            m.rfc_section = "RFC 5246 §7.2";
            const AlertMessage a = AlertMessage::parse(fragment, &m.root);
            m.root.value = record::alert_level_name(a.level) + " " + record::alert_name(a.description);
            if (a.description == AlertDescription::close_notify) m.step = 12;
        }
    } catch (const std::exception& e) {
        m.root.note = std::string("malformed: ") + e.what();
    }
    trace->on_message(m);
}

void Engine::Impl::trace_note(std::string text, std::string rfc_section) {
    if (trace) trace->on_note(NoteTrace{std::move(text), std::move(rfc_section)});
}

void Engine::Impl::report(DerivationTrace d) {
    if (trace == nullptr) return;
    if (!trace->wants_secrets()) {
        for (std::vector<TraceValue>* values : {&d.inputs, &d.outputs}) {
            for (TraceValue& v : *values) {
                if (v.secret) v.value.clear();
            }
        }
    }
    trace->on_derivation(d);
}

void Engine::Impl::report(KeyExchangeStep& step) {
    for (DerivationTrace& d : step.derivations) report(std::move(d));
    for (NoteTrace& n : step.notes) trace_note(std::move(n.text), std::move(n.rfc_section));
}

// ---------------------------------------------------------------------------------------------
// Engine: the public face, forwarding to Impl

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

Role Engine::role() const { return impl_->role; }
void Engine::start() {
    if (impl_->state == State::failed) return;
    try {
        impl_->start();
    } catch (const TlsError& e) {
        impl_->fail_local(e.alert(), e.what());
    }
}
void Engine::receive(ByteView bytes) { impl_->receive(bytes); }
void Engine::transport_closed() { impl_->transport_closed(); }
Bytes Engine::take_output() { return std::exchange(impl_->output, Bytes{}); }
void Engine::send(ByteView data) { impl_->send(data); }
bool Engine::can_send() const { return impl_->may_send_application_data(); }
void Engine::close() { impl_->close(); }
std::vector<Event> Engine::take_events() { return std::exchange(impl_->events, {}); }

std::optional<SessionState> Engine::resumable_session() const {
    const Impl& i = *impl_;
    // RFC 5246 §7.2.2: after a fatal alert, never; §7.2.1: a lost transport is no reason.
    // A session is named by its ID or, RFC 5077 §3.4, by its ticket.
    if (!i.peer_finished || (i.session.session_id.empty() && i.session_ticket.empty()) || !i.session.cipher_suite) {
        return std::nullopt;
    }
    if (i.failure && i.failure->origin != FailureOrigin::transport) return std::nullopt;
    return i.session_state();
}

SessionState Engine::Impl::session_state() const {
    SessionState s;
    s.session_id = session.session_id;
    s.version = session.version;
    s.cipher_suite = session.cipher_suite ? static_cast<std::uint16_t>(session.cipher_suite->suite) : 0;
    s.master_secret = Engine_Impl_access::master_secret(session).clone();
    s.extended_master_secret = session.extended_master_secret;
    s.encrypt_then_mac = session.encrypt_then_mac;
    s.server_name = session.server_name;
    s.peer_certificates = session.peer_certificates;
    s.peer_verified = session.peer_verified;
    s.created = session_created;
    s.ticket = session_ticket;
    s.ticket_lifetime_hint = ticket_lifetime_hint;
    return s;
}
State Engine::state() const { return impl_->state; }
bool Engine::is_done() const { return impl_->state == State::closed || impl_->state == State::failed; }
const SessionInfo& Engine::session() const { return impl_->session; }
std::optional<Failure> Engine::failure() const { return impl_->failure; }

Engine::Impl& engine_internals_for_tests(Engine& engine) { return *engine.impl_; }

std::unique_ptr<crypto::RandomSource> make_deterministic_random(ByteView seed, Role role) {
    if (seed.empty()) throw Error("deterministic mode: the seed is empty");
    const std::string_view personalization = role == Role::client ? "lucid client" : "lucid server connection 1";
    return std::make_unique<crypto::HmacDrbg>(seed, as_bytes("lucidtls deterministic mode"), as_bytes(personalization));
}

}  // namespace lucid::handshake
