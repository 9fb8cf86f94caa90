// ChangeCipherSpec, RFC 5246 §7.1 (steps 7 and 9).
//
//   struct {
//       enum { change_cipher_spec(1), (255) } type;
//   } ChangeCipherSpec;
//
// Not a handshake message: it has its own content type (20), so it is not in the Finished
// transcript. "The ChangeCipherSpec message is sent by both the client and the server to notify
// the receiving party that subsequent records will be protected under the newly negotiated
// CipherSpec and keys." The receiver switches its read state when it arrives; the sender switches
// its write state right after sending it.
#include "handshake/messages/change_cipher_spec.h"

#include "handshake/field_reader.h"
#include "record/tls_error.h"

namespace lucid::handshake {

Bytes ChangeCipherSpec::encode() const { return Bytes{1}; }

ChangeCipherSpec ChangeCipherSpec::parse(ByteView fragment, Field* tree) {
    FieldReader r(fragment, "ChangeCipherSpec", 0, tree);
    const std::uint8_t type = r.u8("type", [](std::uint8_t t) {
        return t == 1 ? std::string("change_cipher_spec (1)") : "unknown (" + std::to_string(t) + ")";
    });
    r.expect_end();
    if (type != 1) {
        throw record::TlsError(record::AlertDescription::illegal_parameter,
                               "ChangeCipherSpec: type is " + std::to_string(type) + ", must be 1 (RFC 5246 §7.1)");
    }
    return {};
}

}  // namespace lucid::handshake
