// ServerKeyExchange for ECDHE_RSA, RFC 8422 §5.4: the server's ephemeral elliptic-curve public
// key and the curve it lives on, signed with its certificate key. See server_key_exchange_ecdhe.cpp.
// (The DHE_RSA form is in server_key_exchange.h; the negotiated suite says which one arrives.)
#pragma once

#include <cstdint>

#include "crypto/bytes.h"
#include "handshake/messages/digitally_signed.h"
#include "handshake/messages/handshake_type.h"

namespace lucid::handshake {

// RFC 8422 §5.4 ECCurveType: only named_curve is allowed ("explicit_prime" and "explicit_char2"
// are deprecated, §5.4: "MUST NOT be used").
inline constexpr std::uint8_t ec_curve_type_named_curve = 3;

// RFC 8422 §5.4 ServerECDHParams.
struct ServerEcdhParams {
    std::uint8_t curve_type = ec_curve_type_named_curve;
    std::uint16_t named_curve = 0;  // a NamedGroup (RFC 8422 §5.1.1): x25519(29) here
    Bytes point;                    // ECPoint.point: for X25519 the 32-byte u-coordinate (RFC 8422 §5.11)

    void write(record::Writer& w) const;
};

struct ServerKeyExchangeEcdhe {
    ServerEcdhParams params;
    DigitallySigned signed_params;

    Bytes encode() const;
    // body: the bytes after the 4-byte header. Throws TlsError(decode_error) for a malformed body
    // and (illegal_parameter) for a curve_type other than named_curve, whose fields we cannot read.
    // version: the negotiated one (the signature's form differs before TLS 1.2, digitally_signed.h).
    static ServerKeyExchangeEcdhe parse(ByteView body, Field* tree = nullptr, std::uint16_t version = 0x0303);

    // What signed_params signs (RFC 8422 §5.4): ClientHello.random + ServerHello.random +
    // ServerECDHParams.
    Bytes signed_content(ByteView client_random, ByteView server_random) const;
};

}  // namespace lucid::handshake
