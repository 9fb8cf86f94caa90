// Encrypt-then-MAC, RFC 7366: when the extension applies and what it changes in the record layer.
//
//   Client                                  Server
//   ClientHello + encrypt_then_mac  ------>  (a CBC suite chosen, ETM allowed here)
//                                   <------  ServerHello + encrypt_then_mac
//   from ChangeCipherSpec on, both directions protect records as RFC 7366 §3 says
//   (record/etm_cipher_state.cpp); a stream or AEAD suite keeps its own records.
//
// RFC 7366 §3: "If a server receives an encrypt-then-MAC request extension from a client and then
// selects a stream or Authenticated Encryption with Associated Data (AEAD) ciphersuite, it MUST
// NOT send an encrypt-then-MAC response extension back to the client."
// RFC 7366 §3.1: the mechanism belongs to the session; "if the mechanism for the current session
// is X, then the renegotiated session should also use X". lucidtls applies this to resumption too:
// the server resumes a session only when the new hello would negotiate the same mechanism (else a
// full handshake), and the client aborts when a server resumes with the other one.
#pragma once

#include "handshake/cipher_suites.h"
#include "record/cipher_state.h"

namespace lucid::handshake {

// RFC 7366 §3: ETM changes only block-cipher (CBC) records.
inline bool encrypt_then_mac_applies(const CipherSuiteInfo& suite) {
    return suite.cipher_kind == record::CipherKind::block;
}

// RFC 7366 §3: the server answers the extension when the client sent it, it allows ETM (not
// --no-etm) and the suite is a CBC suite.
inline bool server_negotiates_encrypt_then_mac(bool client_offered, bool allowed, const CipherSuiteInfo& suite) {
    return client_offered && allowed && encrypt_then_mac_applies(suite);
}

// The record protection of a suite on this connection: record_cipher_spec() plus ETM if negotiated.
inline record::CipherSpec connection_cipher_spec(const CipherSuiteInfo& suite, bool encrypt_then_mac) {
    record::CipherSpec spec = record_cipher_spec(suite);
    spec.encrypt_then_mac = encrypt_then_mac && encrypt_then_mac_applies(suite);
    return spec;
}

}  // namespace lucid::handshake
