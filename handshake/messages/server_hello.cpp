// ServerHello, RFC 5246 §7.4.1.3 (step 2).
//
//   struct {
//       ProtocolVersion server_version;
//       Random random;
//       SessionID session_id;
//       CipherSuite cipher_suite;
//       CompressionMethod compression_method;
//       select (extensions_present) {
//           case false:
//               struct {};
//           case true:
//               Extension extensions<0..2^16-1>;
//       };
//   } ServerHello;
#include "handshake/messages/server_hello.h"

#include "handshake/cipher_suites.h"

namespace lucid::handshake {

Bytes ServerHello::encode() const {
    record::Writer w;
    w.u16(server_version);
    w.bytes(random);
    w.vec(1, session_id);
    w.u16(cipher_suite);
    w.u8(compression_method);
    write_extensions(w, extensions);
    return frame_handshake(HandshakeType::server_hello, w.data());
}

ServerHello ServerHello::parse(ByteView body, Field* tree) {
    FieldReader r(body, "ServerHello", 4, tree);
    ServerHello hello;
    hello.server_version = r.u16("server_version", describe_version);
    hello.random = read_random(r);
    const ByteView session_id = r.vec_bytes(1, 0, 32, "session_id");
    hello.session_id.assign(session_id.begin(), session_id.end());
    hello.cipher_suite = r.u16("cipher_suite", cipher_suite_label);
    hello.compression_method = r.u8("compression_method", [](std::uint8_t m) {
        return m == 0 ? std::string("null (0)") : "unknown (" + std::to_string(m) + ")";
    });
    hello.extensions = read_extensions(r, HelloKind::server_hello);
    r.expect_end();
    return hello;
}

}  // namespace lucid::handshake
