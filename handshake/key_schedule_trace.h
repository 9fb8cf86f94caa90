// The derivation records of the key schedule (key_schedule.h), for the trace: what went into each
// PRF call and what came out, secret values marked (trace.h). The engine hands them to
// Engine::Impl::report, which strips the secret bytes unless the sink wants them (--show-secrets);
// nothing here prints, and the handlers build no records themselves.
//
// Each record is step 6 of the walkthrough (docs/handshake.md), except verify_data: step 8 for the
// client's Finished, 10 for the server's.
#pragma once

#include <cstddef>

#include "crypto/secret.h"
#include "handshake/key_schedule.h"
#include "handshake/trace.h"

namespace lucid::handshake {

// RFC 5246 §8.1, or RFC 7627 §4 when ms was made by derive_extended_master_secret.
DerivationTrace master_secret_derivation(const SecretBytes& pre_master_secret, const MasterSecret& ms);

// RFC 5246 §7.3, Figure 2: an abbreviated handshake reuses the saved session's master secret.
DerivationTrace resumed_master_secret_derivation(const SecretBytes& master_secret);

// RFC 5246 §6.3: the key block and how it is cut for the record protection `spec` (an AEAD suite
// has no MAC keys, and its IVs are the implicit part of the nonce).
// version: the agreed one, which decides what the CBC IVs of the key block are for.
DerivationTrace key_block_derivation(const SecretBytes& master_secret, const KeyBlock& kb, const record::CipherSpec& spec,
                                     std::uint16_t version);

// RFC 5246 §7.4.9: verify_data over the hash of transcript_length bytes of handshake messages.
DerivationTrace verify_data_derivation(const SecretBytes& master_secret, Sender sender, const VerifyData& vd,
                                       std::size_t transcript_length);

}  // namespace lucid::handshake
