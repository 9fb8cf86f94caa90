// Handshake messages out of handshake records, RFC 5246 §6.2.1 and §7.4.
//
//   struct {
//       HandshakeType msg_type;    1 byte   (client_hello(1), server_hello(2), ... finished(20))
//       uint24 length;             3 bytes  the length of body
//       body                       length bytes
//   } Handshake;
//
// §6.2.1: "multiple client messages of the same ContentType MAY be coalesced into a single
// TLSPlaintext record, or a single message MAY be fragmented across several records". So record
// boundaries mean nothing to the handshake: the assembler turns the stream of handshake fragments
// back into whole messages.
//
// How it is used: for every record from RecordLayer::next_record(), call add(record). For a
// handshake record this appends the fragment; then take messages with next_message() until it
// returns nothing. For any other content type, add() only checks the boundary rule below (the
// engine handles the record itself).
//
// The boundary rule: ChangeCipherSpec switches the keys, so it must come between two whole
// handshake messages (RFC 5246 §7.1: CCS is sent after the last handshake message of a flight and
// the Finished that follows it is the first message under the new keys); a CCS arriving while a
// message is half received throws TlsError(unexpected_message), as Go and OpenSSL do. Alerts and
// application data MAY be interleaved with handshake fragments in TLS 1.2 ("Data of different TLS
// record layer content types MAY be interleaved", §6.2.1) and are let through; the engine decides
// whether it accepts application data at that point. (TLS 1.3, RFC 8446 §5.1, forbids all of it.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "crypto/bytes.h"
#include "record/record.h"

namespace lucid::record {

struct HandshakeMessage {
    std::uint8_t type = 0;  // HandshakeType (§7.4); the handshake/ layer names the values
    Bytes body;             // the length bytes after the 4-byte header
    Bytes raw;              // header + body: what goes into the Finished transcript (§7.4.9)
};

class HandshakeAssembler {
public:
    // The longest message accepted, by default 2^18 bytes (certificate chains are the largest
    // messages; the wire allows 2^24 - 1). A longer announced length throws
    // TlsError(decode_error) as soon as its header is seen, before buffering it.
    explicit HandshakeAssembler(std::size_t max_message_length = 1u << 18);

    // See the boundary rule above.
    void add(const Record& record);
    void add(const RecordView& record);  // the same; the fragment is copied if kept
    // The handshake fragment bytes alone (for tests and for replaying a recorded stream).
    void add_fragment(ByteView fragment);

    // The next whole message, or nothing if more fragments are needed.
    std::optional<HandshakeMessage> next_message();

    // True while bytes of an incomplete message are buffered (a header or part of a body).
    bool in_message() const;
    std::size_t buffered() const { return buffer_.size() - consumed_; }

private:
    Bytes buffer_;
    std::size_t consumed_ = 0;  // bytes of buffer_ already returned as messages
    std::size_t max_message_length_;
};

}  // namespace lucid::record
