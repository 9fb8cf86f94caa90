// Extensions whose extension_data is empty in both hellos:
//
//   extended_master_secret, RFC 7627 §5.1: "The "extension_data" field of this extension SHALL be
//   empty." Negotiated by lucidtls: the master secret is then bound to the handshake transcript
//   (RFC 7627 §4), which defeats the triple-handshake attack.
//
//   encrypt_then_mac, RFC 7366 §2: "The "extension_data" field of this extension SHALL be empty."
//   Negotiated for CBC suites (handshake/encrypt_then_mac.h): the records are then protected as
//   RFC 7366 §3 says (record/etm_cipher_state.cpp).
#include "handshake/extensions.h"
#include "record/tls_error.h"

namespace lucid::handshake {

void read_empty_extension(FieldReader& r, std::string_view name) {
    if (!r.empty()) {
        throw record::TlsError(record::AlertDescription::decode_error,
                               r.what() + ": " + std::string(name) + " must have empty extension_data");
    }
    r.set_note("empty, as required");
}

}  // namespace lucid::handshake
