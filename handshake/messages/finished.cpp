// Finished, RFC 5246 §7.4.9 (steps 8 and 10).
//
//   struct {
//       opaque verify_data[verify_data_length];
//   } Finished;
//
//   verify_data
//      PRF(master_secret, finished_label, Hash(handshake_messages))
//         [0..verify_data_length-1];
//
// verify_data_length is 12 for every cipher suite of RFC 5246 (and of lucidtls). The computation
// is in key_schedule.cpp; its constant-time check in handshake/finished_check.cpp.
#include "handshake/messages/finished.h"

namespace lucid::handshake {

Bytes Finished::encode() const { return frame_handshake(HandshakeType::finished, verify_data); }

Finished Finished::parse(ByteView body, Field* tree) {
    FieldReader r(body, "Finished", 4, tree);
    Finished message;
    // A body of another length is decode_error (§7.2.2: "a message could not be decoded").
    message.verify_data = r.fixed<12>("verify_data");
    r.expect_end();
    return message;
}

}  // namespace lucid::handshake
