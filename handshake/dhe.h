// The DHE_RSA key exchange of TLS 1.2 (RFC 5246 §7.4.3, §7.4.7.2, §8.1.2), one function per step,
// so that the engines (client.cpp, server.cpp) only call them in order:
//
//   server  make_server_key_exchange   fresh X, Ys = g^X mod p, signed with the certificate key
//   client  check_server_key_exchange  signature, then the group (size, shape) and Ys
//   client  client_key_agreement       fresh Xc, Yc = g^Xc mod p, Z = Ys^Xc mod p
//   server  server_key_agreement       checks Yc, Z = Yc^X mod p
//
// Both sides then use Z, with its leading zero bytes stripped, as the pre_master_secret (§8.1.2),
// and the key schedule goes on exactly as with RSA key exchange.
//
// Why DHE: with RSA key exchange, whoever later obtains the server's private key can decrypt every
// recorded connection (the premaster travels encrypted to that key). With DHE the key only signs;
// the secrets X and Xc are thrown away after the handshake ("forward secrecy").
//
// The numbers are crypto/dh.h's; this file adds the TLS rules and the alerts (RFC 5246 §7.2.2):
//   decrypt_error      the ServerKeyExchange signature does not verify
//   illegal_parameter  a signature algorithm we did not offer; a malformed group; Ys or Yc
//                      outside 1 < Y < p-1 (RFC 7919 §5.1), or a shared secret of 1
//   handshake_failure  a group smaller than the client's minimum (2048 bits unless lowered for
//                      a lab): Logjam, as OpenSSL answers "dh key too small"
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/dh.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "crypto/secret.h"
#include "handshake/messages/server_key_exchange.h"

namespace lucid::handshake {

// The group a server uses when none is configured: RFC 7919 Appendix A.1.
crypto::DhGroup default_server_dh_group();

// A group that is byte for byte one crypto/dh_groups.h knows gets that name and the short private
// exponent its RFC allows (RFC 7919 §5.2); any other is returned as it is.
crypto::DhGroup recognise_dh_group(crypto::DhGroup group);

struct ServerDheStep {
    crypto::DhPrivateKey key;   // X is secret; keep it until the ClientKeyExchange arrives
    ServerKeyExchange message;  // to send
};

// RFC 5246 §7.4.3, server side: a fresh key in `group`, and the message signed with
// `signature_algorithm` over both randoms and the parameters.
ServerDheStep make_server_key_exchange(const crypto::DhGroup& group, ByteView client_random, ByteView server_random,
                                       const crypto::RsaPrivateKey& signing_key, std::uint16_t signature_algorithm,
                                       crypto::RandomSource& rng);

// What the client accepted from a ServerKeyExchange.
struct AcceptedServerDh {
    crypto::DhGroup group;       // named ("ffdhe2048") when p and g are a group we know
    crypto::BigInt server_public;  // Ys
};

// RFC 5246 §7.4.3, client side. Checks, in this order: the signature with the server's
// certificate key and one of the algorithms we offered (`we_accept`); the group (p at least
// minimum_group_bits bits, odd, 1 < g < p-1); Ys (1 < Ys < p-1). Throws record::TlsError.
AcceptedServerDh check_server_key_exchange(const ServerKeyExchange& message, ByteView client_random,
                                           ByteView server_random, const crypto::RsaPublicKey& server_key,
                                           const std::vector<std::uint16_t>& we_accept,
                                           std::size_t minimum_group_bits = crypto::dh_minimum_server_group_bits);

// RFC 5246 §7.4.3 ServerDHParams, client side, without a signature (the checks after it, and all
// of them for DH_anon): the group (p at least minimum_group_bits bits: handshake_failure; odd,
// 1 < g < p-1: illegal_parameter) and Ys (1 < Ys < p-1: illegal_parameter). Throws record::TlsError.
AcceptedServerDh accept_server_dh_params(const ServerDhParams& params,
                                         std::size_t minimum_group_bits = crypto::dh_minimum_server_group_bits);

struct ClientDheStep {
    Bytes dh_Yc;                  // to send in ClientKeyExchange (§7.4.7.2)
    crypto::DhPrivateKey key;     // Xc, for --show-secrets only; the caller drops it
    SecretBytes pre_master_secret;  // Z with leading zero bytes stripped (§8.1.2)
};

// RFC 5246 §7.4.7.2 and §8.1.2, client side.
ClientDheStep client_key_agreement(const AcceptedServerDh& server, crypto::RandomSource& rng);

// RFC 5246 §8.1.2, server side: checks Yc and returns the premaster. Throws
// TlsError(illegal_parameter) for a bad Yc.
SecretBytes server_key_agreement(const crypto::DhPrivateKey& key, ByteView client_public);

}  // namespace lucid::handshake
