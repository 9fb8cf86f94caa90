// The SSL 2.0-compatible CLIENT-HELLO, RFC 5246 Appendix E.2.
//
//   uint8 V2CipherSpec[3];
//   struct {
//       uint16 msg_length;           // the high bit is set; the rest is the length that follows
//       uint8 msg_type;              // 1, CLIENT-HELLO
//       Version version;             // the highest version the client supports
//       uint16 cipher_spec_length;   // a multiple of 3
//       uint16 session_id_length;    // 0 for a client that supports TLS
//       uint16 challenge_length;     // 16 to 32
//       V2CipherSpec cipher_specs[V2ClientHello.cipher_spec_length];
//       opaque session_id[V2ClientHello.session_id_length];
//       opaque challenge[V2ClientHello.challenge_length];
//   } V2ClientHello;
//
// "The challenge_length ... If the challenge length is less than 32, the TLS server will pad the
// data with leading (note: not trailing) zero bytes to make it 32 bytes long." A TLS cipher suite
// {X, Y} appears as the cipher spec {0x00, X, Y}; specs with another first byte are SSL 2.0 ones.
// "Note: Requests to resume a TLS session MUST use a TLS client hello." The message carries no
// extensions. The Finished hash covers this message from msg_type on: the two msg_length bytes are
// the SSL 2.0 record header (SSL 3.0's Appendix E starts the struct at msg_type), and OpenSSL hashes
// the same bytes.
#include "handshake/messages/sslv2_client_hello.h"

#include "handshake/field_reader.h"
#include "handshake/messages/client_hello.h"
#include "record/tls_error.h"

namespace lucid::handshake {

using record::AlertDescription;
using record::TlsError;

namespace {

constexpr std::uint8_t sslv2_client_hello_type = 1;
constexpr std::size_t sslv2_header_length = 2;

}  // namespace

// RFC 5246 Appendix E.2: the record header of SSL 2.0 has its high bit set, which no TLS
// ContentType has.
std::optional<std::size_t> sslv2_client_hello_length(ByteView b) {
    if (b.size() < 3) return std::nullopt;
    if ((b[0] & 0x80) == 0 || b[2] != sslv2_client_hello_type) return 0;
    const std::size_t length = sslv2_header_length + ((std::size_t{b[0]} & 0x7F) << 8 | b[1]);
    if (b.size() < length) return std::nullopt;
    return length;
}

// RFC 5246 Appendix E.2
record::HandshakeMessage convert_sslv2_client_hello(ByteView v2_message) {
    FieldReader r(v2_message, "V2ClientHello", 0, nullptr);
    r.u8("msg_type");
    ClientHello ch;
    ch.client_version = r.u16("version");
    const std::uint16_t spec_length = r.u16("cipher_spec_length");
    const std::uint16_t session_id_length = r.u16("session_id_length");
    const std::uint16_t challenge_length = r.u16("challenge_length");
    if (spec_length == 0 || spec_length % 3 != 0 || challenge_length < 16 || challenge_length > 32) {
        throw TlsError(AlertDescription::illegal_parameter,
                       "SSL 2.0 CLIENT-HELLO with cipher_spec_length " + std::to_string(spec_length) +
                           " (a non-zero multiple of 3) or challenge_length " + std::to_string(challenge_length) +
                           " (16 to 32) out of range (RFC 5246 Appendix E.2)");
    }
    const ByteView specs = r.bytes(spec_length, "cipher_specs");
    r.bytes(session_id_length, "session_id");  // resumption needs a TLS ClientHello: ignored
    const ByteView challenge = r.bytes(challenge_length, "challenge");
    r.expect_end();
    for (std::size_t i = 0; i < specs.size(); i += 3) {
        if (specs[i] == 0) ch.cipher_suites.push_back(static_cast<std::uint16_t>(specs[i + 1] << 8 | specs[i + 2]));
    }
    // "pad the data with leading (note: not trailing) zero bytes to make it 32 bytes long"
    std::copy(challenge.begin(), challenge.end(), ch.random.end() - challenge.size());
    ch.compression_methods = {0};

    const Bytes whole = ch.encode();
    record::HandshakeMessage m;
    m.type = static_cast<std::uint8_t>(HandshakeType::client_hello);
    m.body.assign(whole.begin() + 4, whole.end());
    m.raw.assign(v2_message.begin(), v2_message.end());
    return m;
}

}  // namespace lucid::handshake
