// What is known at each point of the handshake, as types (docs/handshake.md, "What is known is
// typed"). A step that learns something makes the stage; the handlers of later rows receive it
// as a parameter (FlowHandler, engine_impl.h), so none of them reads a value that only the flow
// table's order would make present.
//
//   ServerHello sent or received    -> Negotiated        the suite, its PRF and record protection
//   step 6, or a resumed session     -> KeysDerived       + the master secret and the key block
//   the peer's Finished checked      -> FinishedVerified  (finished_check.h) the right to send data
#pragma once

#include "crypto/secret.h"
#include "handshake/cipher_suites.h"
#include "handshake/key_schedule.h"
#include "handshake/prf.h"
#include "record/cipher_state.h"

namespace lucid::handshake {

// RFC 5246 §7.4.1.3: what the ServerHello fixes for the rest of the handshake.
struct Negotiated {
    const CipherSuiteInfo& suite;
    PrfAlgorithm prf;               // RFC 5246 §5: the suite's PRF hash
    record::CipherSpec cipher_spec; // how records will be protected once ChangeCipherSpec is sent
};

// RFC 5246 §8.1 and §6.3: the master secret and the key block cut from it. Made by
// Engine::Impl::derive_keys (full handshake) or resume_keys (abbreviated handshake).
struct KeysDerived {
    Negotiated negotiated;
    SecretBytes master_secret;  // 48 bytes
    KeyBlock key_block;         // the traffic keys of both directions
};

}  // namespace lucid::handshake
