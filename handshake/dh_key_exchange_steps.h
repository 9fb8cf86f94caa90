// The Diffie-Hellman halves that DHE_RSA (key_exchange_dhe.cpp) and DH_anon
// (key_exchange_dh_anon.cpp) share once the server's parameters are known: the premaster on each
// side, as a KeyExchangeStep with its trace. They differ only before this, in whether
// ServerKeyExchange is signed.
#pragma once

#include <string>
#include <string_view>

#include "crypto/bytes.h"
#include "crypto/dh.h"
#include "handshake/dhe.h"
#include "handshake/key_exchange.h"

namespace lucid::handshake {

// "ffdhe2048 (2048 bits)", as the trace and SessionInfo name a group.
std::string dh_group_description(const crypto::DhGroup& group);

// A private exponent as bytes, for the trace's secret values (shown only with --show-secrets).
Bytes dh_exponent_bytes(const crypto::DhPrivateKey& key);

// RFC 5246 §7.4.7.2 and §8.1.2, client: a fresh Xc, Yc = g^Xc mod p for ClientKeyExchange,
// Z = Ys^Xc mod p. ys_note says where Ys came from (signed or not).
KeyExchangeStep dh_client_premaster(const AcceptedServerDh& server, crypto::RandomSource& rng, std::string_view ys_note);

// RFC 5246 §7.4.7.2 and §8.1.2, server: the client's ClientKeyExchange body, 1 < Yc < p-1
// checked, Z = Yc^X mod p. The caller then throws X away.
KeyExchangeStep dh_server_premaster(const crypto::DhPrivateKey& x, ByteView client_key_exchange_body);

}  // namespace lucid::handshake
