// What the trace shows beside the bytes of an AEAD record (RFC 5246 §6.2.3.3): the nonce, the
// additional data and the tag, from the record layer's CipherTrace (record/aead_cipher_state.h).
// Shared by the engine's record trace and `lucid decrypt` (tools/capture/tls_decoder.cpp).
#pragma once

#include <string_view>
#include <vector>

#include "handshake/trace.h"
#include "record/cipher_state.h"

namespace lucid::handshake {

// Empty for a record that is not AEAD. The nonce holds the implicit IV of the key block (GCM's
// salt, ChaCha20-Poly1305's whole IV), so it is a secret value: without with_secrets
// (--show-secrets) only its size is given. The additional data and the tag are public (the
// header, the sequence number and the last 16 bytes of the fragment).
// cipher_state is the record layer's name of the state ("AES_128_GCM (AEAD)"), which says how the
// nonce was formed.
std::vector<TraceValue> aead_record_details(const record::CipherTrace& trace, std::string_view cipher_state,
                                            bool with_secrets);

}  // namespace lucid::handshake
