// application_layer_protocol_negotiation, RFC 7301 §3.1.
//
//   opaque ProtocolName<1..2^8-1>;
//
//   struct {
//       ProtocolName protocol_name_list<2..2^16-1>
//   } ProtocolNameList;
//
// ServerHello: "The "extension_data" field of the ("application_layer_protocol_negotiation(16)")
// extension is structured the same as described above for the client "extension_data", except that
// the "ProtocolNameList" MUST contain exactly one "ProtocolName"."
#include "handshake/extensions.h"
#include "record/tls_error.h"

namespace lucid::handshake {

Bytes encode_alpn(const std::vector<std::string>& protocols) {
    record::Writer w;
    w.prefixed(2, [&](record::Writer& list) {
        for (const std::string& p : protocols) {
            if (p.empty() || p.size() > 255) throw Error("ALPN protocol names must be 1 to 255 bytes long");
            list.vec(1, as_bytes(p));
        }
    });
    return w.take();
}

std::vector<std::string> read_alpn(FieldReader& r, HelloKind kind) {
    std::vector<std::string> out;
    r.vec(2, 2, 0xFFFF, "protocol_name_list", [&](FieldReader& list) {
        while (!list.empty()) {
            const ByteView name = list.vec_bytes(1, 1, 255, "ProtocolName", [](ByteView v) {
                return "\"" + std::string(v.begin(), v.end()) + "\"";
            });
            out.emplace_back(name.begin(), name.end());
        }
    });
    if (kind == HelloKind::server_hello && out.size() != 1) {
        throw record::TlsError(record::AlertDescription::decode_error,
                               r.what() + ": the server's ALPN list must hold exactly one protocol (RFC 7301 §3.1), it holds " +
                                   std::to_string(out.size()));
    }
    return out;
}

}  // namespace lucid::handshake
