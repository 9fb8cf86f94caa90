// Trace events: what the engines tell a renderer about every byte they send and receive.
//
// The engines (handshake/engine.h) never print. When given a TraceSink they call it with:
//   - RecordTrace      every record, in both directions, as on the wire (and its plaintext);
//   - MessageTrace     every handshake message (and ChangeCipherSpec and Alert) as a tree of named
//                      fields with byte offsets into the message, the RFC section and the step of
//                      the walkthrough it belongs to (ClientHello = step 1 ...);
//   - DerivationTrace  every derivation: premaster, master secret (PRF inputs and output), key
//                      block split, verify_data; values marked secret where they are;
//   - NoteTrace        a sentence worth showing (an ignored extension, --insecure, ...).
// The field trees are filled by the message parsers themselves while they read (see
// handshake/field_reader.h), so an annotation cannot drift from the bytes it describes; for a
// message we send, the engine re-parses the bytes it just encoded to get its tree.
//
// Secrets: a TraceValue marked secret carries its bytes ONLY when the sink's wants_secrets()
// returns true (--show-secrets); otherwise its value is empty and only its size is given. So a
// renderer cannot print a secret by mistake: it does not have it.
//
// Renderers (tools/: the text trace, later an HTML page) implement TraceSink. Callbacks happen
// synchronously inside Engine::start/receive/send/close, in wire order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"

namespace lucid::handshake {

// From the point of view of the engine that emits the event.
enum class Direction { sent, received };
std::string_view direction_name(Direction d);  // "sent" / "received"

// One named piece of a message. offset/length are in bytes from the start of MessageTrace::raw
// (for a handshake message: from its 4-byte header), so raw.subspan(offset, length) is the field.
struct Field {
    std::string name;     // "client_version", "cipher_suites", "[2]", "extension server_name"
    std::size_t offset = 0;
    std::size_t length = 0;
    std::string value;    // a reading for people: "TLS 1.2 (0x0303)", "host.example", "48 bytes"
    std::string note;     // why it is there / which rule: "RFC 6066 §3", may be empty
    std::vector<Field> children;
};

// A value computed (not read off the wire): PRF inputs and outputs, keys, MAC input...
struct TraceValue {
    std::string name;     // "pre_master_secret", "client_write_MAC_key"
    bool secret = false;
    std::size_t size = 0; // always given
    Bytes value;          // empty when secret and the sink does not want secrets
    std::string note;
};

// A record as it crossed the wire (RFC 5246 §6.2.1 TLSPlaintext / §6.2.3 TLSCiphertext).
struct RecordTrace {
    Direction direction = Direction::sent;
    std::uint64_t sequence_number = 0;  // RFC 5246 §6.1, per direction, reset by ChangeCipherSpec
    std::uint8_t content_type = 0;      // 20 change_cipher_spec, 21 alert, 22 handshake, 23 data
    std::uint16_t version = 0;          // the record header's version field
    Bytes wire;                         // 5-byte header + fragment, exactly as sent/received
    bool protected_record = false;      // true once a cipher state other than NULL/NULL is active
    Bytes plaintext;                    // the TLSPlaintext fragment (same as the fragment if clear)
    std::vector<TraceValue> details;    // record version note, explicit IV, MAC, padding bytes, padding_length
    int step = 0;                       // walkthrough step: 11 application data, 12 close_notify; 0 = none
};

// A protocol message: one handshake message, a ChangeCipherSpec or an Alert.
struct MessageTrace {
    Direction direction = Direction::sent;
    std::uint8_t content_type = 22;     // the record content type that carried it
    std::uint8_t handshake_type = 0;    // RFC 5246 §7.4 HandshakeType; 0 for CCS/alert
    std::string name;                   // "ClientHello", "ChangeCipherSpec", "Alert"
    std::string rfc_section;            // "RFC 5246 §7.4.1.2"
    int step = 0;                       // walkthrough step, see walkthrough_steps(); 0 = none
    Bytes raw;                          // the whole message (handshake: header + body)
    Field root;                         // covers raw; children are the fields in wire order
};

struct DerivationTrace {
    std::string name;                   // "master secret", "key block", "client verify_data"
    std::string rfc_section;            // "RFC 5246 §8.1"
    int step = 0;
    std::vector<TraceValue> inputs;
    std::vector<TraceValue> outputs;
};

struct NoteTrace {
    std::string text;
    std::string rfc_section;            // may be empty
};

// RFC 5077: what happened to a session ticket, with the reason (a rejected ticket is never an
// error: the handshake goes on as a full one).
struct TicketTrace {
    enum class Kind {
        issued,    // server: NewSessionTicket sent after a full handshake
        accepted,  // server: the client's ticket resumes its session
        rejected,  // server: the client's ticket does not (reason says why); a full handshake follows
        renewed,   // server: accepted, and a new ticket replaces it (its key no longer issues)
        offered,   // client: a saved ticket is in the ClientHello
        received,  // client: NewSessionTicket from the server, stored with the session
        declined,  // client: the server did not resume with the offered ticket
    };
    Kind kind;
    std::string reason;
    std::string rfc_section;
};
std::string_view ticket_event_name(TicketTrace::Kind kind);  // "issued", "accepted" ...

// RFC 5746: a new handshake starts on the established connection (the trace's second ladder).
struct RenegotiationTrace {
    std::size_t number = 1;  // 1 for the first renegotiation
    std::string reason;      // "the server asked (HelloRequest)", "the client's ClientHello"
};

// Values for derivation records: public ones carry their bytes; secret ones too, marked secret
// (the engine strips them unless the sink wants secrets).
TraceValue public_trace_value(std::string name, ByteView v, std::string note = "");
TraceValue secret_trace_value(std::string name, ByteView v, std::string note = "");

class TraceSink {
public:
    virtual ~TraceSink() = default;
    // true only when the user asked to see secrets (--show-secrets).
    virtual bool wants_secrets() const { return false; }
    virtual void on_record(const RecordTrace&) {}
    virtual void on_message(const MessageTrace&) {}
    virtual void on_derivation(const DerivationTrace&) {}
    virtual void on_note(const NoteTrace&) {}
    // By default a ticket event reads as a note ("session ticket rejected: ..."), so every
    // renderer shows it; a sink that wants the kind overrides this.
    virtual void on_ticket(const TicketTrace& t) {
        on_note({"session ticket " + std::string(ticket_event_name(t.kind)) + ": " + t.reason, t.rfc_section});
    }
    // By default a note; the text trace draws a heading above the new handshake's messages.
    virtual void on_renegotiation(const RenegotiationTrace& r) {
        on_note({"renegotiation " + std::to_string(r.number) + ": " + r.reason, "RFC 5746"});
    }
};

// The walkthrough of a full RSA handshake (RFC 5246 §7.3, Figure 1), numbered as in
// docs/handshake.md. Step numbers are the same whichever side emits the event.
struct WalkthroughStep {
    int number;
    std::string_view title;        // "ClientHello"
    std::string_view sender;       // "client" / "server"
    std::string_view rfc_section;
};
//  1 ClientHello             2 ServerHello           3 Certificate          4 ServerHelloDone
//  5 ClientKeyExchange       6 master secret + keys  7 client ChangeCipherSpec
//  8 client Finished         9 server ChangeCipherSpec 10 server Finished
// 11 application data        12 close_notify
std::span<const WalkthroughStep> walkthrough_steps();

}  // namespace lucid::handshake
