// The key exchanges behind one interface (RFC 5246 §7.4.3, §7.4.7, §8.1): what the server sends
// (a ServerKeyExchange or nothing), what the client sends, how each side forms the premaster
// secret, and the derivation records each step reports for the trace. The engines call these in
// the order of RFC 5246 §7.3 and never branch on the key exchange themselves.
//
//   server                                        client
//   make_server_key_exchange(kx, ...)             make_client_key_exchange(kx, server_key, ...)
//   ->server_key_exchange()   ServerKeyExchange or nothing --->  ->receive_server_key_exchange(body)
//   ->receive_client_key_exchange(body)  <--- ClientKeyExchange  ->client_key_exchange()
//   = pre_master_secret                                          = pre_master_secret
//
// One file per key exchange: key_exchange_rsa.cpp (RSA key transport, §7.4.7.1),
// key_exchange_dhe.cpp (DHE_RSA, §7.4.3 and §8.1.2, with the numbers of dhe.cpp) and
// key_exchange_ecdhe.cpp (ECDHE_RSA on X25519, RFC 8422 §5.4-§5.11) and key_exchange_dh_anon.cpp
// (the anonymous Diffie-Hellman lab: DHE without certificate or signature). A new key exchange is one
// new file, one `case` in key_exchange.cpp and its rows in the suite table.
//
// Derivation records carry every value, secret ones marked; the engine (Engine::Impl::report)
// removes the secret values before the TraceSink sees them unless it wants secrets.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/dh.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "crypto/secret.h"
#include "handshake/cipher_suites.h"
#include "handshake/trace.h"

namespace lucid::handshake {

// What one key-exchange step produced.
struct KeyExchangeStep {
    std::optional<Bytes> message;                  // a whole handshake message to send, if any
    std::optional<SecretBytes> pre_master_secret;  // once this side knows it
    std::string group;                             // "ffdhe2048 (2048 bits)" for DHE, the curve for ECDHE; empty for RSA
    std::vector<DerivationTrace> derivations;      // with every value; secret ones marked
    std::vector<NoteTrace> notes;                  // sentences for the trace (a weak group accepted ...)
};

// What the server knows when it starts the key exchange (after ClientHello).
struct ServerKeyExchangeContext {
    ByteView client_random;
    ByteView server_random;
    const crypto::RsaPrivateKey& key;                // the certificate's key
    std::optional<std::uint16_t> signature_algorithm;  // for a signed ServerKeyExchange (DHE_RSA, ECDHE_RSA)
    std::optional<crypto::DhGroup> dh_group;         // DHE: the configured group; default ffdhe2048
    std::uint16_t client_version = 0x0303;           // ClientHello.client_version (RSA rollback check)
};

class ServerKeyExchanger {
public:
    virtual ~ServerKeyExchanger() = default;
    // RFC 5246 §7.4.3: the ServerKeyExchange to send after Certificate, or no message.
    virtual KeyExchangeStep server_key_exchange(crypto::RandomSource& rng) = 0;
    // RFC 5246 §7.4.7: the premaster from the body of the client's ClientKeyExchange.
    virtual KeyExchangeStep receive_client_key_exchange(ByteView body, crypto::RandomSource& rng) = 0;
};

// What the client knows when it starts the key exchange (after the server's Certificate).
struct ClientKeyExchangeContext {
    ByteView client_random;
    ByteView server_random;
    std::optional<crypto::RsaPublicKey> server_key;  // from the validated certificate; none for DH_anon
    std::uint16_t client_version = 0x0303;  // as offered in ClientHello (RSA premaster, §7.4.7.1)
    std::vector<std::uint16_t> signature_algorithms;  // the ones we offered (ServerKeyExchange check)
    std::size_t minimum_dh_bits = crypto::dh_minimum_server_group_bits;
    std::uint16_t version = 0x0303;  // the negotiated version: the form of ServerKeyExchange
    std::vector<std::uint16_t> offered_ffdhe_groups;  // RFC 7919 §3: what supported_groups listed
};

class ClientKeyExchanger {
public:
    virtual ~ClientKeyExchanger() = default;
    // RFC 5246 §7.4.3: whether the server sends a ServerKeyExchange after its Certificate.
    virtual bool expects_server_key_exchange() const = 0;
    // RFC 5246 §7.4.3: checks and keeps the server's parameters. Throws record::TlsError.
    virtual KeyExchangeStep receive_server_key_exchange(ByteView body) = 0;
    // RFC 5246 §7.4.7: the ClientKeyExchange to send and the premaster.
    virtual KeyExchangeStep client_key_exchange(crypto::RandomSource& rng) = 0;
};

std::unique_ptr<ServerKeyExchanger> make_server_key_exchanger(KeyExchange kx, const ServerKeyExchangeContext& context);
std::unique_ptr<ClientKeyExchanger> make_client_key_exchanger(KeyExchange kx, ClientKeyExchangeContext context);

// The implementations (one file each).
std::unique_ptr<ServerKeyExchanger> make_rsa_server(const ServerKeyExchangeContext& context);
std::unique_ptr<ClientKeyExchanger> make_rsa_client(ClientKeyExchangeContext context);
std::unique_ptr<ServerKeyExchanger> make_dhe_rsa_server(const ServerKeyExchangeContext& context);
std::unique_ptr<ClientKeyExchanger> make_dhe_rsa_client(ClientKeyExchangeContext context);
std::unique_ptr<ServerKeyExchanger> make_ecdhe_rsa_server(const ServerKeyExchangeContext& context);
std::unique_ptr<ClientKeyExchanger> make_ecdhe_rsa_client(ClientKeyExchangeContext context);
std::unique_ptr<ServerKeyExchanger> make_dh_anon_server(const ServerKeyExchangeContext& context);
std::unique_ptr<ClientKeyExchanger> make_dh_anon_client(ClientKeyExchangeContext context);

}  // namespace lucid::handshake
