// Inside the engines: what the client and the server share (engine.cpp), and the shape of the
// flow tables each side writes (client.cpp, server.cpp). Not a public header: tools/ uses engine.h.
//
// Every incoming record goes through Impl::on_record(), which turns it into an Incoming protocol
// message (a handshake message, a ChangeCipherSpec or application data; alerts are handled at once)
// and hands it to dispatch(). dispatch() is the ONE place that decides whether a message is
// expected: it looks the pair (state, message) up in the side's flow table; a pair that is not in
// the table is unexpected_message. A row names the handler and the state after it:
//
//   {State::client_wait_server_hello, handshake(server_hello), &ClientImpl::on_server_hello,
//    State::client_wait_certificate, {State::client_resume_wait_change_cipher_spec}},
//
// Where the handshake forks (a resumed session, a DHE suite, a client certificate), the row also
// lists the other states it may lead to, and the handler picks one with choose_next(); a handler
// can only pick a state its row lists, so every edge of the machine is in the table.
//
// What a handler may rely on is in its parameters: after the message, the stages earlier steps
// made (handshake_stages.h), e.g. on_finished(const Incoming&, const KeysDerived&). The row's
// FlowHandler fetches them (known<Stage>()); a stage that no earlier step made is a fault of the
// table, found there and nowhere else.
//
// Handlers throw record::TlsError for every failure; receive() catches it once, queues the fatal
// alert and enters the sticky failed state (fail()).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "crypto/random.h"
#include "crypto/secret.h"
#include "handshake/engine.h"
#include "handshake/finished_check.h"
#include "handshake/handshake_stages.h"
#include "handshake/key_exchange.h"
#include "handshake/key_schedule.h"
#include "handshake/peer_limits.h"
#include "handshake/protocol_versions.h"
#include "handshake/renegotiation.h"
#include "handshake/messages/handshake_type.h"
#include "record/handshake_assembler.h"
#include "record/record_layer.h"
#include "record/tls_error.h"

namespace lucid::handshake {

// What the flow table matches on: a content type and, for handshake records, the message type.
struct Expect {
    record::ContentType content;
    HandshakeType handshake = HandshakeType::hello_request;  // only for content == handshake
};
constexpr Expect handshake_message(HandshakeType t) { return {record::ContentType::handshake, t}; }
constexpr Expect change_cipher_spec_message{record::ContentType::change_cipher_spec};
constexpr Expect application_data_record{record::ContentType::application_data};
// Not a message: the client's start() (content type 0 exists in no record).
constexpr Expect start_call{static_cast<record::ContentType>(0)};

// One item of the flight a row sends: a handshake message's name or "ChangeCipherSpec"; optional
// ones may be left out (ServerKeyExchange only with DHE_RSA ...). Alerts are not part of flights.
struct Send {
    std::string_view name;
    bool optional = false;
};
constexpr Send send(std::string_view name) { return {name, false}; }
constexpr Send maybe(std::string_view name) { return {name, true}; }
using Flight = std::array<Send, 8>;  // unused slots have an empty name
constexpr Flight flight(std::initializer_list<Send> items) {
    Flight f{};
    std::size_t i = 0;
    for (const Send& item : items) f[i++] = item;
    return f;
}
constexpr Flight nothing_sent{};

// One incoming protocol message.
struct Incoming {
    record::ContentType content;
    const record::HandshakeMessage* message = nullptr;  // content == handshake
    ByteView fragment;                                   // content == change_cipher_spec / application_data

    bool matches(const Expect& e) const;
    std::string name() const;  // "ServerHello", "ChangeCipherSpec", "application data"
};
std::string expect_name(const Expect& e);

// The record layer's spelling of a ProtocolVersion (0x0302 -> {3, 2}).
inline record::ProtocolVersion record_version(std::uint16_t v) {
    return {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

// RFC 5246 §7.4.1.2: gmt_unix_time (4 bytes, big-endian) then 28 random bytes.
Random fresh_random(std::int64_t now, crypto::RandomSource& rng);

// The one way into SessionInfo's master secret for the engines.
struct Engine_Impl_access {
    static void set_master_secret(SessionInfo& s, SecretBytes secret) { s.master_secret_ = std::move(secret); }
    static const SecretBytes& master_secret(const SessionInfo& s) { return s.master_secret_; }
};

Engine::Impl& engine_internals_for_tests(Engine& engine);

// The flow tables drawn as ladders (render_ladder below), for docs/handshake.md and its test.
std::string client_flow_ladder();
std::string server_flow_ladder();

[[noreturn]] void flow_table_fault(State from, const std::string& what);

// A row's handler: a member function of the side (or of Impl) that takes the message and then the
// stages it needs, each as a reference:
//     void on_server_hello_done(const Incoming& in, const Negotiated& n, ClientKeyExchanger& kx);
// Calling it hands over those stages from the side's slots (Side::known<Stage>).
template <class Side>
class FlowHandler {
public:
    template <class Owner, class... Stage>
    FlowHandler(void (Owner::*handler)(const Incoming&, Stage&...))
        : call_([handler](Side& side, [[maybe_unused]] State at, const Incoming& in) {
              (side.*handler)(in, side.template known<std::remove_const_t<Stage>>(at)...);
          }) {}
    void operator()(Side& side, State at, const Incoming& in) const { call_(side, at, in); }

private:
    std::function<void(Side&, State, const Incoming&)> call_;
};

// A stage slot's value, or the table's fault: a row ran before the step that makes the stage.
template <class Stage>
Stage& present(Stage* slot, State at, std::string_view stage_name) {
    if (slot == nullptr) flow_table_fault(at, "a handler that needs " + std::string(stage_name) + " before any step made it");
    return *slot;
}

template <class Side>
struct FlowStep {
    State state;
    Expect expect;
    FlowHandler<Side> handle;
    Flight flight;  // what the handler sends in reply, in order; checked by run_flow_table
    State next;     // established only with a verified peer Finished (accept_finished)
    // The other states the handler may choose instead of `next` (choose_next()); unused slots empty.
    std::array<std::optional<State>, 3> or_else{};
};

struct Engine::Impl {
    Impl(Role role, const CommonConfig& common, crypto::RandomSource& random, TraceSink* trace, State initial);
    virtual ~Impl();

    // --- per side (client.cpp / server.cpp) ---
    virtual void start() {}
    // Engine::renegotiate: client, a new ClientHello; server, a HelloRequest (engine_renegotiation.cpp).
    virtual void start_renegotiation(bool ask_client_certificate) = 0;
    // Runs the matching row of the side's flow table; false if there is none.
    virtual bool run_flow(const Incoming& in) = 0;
    // "ServerHello" / "ChangeCipherSpec or alert": what the table accepts in state s.
    virtual std::string expected_in(State s) const = 0;

    // --- the public API (engine.cpp) ---
    void receive(ByteView bytes);
    void transport_closed();
    void send(ByteView data);
    void close();

    // --- shared machinery (engine.cpp) ---
    void on_record(const record::RecordView& record);
    bool take_sslv2_client_hello(ByteView bytes, Bytes& rest);  // server: RFC 5246 Appendix E.2
    void dispatch(const Incoming& in);  // the one place that decides unexpected_message
    void handle_alert(ByteView fragment);
    std::string alert_hint(record::AlertDescription alert) const;
    void on_application_data(const Incoming& in);
    bool may_send_application_data() const;  // Engine::can_send
    bool splits_records() const;      // TLS 1.0 CBC: the 1/n-1 split against BEAST
    void explain_record_splitting();  // the trace's note, once
    // RFC 5746 (renegotiation.h, engine_renegotiation.cpp): a new handshake on the established
    // connection. refuse_renegotiation answers with a no_renegotiation warning and says why.
    void refuse_renegotiation(const Incoming& in, const std::string& why);
    std::string why_not_renegotiate() const;  // empty: allowed
    void begin_renegotiation(std::string reason);
    void keep_finished(Direction d, ByteView verify_data);
    void bind_completed_handshake();
    bool takes_interleaved_data(const Incoming& in) const;

    // Appends to the transcript, traces, seals and queues one handshake message.
    void send_handshake(Bytes message);
    // Sends ChangeCipherSpec and switches the write state to the new keys (RFC 5246 §7.1).
    void send_change_cipher_spec(const KeysDerived& keys);
    // Switches the read state to the new keys after the peer's ChangeCipherSpec.
    void switch_read_keys(const KeysDerived& keys);
    void send_alert(record::AlertLevel level, record::AlertDescription description);
    void fail_local(record::AlertDescription alert, const std::string& sentence);
    void fail_peer(record::AlertDescription alert, const std::string& sentence);
    // The proof a row entering `established` must have (RFC 5246 §7.4.9); the table enters it.
    void accept_finished(FinishedVerified proof) { peer_finished = proof; }
    void on_established();
    void emit(Event e) { events.push_back(std::move(e)); }
    // A handler at a fork of the flow: the state to go to instead of its row's `next` (one of the
    // row's or_else states, checked by run_flow_table).
    void choose_next(State s) { chosen_next = s; }
    // Called once when the engine enters `failed` (the server forgets the session, §7.2.2).
    virtual void on_failed() {}
    // Called once when a full or abbreviated handshake enters `established` (the server caches it).
    virtual void on_handshake_complete() {}

    // RFC 5246 Appendix E.1: the version both sides use from now on (session.version, record headers).
    void agree_version(std::uint16_t version);
    // Key schedule steps shared by both sides; each makes a stage (handshake_stages.h).
    // RFC 5246 §7.4.1.3: the suite the ServerHello names; makes Negotiated.
    const Negotiated& negotiate(const CipherSuiteInfo& suite);
    // RFC 5246 §8.1, §6.3 (+ RFC 7627: the session hash of the messages up to ClientKeyExchange).
    const KeysDerived& derive_keys(const Negotiated& n, const SecretBytes& pre_master_secret,
                                   ByteView through_client_key_exchange);
    // RFC 5246 §7.3, Figure 2: a resumed session's master secret, and a key block from the new randoms.
    const KeysDerived& resume_keys(const Negotiated& n, SecretBytes master_secret);
    // RFC 5246 §6.3: the key block from the master secret; makes KeysDerived.
    const KeysDerived& derive_key_block(const Negotiated& n, SecretBytes master_secret);
    // What resuming this connection's session needs (SessionState), from `session`.
    SessionState session_state() const;
    VerifyData finished_for(const KeysDerived& keys, Sender sender, ByteView transcript_bytes);  // RFC 5246 §7.4.9
    // The transcript up to, not including, the message being handled (for the peer's Finished).
    ByteView transcript_before_current() const { return ByteView(transcript).first(transcript_before); }

    // Tracing helpers (all no-ops without a sink).
    void trace_handshake(Direction d, std::uint8_t type, ByteView whole_message);
    void trace_simple(Direction d, record::ContentType content, ByteView fragment);
    void trace_note(std::string text, std::string rfc_section = "");
    RecordTrace record_trace(const record::RecordEvent& e);
    void add_padding_details(RecordTrace& t, std::uint8_t padding_length);
    // Forwards derivation records and notes to the sink; secret values keep their bytes only if
    // the sink wants secrets (--show-secrets).
    void report(DerivationTrace d);
    void report(KeyExchangeStep& step);
    void report(NoteTrace note) { trace_note(std::move(note.text), std::move(note.rfc_section)); }
    void report(TicketTrace ticket) {
        if (trace) trace->on_ticket(ticket);
    }
    int step_of(std::uint8_t handshake_type, Direction d) const;

    Role role;
    State state;
    CommonConfig common;
    crypto::RandomSource& random;
    TraceSink* trace;

    record::RecordLayer records;
    record::HandshakeAssembler assembler;
    Bytes transcript;             // every handshake message so far (RFC 5246 §7.4.9 handshake_messages)
    std::size_t transcript_before = 0;
    bool version_fixed = false;   // incoming records must carry session.version from now on
    Bytes output;
    bool first_record_seen = false;  // server: the first bytes were not (or were) an SSL 2.0 CLIENT-HELLO
    Bytes first_bytes;               // server: the first bytes, until that is known
    std::vector<Event> events;
    std::optional<Failure> failure;
    SessionInfo session;

    // The stage slots (handshake_stages.h): filled by the step that makes each stage, read only
    // through known<Stage>() by FlowHandler, which hands them to the handlers as parameters.
    std::optional<Negotiated> negotiated;
    std::optional<KeysDerived> keys;
    template <class Stage>
    Stage& known(State at) {
        if constexpr (std::is_same_v<Stage, Negotiated>) return present(negotiated ? &*negotiated : nullptr, at, "Negotiated");
        else if constexpr (std::is_same_v<Stage, KeysDerived>) return present(keys ? &*keys : nullptr, at, "KeysDerived");
        else static_assert(sizeof(Stage) == 0, "no slot of Engine::Impl holds this stage");
    }
    std::optional<FinishedVerified> peer_finished;  // the proof that made `established` possible
    bool close_notify_sent = false;
    bool close_notify_received = false;
    NoProgressCounter no_progress;  // records that carried nothing, since the last progress
    std::optional<State> chosen_next;  // set by choose_next() during one handler
    std::vector<std::string> sent_in_step;  // handshake messages and ChangeCipherSpec sent by one handler
    bool split_explained = false;    // the trace says why TLS 1.0 data is split 1/n-1 once
    bool padding_explained = false;  // the trace says how TLS padding differs from PKCS#7 once
    std::int64_t session_created = 0;  // when the session's full handshake ran (SessionState::created)
    // Client: the session's ticket (RFC 5077), received in NewSessionTicket or kept from the
    // resumed session; goes into session_state().
    Bytes session_ticket;
    std::uint32_t ticket_lifetime_hint = 0;

    // RFC 5746 §3.1: the verify_data of the last complete handshake's Finished messages (kept as
    // they cross the wire, bound once both are verified), and the renegotiation under way.
    Bytes finished_sent, finished_received;
    RenegotiationBinding binding;                 // of the last complete handshake
    std::optional<RenegotiationBinding> renegotiating;  // while a renegotiation runs
    std::size_t renegotiations_started = 0;       // bounded by max_renegotiations (peer_limits.h)
    bool hello_request_sent = false;              // server: we asked; the client's ClientHello is due
    // The suite our records are written with now: it changes at our ChangeCipherSpec (RFC 5246
    // §7.1), which in a renegotiation comes after session.cipher_suite has changed.
    const CipherSuiteInfo* write_suite = nullptr;
    bool change_cipher_spec_sent = false;         // in the handshake under way (reset by a renegotiation)
};

// Whether `sent` is the row's flight with some optional items left out.
bool matches_flight(const Flight& flight, const std::vector<std::string>& sent);
std::string flight_text(const Flight& flight);  // "Certificate* ClientKeyExchange [ChangeCipherSpec] Finished"

// Runs the row of `table` that matches (side.state, in); false if none does. The ONE place where a
// handshake state changes: the handler runs, its flight is checked against the row's, and the
// row's next state (or the fork the handler chose among the row's) is entered.
template <class Side, std::size_t N>
bool run_flow_table(Side& side, const FlowStep<Side> (&table)[N], const Incoming& in) {
    for (const FlowStep<Side>& row : table) {
        if (row.state != side.state || !in.matches(row.expect)) continue;
        side.chosen_next.reset();
        side.sent_in_step.clear();
        row.handle(side, row.state, in);
        if (side.state == State::failed || side.state == State::closed) return true;
        if (!matches_flight(row.flight, side.sent_in_step)) flow_table_fault(row.state, "a flight the table does not list");
        State next = row.next;
        if (side.chosen_next) {
            next = *std::exchange(side.chosen_next, std::nullopt);
            if (std::find(row.or_else.begin(), row.or_else.end(), next) == row.or_else.end()) {
                flow_table_fault(row.state, "no edge to " + std::string(state_name(next)));
            }
        }
        if (next == State::established && !side.peer_finished) {
            flow_table_fault(row.state, "established without a verified Finished");
        }
        const bool entering = next == State::established && side.state != State::established;
        side.state = next;
        if (entering) side.on_established();
        return true;
    }
    return false;
}

// The table as the RFC 5246 §7.3 ladder: for each row, the message that arrives (on the peer's
// side, arrow towards us), the flight we send (on our side, arrow towards the peer) and, on the
// right, the state change. docs/handshake.md shows this text; a test keeps the two equal.
template <class Side, std::size_t N>
std::string render_ladder(const FlowStep<Side> (&table)[N], Role own) {
    const auto line = [own](std::string_view left, std::string_view right, bool to_server, std::string_view note) {
        std::string l(left), r(right);
        l.resize(24, ' ');
        if (r.size() < 22) r.insert(0, 22 - r.size(), ' ');
        std::string text = "  " + l + (to_server ? "  -------->  " : "  <--------  ") + r + "   " + std::string(note);
        while (text.back() == ' ') text.pop_back();
        return text + "\n";
    };
    std::string out = "  Client                                                Server\n";
    bool renegotiation_shown = false;
    for (const FlowStep<Side>& row : table) {
        // RFC 5746: the rows that start a new handshake on the established connection, as a second ladder.
        if (row.state == State::established && row.next != State::established && !renegotiation_shown) {
            out += "\n  renegotiation (RFC 5746): a new handshake under the current keys, through the rows above\n";
            renegotiation_shown = true;
        }
        std::string note = std::string(state_name(row.state)) + " -> " + std::string(state_name(row.next));
        for (const std::optional<State>& alt : row.or_else) {
            if (alt) note += " | " + std::string(state_name(*alt));
        }
        if (!(row.expect.content == start_call.content)) {
            const std::string got = row.expect.content == change_cipher_spec_message.content ? "[ChangeCipherSpec]"
                                                                                             : expect_name(row.expect);
            const bool from_client = own == Role::server;
            out += from_client ? line(got, "", true, note) : line("", got, false, note);
            note.clear();
        }
        for (const Send& s : row.flight) {
            if (s.name.empty()) continue;
            const std::string name = (s.name == "ChangeCipherSpec" ? "[ChangeCipherSpec]" : std::string(s.name)) +
                                     (s.optional ? "*" : "");
            out += own == Role::client ? line(name, "", true, note) : line("", name, false, note);
            note.clear();
        }
    }
    return out;
}

template <class Side, std::size_t N>
std::string expected_in_table(const FlowStep<Side> (&table)[N], State s) {
    std::string out;
    for (const FlowStep<Side>& row : table) {
        if (row.state != s) continue;
        out += (out.empty() ? "" : " or ") + expect_name(row.expect);
    }
    return out.empty() ? "nothing" : out;
}

}  // namespace lucid::handshake
