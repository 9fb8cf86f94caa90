#include "record/handshake_assembler.h"

#include "record/codec.h"
#include "record/tls_error.h"

namespace lucid::record {

namespace {
constexpr std::size_t handshake_header_length = 4;  // msg_type (1) + length (3), RFC 5246 §7.4
}

HandshakeAssembler::HandshakeAssembler(std::size_t max_message_length) : max_message_length_(max_message_length) {}

void HandshakeAssembler::add(const Record& record) { add(RecordView{record.type, record.version, record.fragment}); }

void HandshakeAssembler::add(const RecordView& record) {
    if (record.type == ContentType::handshake) {
        add_fragment(record.fragment);
        return;
    }
    // RFC 5246 §7.1: ChangeCipherSpec stands between two flights, never inside a message.
    if (record.type == ContentType::change_cipher_spec && in_message()) {
        throw TlsError(AlertDescription::unexpected_message,
                       "ChangeCipherSpec arrived in the middle of a handshake message (" +
                           std::to_string(buffered()) + " bytes of it received; RFC 5246 §7.1)");
    }
}

void HandshakeAssembler::add_fragment(ByteView fragment) {
    if (consumed_ > 0) {
        buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(consumed_));
        consumed_ = 0;
    }
    append(buffer_, fragment);
}

// RFC 5246 §7.4: struct { HandshakeType msg_type; uint24 length; body } Handshake.
std::optional<HandshakeMessage> HandshakeAssembler::next_message() {
    ByteView pending = ByteView(buffer_).subspan(consumed_);
    if (pending.size() < handshake_header_length) return std::nullopt;
    Reader header(pending.first(handshake_header_length), "Handshake header");
    const std::uint8_t type = header.u8("msg_type");
    const std::uint32_t length = header.u24("length");
    if (length > max_message_length_) {
        throw TlsError(AlertDescription::decode_error,
                       "handshake message of type " + std::to_string(type) + " announces " + std::to_string(length) +
                           " bytes, more than the " + std::to_string(max_message_length_) + " accepted");
    }
    if (pending.size() < handshake_header_length + length) return std::nullopt;
    ByteView raw = pending.first(handshake_header_length + length);
    HandshakeMessage message;
    message.type = type;
    message.body.assign(raw.begin() + handshake_header_length, raw.end());
    message.raw.assign(raw.begin(), raw.end());
    consumed_ += raw.size();
    return message;
}

// True if the buffered bytes do not end exactly at a message boundary.
bool HandshakeAssembler::in_message() const {
    ByteView pending = ByteView(buffer_).subspan(consumed_);
    while (!pending.empty()) {
        if (pending.size() < handshake_header_length) return true;
        Reader header(pending.first(handshake_header_length), "Handshake header");
        header.u8("msg_type");
        const std::size_t length = header.u24("length");
        if (pending.size() < handshake_header_length + length) return true;
        pending = pending.subspan(handshake_header_length + length);
    }
    return false;
}

}  // namespace lucid::record
