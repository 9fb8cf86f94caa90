// ChangeCipherSpec (RFC 5246 §7.1, steps 7 and 9) and Alert (RFC 5246 §7.2): the two one-record
// protocols that travel beside the handshake. See change_cipher_spec.cpp and alert_message.cpp.
#pragma once

#include "crypto/bytes.h"
#include "handshake/trace.h"
#include "record/alert.h"

namespace lucid::handshake {

struct ChangeCipherSpec {
    Bytes encode() const;  // the one byte 01
    // The whole record fragment. Throws TlsError(decode_error) unless it is exactly one byte,
    // (illegal_parameter) unless that byte is 1.
    static ChangeCipherSpec parse(ByteView fragment, Field* tree = nullptr);
};

struct AlertMessage {
    record::AlertLevel level = record::AlertLevel::fatal;
    record::AlertDescription description = record::AlertDescription::close_notify;

    Bytes encode() const;
    // The whole record fragment: exactly two bytes, or TlsError(decode_error).
    static AlertMessage parse(ByteView fragment, Field* tree = nullptr);
};

}  // namespace lucid::handshake
