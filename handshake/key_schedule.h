// The TLS 1.0-1.2 key schedule: premaster -> master secret -> key block -> traffic keys, and the
// Finished verify_data. Every step is one PRF call (prf.h).
//
//   master_secret = PRF(pre_master_secret, "master secret",
//                       ClientHello.random + ServerHello.random)[0..47]          RFC 5246 §8.1
//     or, with extended_master_secret negotiated,
//   master_secret = PRF(pre_master_secret, "extended master secret",
//                       session_hash)[0..47]                                     RFC 7627 §4
//   key_block     = PRF(master_secret, "key expansion",
//                       server_random + client_random)                            RFC 5246 §6.3
//                 = client_write_MAC_key | server_write_MAC_key | client_write_key
//                   | server_write_key | client_write_IV | server_write_IV
//   verify_data   = PRF(master_secret, finished_label,
//                       Hash(handshake_messages))[0..11]                          RFC 5246 §7.4.9
//
// Note the order of the randoms: client first for the master secret, server first for the key block.
//
// How it is used (the handshake engine, after ClientKeyExchange):
//   auto ms  = derive_master_secret(prf, premaster, client_random, server_random);
//   auto kb  = derive_key_block(prf, ms.master_secret, client_random, server_random,
//                               record::key_material_sizes(spec));
//   records.set_write_cipher(record::make_cipher_state(spec, version, kb.client_write));  // client side
//   auto fin = compute_verify_data(prf, ms.master_secret, Sender::client,
//                                  handshake_hash(prf, transcript_so_far));
// Each result keeps the public PRF inputs (PrfInputs) for the trace; nothing here prints.
#pragma once

#include <array>
#include <cstddef>

#include "crypto/bytes.h"
#include "crypto/secret.h"
#include "handshake/prf.h"
#include "record/cipher_state.h"

namespace lucid::handshake {

inline constexpr std::size_t master_secret_length = 48;  // §8.1
inline constexpr std::size_t verify_data_length = 12;    // §7.4.9 (for every suite we have)

struct MasterSecret {
    SecretBytes master_secret;  // 48 bytes
    PrfInputs prf;              // label "master secret" (seed = client_random + server_random)
                                // or "extended master secret" (seed = session_hash)
};

// RFC 5246 §8.1. client_random and server_random are the 32-byte Random fields of the hellos.
MasterSecret derive_master_secret(PrfAlgorithm alg, const SecretBytes& pre_master_secret,
                                  ByteView client_random, ByteView server_random);
// RFC 7627 §4. session_hash = handshake_hash(alg, every handshake message up to and including
// ClientKeyExchange), RFC 7627 §3.
MasterSecret derive_extended_master_secret(PrfAlgorithm alg, const SecretBytes& pre_master_secret,
                                           ByteView session_hash);

struct KeyBlock {
    SecretBytes key_block;             // the whole PRF output, sizes.key_block_length() bytes
    record::KeyMaterialSizes sizes;    // how it was cut
    record::TrafficKeys client_write;  // client_write_MAC_key, client_write_key, client_write_IV
    record::TrafficKeys server_write;  // server_write_MAC_key, server_write_key, server_write_IV
    PrfInputs prf;                     // label "key expansion", seed = server_random + client_random
};

// RFC 5246 §6.3
KeyBlock derive_key_block(PrfAlgorithm alg, const SecretBytes& master_secret, ByteView client_random,
                          ByteView server_random, const record::KeyMaterialSizes& sizes);

enum class Sender { client, server };

struct VerifyData {
    std::array<std::uint8_t, verify_data_length> verify_data{};  // public: it is sent (encrypted)
    PrfInputs prf;  // label "client finished" / "server finished", seed = the handshake hash
};

// RFC 5246 §7.4.9. handshake_hash is handshake_hash(alg, messages) over every handshake message
// sent or received before this Finished (not HelloRequest, not ChangeCipherSpec).
VerifyData compute_verify_data(PrfAlgorithm alg, const SecretBytes& master_secret, Sender sender,
                               ByteView handshake_hash);

// The transcript hash that goes into Finished and the extended master secret:
// TLS 1.2: Hash(handshake_messages) with the PRF's hash (RFC 5246 §7.4.9);
// TLS 1.0/1.1: MD5(handshake_messages) + SHA-1(handshake_messages), 36 bytes (RFC 2246 §7.4.9).
Bytes handshake_hash(PrfAlgorithm alg, ByteView handshake_messages);

}  // namespace lucid::handshake
