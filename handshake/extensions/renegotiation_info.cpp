// renegotiation_info, RFC 5746 §3.2.
//
//   struct {
//       opaque renegotiated_connection<0..255>;
//   } RenegotiationInfo;
//
// On an initial handshake renegotiated_connection is empty, and RFC 5746 §3.4 (client) and §3.6
// (server) require a handshake_failure alert otherwise; on a renegotiation it carries the last
// handshake's verify_data (handshake/renegotiation.h). Those checks are the engines' (client.cpp,
// server.cpp, renegotiation.cpp); this file only reads and writes the bytes.
// TLS_EMPTY_RENEGOTIATION_INFO_SCSV (0x00FF) in the cipher suite list means the same as the empty
// extension (RFC 5746 §3.3).
#include "handshake/extensions.h"

namespace lucid::handshake {

Bytes encode_renegotiation_info(ByteView renegotiated_connection) {
    record::Writer w;
    w.vec(1, renegotiated_connection);
    return w.take();
}

Bytes read_renegotiation_info(FieldReader& r) {
    const ByteView v = r.vec_bytes(1, 0, 255, "renegotiated_connection");
    if (v.empty()) r.note_last("empty: an initial handshake (RFC 5746 §3.2)");
    return Bytes(v.begin(), v.end());
}

}  // namespace lucid::handshake
