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
// Handlers throw record::TlsError for every failure; receive() catches it once, queues the fatal
// alert and enters the sticky failed state (fail()).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "crypto/random.h"
#include "crypto/secret.h"
#include "handshake/engine.h"
#include "handshake/finished_check.h"
#include "handshake/key_schedule.h"
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

// One incoming protocol message.
struct Incoming {
    record::ContentType content;
    const record::HandshakeMessage* message = nullptr;  // content == handshake
    ByteView fragment;                                   // content == change_cipher_spec / application_data

    bool matches(const Expect& e) const;
    std::string name() const;  // "ServerHello", "ChangeCipherSpec", "application data"
};
std::string expect_name(const Expect& e);

// RFC 5246 §7.4.1.2: gmt_unix_time (4 bytes, big-endian) then 28 random bytes.
Random fresh_random(std::int64_t now, crypto::RandomSource& rng);

// The one way into SessionInfo's master secret for the engines.
struct Engine_Impl_access {
    static void set_master_secret(SessionInfo& s, SecretBytes secret) { s.master_secret_ = std::move(secret); }
    static const SecretBytes& master_secret(const SessionInfo& s) { return s.master_secret_; }
};

Engine::Impl& engine_internals_for_tests(Engine& engine);

template <class Side>
struct FlowStep {
    State state;
    Expect expect;
    void (Side::*handle)(const Incoming&);
    State next;  // established is entered by the handler itself, with a FinishedVerified
    // The other states the handler may choose instead of `next` (choose_next()); unused slots empty.
    std::array<std::optional<State>, 2> or_else{};
};

struct Engine::Impl {
    Impl(Role role, const CommonConfig& common, crypto::RandomSource& random, TraceSink* trace, State initial);
    virtual ~Impl();

    // --- per side (client.cpp / server.cpp) ---
    virtual void start() {}
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
    void on_record(const record::Record& record);
    void dispatch(const Incoming& in);  // the one place that decides unexpected_message
    void handle_alert(ByteView fragment);
    void on_application_data(const Incoming& in);
    void refuse_renegotiation(const Incoming& in);

    // Appends to the transcript, traces, seals and queues one handshake message.
    void send_handshake(Bytes message);
    // Sends ChangeCipherSpec and switches the write state to the new keys (RFC 5246 §7.1).
    void send_change_cipher_spec();
    // Switches the read state to the new keys after the peer's ChangeCipherSpec.
    void switch_read_keys();
    void send_alert(record::AlertLevel level, record::AlertDescription description);
    void fail_local(record::AlertDescription alert, const std::string& sentence);
    void fail_peer(record::AlertDescription alert, const std::string& sentence);
    void enter_established(FinishedVerified proof);
    void emit(Event e) { events.push_back(std::move(e)); }
    // A handler at a fork of the flow: the state to go to instead of its row's `next` (one of the
    // row's or_else states, checked by run_flow_table).
    void choose_next(State s) { chosen_next = s; }
    // Called once when the engine enters `failed` (the server forgets the session, §7.2.2).
    virtual void on_failed() {}

    // Key schedule steps shared by both sides.
    void set_cipher_suite(const CipherSuiteInfo& suite);
    void derive_keys(const SecretBytes& pre_master_secret);     // RFC 5246 §8.1, §6.3 (+ RFC 7627)
    // RFC 5246 §7.3, Figure 2: a resumed session's master secret, and a key block from the new randoms.
    void resume_keys(SecretBytes master_secret);
    void derive_key_block();                                    // RFC 5246 §6.3, from session's master secret
    // What resuming this connection's session needs (SessionState), from `session`.
    SessionState session_state() const;
    VerifyData finished_for(Sender sender, ByteView transcript_bytes) const;  // RFC 5246 §7.4.9
    Sender own_sender() const { return role == Role::client ? Sender::client : Sender::server; }
    Sender peer_sender() const { return role == Role::client ? Sender::server : Sender::client; }
    // The transcript up to, not including, the message being handled (for the peer's Finished).
    ByteView transcript_before_current() const { return ByteView(transcript).first(transcript_before); }

    // Tracing helpers (all no-ops without a sink).
    void trace_handshake(Direction d, std::uint8_t type, ByteView whole_message);
    void trace_simple(Direction d, record::ContentType content, ByteView fragment);
    void trace_note(std::string text, std::string rfc_section = "");
    TraceValue public_value(std::string name, ByteView v, std::string note = "") const;
    TraceValue secret_value(std::string name, ByteView v, std::string note = "") const;
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
    bool version_fixed = false;   // incoming records must carry TLS 1.2 from now on
    Bytes output;
    std::vector<Event> events;
    std::optional<Failure> failure;
    SessionInfo session;

    PrfAlgorithm prf = PrfAlgorithm::tls12_sha256;
    record::CipherSpec cipher_spec;
    std::optional<KeyBlock> key_block;
    std::optional<FinishedVerified> peer_finished;  // the proof that made `established` possible
    bool close_notify_sent = false;
    bool close_notify_received = false;
    std::optional<State> chosen_next;  // set by choose_next() during one handler
    std::int64_t session_created = 0;  // when the session's full handshake ran (SessionState::created)
};

// Runs the row of `table` that matches (side.state, in); false if none does.
template <class Side, std::size_t N>
bool run_flow_table(Side& side, const FlowStep<Side> (&table)[N], const Incoming& in) {
    for (const FlowStep<Side>& row : table) {
        if (row.state != side.state || !in.matches(row.expect)) continue;
        side.chosen_next.reset();
        (side.*row.handle)(in);
        if (side.state == State::failed || side.state == State::closed) return true;
        if (side.chosen_next) {
            const State chosen = *std::exchange(side.chosen_next, std::nullopt);
            if (chosen != row.or_else[0] && chosen != row.or_else[1]) {
                throw record::TlsError(record::AlertDescription::internal_error,
                                       "internal error: the flow table has no edge from " +
                                           std::string(state_name(row.state)) + " to " + std::string(state_name(chosen)));
            }
            side.state = chosen;
            return true;
        }
        if (row.next == State::established) {
            if (side.state != State::established) {
                throw record::TlsError(record::AlertDescription::internal_error,
                                       "internal error: handshake finished without a verified Finished");
            }
        } else {
            side.state = row.next;
        }
        return true;
    }
    return false;
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
