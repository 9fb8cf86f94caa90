// The StatePlaintext inside a ticket, RFC 5077 §4 (layout in session_state_codec.h).
#include "handshake/session_state_codec.h"

#include "crypto/error.h"
#include "handshake/key_schedule.h"
#include "record/codec.h"
#include "record/tls_error.h"

namespace lucid::handshake {

SecretBytes encode_session_state(const SessionState& s) {
    record::Writer w;
    w.u8(session_state_format);
    w.u16(s.version);
    w.u16(s.cipher_suite);
    w.u8(0);  // compression_method null
    w.bytes(s.master_secret.view());
    w.prefixed(3, [&](record::Writer& list) {
        for (const Bytes& cert : s.peer_certificates) list.vec(3, cert);
    });
    w.u8(s.peer_verified ? 1 : 0);
    w.u64(static_cast<std::uint64_t>(s.created));
    w.u8(s.extended_master_secret ? 1 : 0);
    w.u8(s.encrypt_then_mac ? 1 : 0);  // RFC 7366 §3.1: a resumption keeps the record mechanism
    w.vec(2, as_bytes(s.server_name));
    return SecretBytes::adopt(w.take());
}

namespace {

bool read_flag(record::Reader& r, std::string_view name) {
    const std::uint8_t v = r.u8(name);
    if (v > 1) throw record::TlsError(record::AlertDescription::decode_error, std::string(name) + " is not 0 or 1");
    return v == 1;
}

SessionState read_session_state(record::Reader& r) {
    SessionState s;
    if (r.u8("format") != session_state_format) {
        throw record::TlsError(record::AlertDescription::decode_error, "unknown format");
    }
    s.version = r.u16("protocol_version");
    s.cipher_suite = r.u16("cipher_suite");
    if (r.u8("compression_method") != 0) throw record::TlsError(record::AlertDescription::decode_error, "compression");
    const ByteView master = r.bytes(master_secret_length, "master_secret");
    s.master_secret = SecretBytes(master);
    record::Reader certs = record::Reader(r.vec_bytes(3, 0, 0xFFFFFF, "client_certificates"), "client_certificates");
    while (!certs.empty()) {
        const ByteView der = certs.vec_bytes(3, 1, 0xFFFFFF, "ASN.1Cert");
        s.peer_certificates.emplace_back(der.begin(), der.end());
    }
    s.peer_verified = read_flag(r, "client_verified");
    s.created = static_cast<std::int64_t>(r.u64("timestamp"));
    s.extended_master_secret = read_flag(r, "extended_master_secret");
    s.encrypt_then_mac = read_flag(r, "encrypt_then_mac");
    const ByteView name = r.vec_bytes(2, 0, 0xFFFF, "server_name");
    s.server_name.assign(name.begin(), name.end());
    r.expect_end();
    return s;
}

}  // namespace

std::optional<SessionState> decode_session_state(ByteView plaintext) {
    try {
        record::Reader r(plaintext, "StatePlaintext");
        return read_session_state(r);
    } catch (const record::TlsError&) {
        return std::nullopt;
    } catch (const Error&) {
        return std::nullopt;
    }
}

}  // namespace lucid::handshake
