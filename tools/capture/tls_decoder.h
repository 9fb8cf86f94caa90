// Reading a TLS 1.0-1.2 connection from the outside, as Wireshark does: the bytes both ways (from a
// capture, or a recording in vectors/tls/) and key material, in; the same trace events the
// engines emit (handshake/trace.h), out, so that the text trace and the illustrated page render a
// captured connection exactly as they render one of our own.
//
// The key material decides what can be opened (the forward-secrecy lesson, docs/forward-secrecy.md):
//   - a key log (NSS format, CLIENT_RANDOM lines) gives the master secret of any connection whose
//     client random it lists, whatever the key exchange;
//   - the server's RSA private key decrypts the premaster of an RSA key exchange (RFC 5246
//     §7.4.7.1), hence the master secret. For DHE (and ECDHE) the premaster is g^(xy) mod p, and
//     neither private exponent was ever sent or kept: the server key only signed the parameters,
//     so it cannot recover the premaster. The decoder says so, in a note, and shows the records
//     still sealed. A resumed session needs the key log too (its master secret is an old one).
//
// The pieces are the library's own: the record layer (record/record_layer.h) and its CipherTrace,
// the handshake assembler, the message parsers (describe_handshake_message) and the key schedule
// (handshake/key_schedule.h). Events use Direction::sent for client -> server (render with the
// client role).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/secret.h"
#include "handshake/trace.h"

namespace lucid::crypto {
class RsaPrivateKey;
}

namespace lucid::tools {

struct KeyMaterial {
    // client random -> master secret (key log). Several for one random happen when connections were
    // made with the same --seed: the one whose keys open the client's Finished is used.
    std::multimap<Bytes, SecretBytes> master_secrets;
    std::shared_ptr<const crypto::RsaPrivateKey> server_key;  // may be null
};

// NSS key log lines "CLIENT_RANDOM <64 hex> <96 hex>"; comments, blank lines and other labels
// (TLS 1.3 secrets) are skipped. Throws lucid::Error naming the line of a malformed CLIENT_RANDOM.
std::multimap<Bytes, SecretBytes> parse_keylog(std::string_view text);

// A piece of the conversation, in the order it crossed the network.
struct Chunk {
    bool from_client = true;
    Bytes bytes;
};

// A recording holds each direction whole, not their interleaving: this restores the flights of
// RFC 5246 §7.3 (ClientHello; the server up to ServerHelloDone or its Finished; the client up to
// its Finished; the server up to its Finished; then the rest, client first).
std::vector<Chunk> interleave_flights(ByteView client_to_server, ByteView server_to_client);

struct DecodeResult {
    bool handshake_seen = false;     // a ClientHello was read
    bool keys_found = false;         // the master secret was known or recovered
    std::string key_source;          // "the key log", "the server's RSA key (--key)"
    std::string suite;               // "TLS_RSA_WITH_AES_128_CBC_SHA256", empty if no ServerHello
    std::string why_not;             // keys_found == false: why (one sentence)
    Bytes client_plaintext;          // application data, when decrypted
    Bytes server_plaintext;
    std::vector<std::string> problems;  // a Finished that does not verify, a record that does not open ...
};

// Never throws for bad bytes: what cannot be read becomes a problem and a note.
DecodeResult decode_connection(const std::vector<Chunk>& chunks, const KeyMaterial& keys, handshake::TraceSink& sink);

}  // namespace lucid::tools
