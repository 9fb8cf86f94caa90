// Secure renegotiation, RFC 5746: a new handshake on an established connection, bound to it.
//
// The 2009 attack (Ray and Dispensa, CVE-2009-3555, RFC 5746 §1): a man in the middle opens a TLS
// connection to a server and sends a request of his own; when the victim's ClientHello arrives he
// forwards it inside that connection, where the server takes it for a renegotiation; the server
// then glues the attacker's request in front of the victim's authenticated ones. RFC 5746 binds
// each renegotiation to the connection it renegotiates: both sides keep the verify_data of the
// last handshake's two Finished messages (§3.1), and the new hellos carry them in
// renegotiation_info (§3.2):
//
//     ClientHello  renegotiated_connection = client_verify_data                       §3.5, checked §3.7
//     ServerHello  renegotiated_connection = client_verify_data || server_verify_data  §3.7, checked §3.5
//
// The victim's ClientHello carries an empty one (an initial handshake, §3.4), which the server
// can tell from a renegotiation; and the attacker cannot forge the verify_data.
//
// The policy (as OpenSSL 3): a server refuses renegotiations the client starts unless
// ServerConfig::client_renegotiation; a client performs the ones the server asks for unless
// ClientConfig::renegotiation is false; nobody renegotiates with a peer that did not signal RFC
// 5746 in the first handshake (§4.2, §4.4). A refusal is a no_renegotiation warning (RFC 5246
// §7.2.2) and the connection goes on. At most max_renegotiations per connection (peer_limits.h).
// The engines' side of it is in engine_renegotiation.cpp; this file holds the checks.
#pragma once

#include "crypto/bytes.h"
#include "handshake/cipher_suites.h"
#include "handshake/messages/client_hello.h"
#include "handshake/messages/server_hello.h"

namespace lucid::handshake {

// RFC 5746 §3.1: what a renegotiation must prove it continues. Filled when a handshake completes.
struct RenegotiationBinding {
    Bytes client_verify_data;  // the client's Finished.verify_data of the last handshake
    Bytes server_verify_data;  // the server's
    // RFC 7627: whether that handshake used the extended master secret (it must not be dropped).
    bool extended_master_secret = false;
    // RFC 7366 §3.1: whether the connection's records are encrypt-then-MAC now (a CBC suite with
    // the extension); a renegotiation must not take them back to MAC-then-encrypt.
    bool encrypt_then_mac = false;
};

// RFC 5746 §3.5: the renegotiated_connection a renegotiating client sends (client_verify_data).
Bytes client_renegotiated_connection(const RenegotiationBinding& b);
// RFC 5746 §3.7: the one the server answers (client_verify_data || server_verify_data).
Bytes server_renegotiated_connection(const RenegotiationBinding& b);

// RFC 5746 §3.7 (and RFC 7627): the server's checks of a renegotiating ClientHello; throws
// TlsError(handshake_failure) naming the rule that failed.
void check_renegotiating_client_hello(const RenegotiationBinding& b, const ClientHello& ch);
// RFC 5746 §3.5 (and RFC 7627): the client's checks of the ServerHello of a renegotiation.
void check_renegotiating_server_hello(const RenegotiationBinding& b, const ServerHello& sh);

// RFC 7366 §3.1: both sides' check of the record mechanism a renegotiation agreed (suite and
// encrypt_then_mac, full or resumed handshake); throws TlsError(handshake_failure) when a
// connection with encrypt-then-MAC records would go back to MAC-then-encrypt.
void check_encrypt_then_mac_kept(const RenegotiationBinding& b, const CipherSuiteInfo& suite, bool encrypt_then_mac);

}  // namespace lucid::handshake
