// ClientHello, RFC 5246 §7.4.1.2 (step 1).
//
//   struct {
//       uint32 gmt_unix_time;
//       opaque random_bytes[28];
//   } Random;
//
//   opaque SessionID<0..32>;
//   uint8 CipherSuite[2];
//   enum { null(0), (255) } CompressionMethod;
//
//   struct {
//       ProtocolVersion client_version;
//       Random random;
//       SessionID session_id;
//       CipherSuite cipher_suites<2..2^16-2>;
//       CompressionMethod compression_methods<1..2^8-1>;
//       select (extensions_present) {
//           case false:
//               struct {};
//           case true:
//               Extension extensions<0..2^16-1>;
//       };
//   } ClientHello;
#include "handshake/messages/client_hello.h"

#include <algorithm>

#include "handshake/cipher_suites.h"

namespace lucid::handshake {

bool ClientHello::offers_suite(std::uint16_t code) const {
    return std::find(cipher_suites.begin(), cipher_suites.end(), code) != cipher_suites.end();
}

Bytes ClientHello::encode() const {
    record::Writer w;
    w.u16(client_version);
    w.bytes(random);
    w.vec(1, session_id);
    w.prefixed(2, [&](record::Writer& list) {
        for (std::uint16_t s : cipher_suites) list.u16(s);
    });
    w.vec(1, compression_methods);
    write_extensions(w, extensions);
    return frame_handshake(HandshakeType::client_hello, w.data());
}

ClientHello ClientHello::parse(ByteView body, Field* tree) {
    FieldReader r(body, "ClientHello", 4, tree);
    ClientHello hello;
    hello.client_version = r.u16("client_version", describe_version);
    hello.random = read_random(r);
    const ByteView session_id = r.vec_bytes(1, 0, 32, "session_id");
    hello.session_id.assign(session_id.begin(), session_id.end());
    r.vec(2, 2, 0xFFFE, "cipher_suites", [&](FieldReader& list) {
        // An odd length leaves one byte, and the u16 read fails with decode_error.
        while (!list.empty()) hello.cipher_suites.push_back(list.u16("CipherSuite", cipher_suite_label));
        list.set_value(std::to_string(hello.cipher_suites.size()) + " suites");
    });
    const ByteView methods = r.vec(1, 1, 255, "compression_methods", [](FieldReader& list) {
        while (!list.empty()) {
            list.u8("CompressionMethod", [](std::uint8_t m) {
                return m == 0 ? std::string("null (0)") : "unknown (" + std::to_string(m) + ")";
            });
        }
    });
    hello.compression_methods.assign(methods.begin(), methods.end());
    hello.extensions = read_extensions(r, HelloKind::client_hello);
    r.expect_end();
    return hello;
}

}  // namespace lucid::handshake
