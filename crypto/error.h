// lucidtls reports failures as exceptions derived from lucid::Error.
//
// The rule for the whole project: a function that cannot do what it was asked throws, with a
// sentence that names the problem ("hex: odd number of digits (3)"). Layers above add what they
// know: record/ and handshake/ throw TlsError, which also carries the alert to send, x509/ throws
// errors that carry the byte offset. Code that handles secrets never throws *because of* a secret
// value (padding, MAC, PKCS#1 checks): it computes a mask in constant time and decides once, at
// the end, with nothing secret in the message.
#pragma once

#include <stdexcept>
#include <string>

namespace lucid {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace lucid
