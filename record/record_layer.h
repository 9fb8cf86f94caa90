// The record layer, RFC 5246 §6: framing, fragmentation, sequence numbers and protection, with no I/O.
//
// How it is used (the engine owns one RecordLayer per connection):
//
//   RecordLayer records(rng);                 // both directions start with the NULL cipher
//   records.set_version(tls12);               // the version written in outgoing headers
//   records.feed(bytes_from_socket);          // any amount, split anywhere
//   while (auto r = records.next_record()) {  // one whole record at a time, unprotected
//       ... r->type, r->fragment ...          // (handshake fragments go to HandshakeAssembler)
//   }
//   socket_write(records.seal(ContentType::handshake, message_bytes));
//
// ChangeCipherSpec (§7.1): after sending CCS, call set_write_cipher(new state); after next_record()
// returned a CCS, call set_read_cipher(new state) before asking for the next record. Each call resets
// that direction's sequence number to 0 (§6.1). Records are decrypted only when next_record() is
// called, so bytes already fed after the CCS are read with the new state.
//
// Errors: next_record() throws TlsError with the alert to send (record_overflow, bad_record_mac,
// decode_error, unexpected_message). The layer is then broken: further calls throw the same error
// (the engine sends the alert and stops; §7.2.2 says the connection MUST be closed).
//
// The observer, if set, receives one RecordEvent for every record in or out, with the raw wire
// bytes, the plaintext and the cipher's trace details, so that a trace can explain every byte.
// Without an observer the cipher states keep no trace (CipherState::set_tracing), and a record
// costs no allocation: it is decrypted into one buffer the layer keeps for the connection, and
// sealed in place at the end of the output.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "crypto/bytes.h"
#include "crypto/random.h"
#include "record/cipher_state.h"
#include "record/record.h"
#include "record/tls_error.h"

namespace lucid::record {

enum class Direction : std::uint8_t { incoming, outgoing };
std::string direction_name(Direction d);  // "in", "out"

struct RecordEvent {
    Direction direction = Direction::incoming;
    ContentType type = ContentType::handshake;
    ProtocolVersion version = tls12;
    std::uint64_t sequence_number = 0;  // this direction's seq_num used for the MAC
    std::size_t length = 0;             // TLSCiphertext.length (the header's length field)
    Bytes wire;                         // header (5 bytes) + fragment, exactly as on the wire
    Bytes plaintext;                    // the content carried
    std::string cipher;                 // CipherState::name() of the state that (un)protected it
    CipherTrace trace;                  // IV, MAC input, MAC, padding length (empty for NULL)
};

using RecordObserver = std::function<void(const RecordEvent&)>;

class RecordLayer {
public:
    // rng supplies explicit CBC IVs; it must outlive the RecordLayer.
    explicit RecordLayer(crypto::RandomSource& rng);
    ~RecordLayer();
    RecordLayer(const RecordLayer&) = delete;
    RecordLayer& operator=(const RecordLayer&) = delete;

    // Incoming: raw bytes from the peer, in any pieces.
    void feed(ByteView bytes);
    // The next whole record, unprotected, or nothing if more bytes are needed.
    // Throws TlsError: record_overflow (a length above the limits of §6.2), bad_record_mac (any
    // decryption failure), unexpected_message (an unknown content type, §6), decode_error (a
    // zero-length handshake/alert/CCS record, §6.2.1 "MUST NOT send zero-length fragments"),
    // protocol_version (a header whose major version is not 3).
    std::optional<Record> next_record();
    // The same without a copy: the fragment is decrypted into a buffer the layer owns and reuses
    // (or, for the NULL cipher, left where it arrived), and stays valid until the next call to
    // feed() or next_record_view(). The engine reads records this way: no allocation per record.
    std::optional<RecordView> next_record_view();
    // Bytes fed but not yet returned as records.
    std::size_t buffered() const;

    // Outgoing: splits payload into fragments of at most 2^14 bytes (§6.2.1), protects each with
    // the write cipher state and returns the wire bytes of all records. An empty payload gives one
    // empty record for application_data (allowed by §6.2.1) and throws lucid::Error otherwise.
    Bytes seal(ContentType type, ByteView payload);
    // The same, appended to out: each record is written in place at the end of out, with no
    // buffer of its own.
    void seal_into(ContentType type, ByteView payload, Bytes& out);

    // ChangeCipherSpec: install a new state and reset that direction's sequence number to 0.
    void set_read_cipher(std::unique_ptr<CipherState> state);
    void set_write_cipher(std::unique_ptr<CipherState> state);

    // The version written in outgoing headers (default TLS 1.2; the client may send its first
    // ClientHello with tls10 for compatibility, RFC 5246 Appendix E.1). Incoming versions are
    // reported in Record::version, and checked by the handshake, which knows what was agreed.
    void set_version(ProtocolVersion version);
    ProtocolVersion version() const;

    // The largest fragment seal() writes: 2^14 by default; smaller for the max_fragment_length
    // extension (RFC 6066 §4) or for tests. Throws lucid::Error outside 1..2^14.
    void set_max_fragment_length(std::size_t length);

    // Next sequence number to be used in each direction (§6.1: 64 bits, reset on CCS).
    std::uint64_t read_sequence_number() const;
    std::uint64_t write_sequence_number() const;
    std::string read_cipher_name() const;
    std::string write_cipher_name() const;

    void set_observer(RecordObserver observer);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace lucid::record
