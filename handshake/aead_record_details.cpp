#include "handshake/aead_record_details.h"

namespace lucid::handshake {

// RFC 5246 §6.2.3.3, RFC 5288 §3, RFC 7905 §2.
std::vector<TraceValue> aead_record_details(const record::CipherTrace& trace, std::string_view cipher_state,
                                            bool with_secrets) {
    std::vector<TraceValue> out;
    if (trace.nonce.empty()) return out;
    const bool gcm = cipher_state.find("GCM") != std::string_view::npos;
    TraceValue nonce{"nonce", true, trace.nonce.size(), with_secrets ? trace.nonce : Bytes{},
                     gcm ? "salt (4 bytes of the key block's write_IV) + nonce_explicit (the sequence number, sent "
                           "in the record): never the same twice under one key (RFC 5288 §3)"
                         : "write_IV XOR the sequence number padded to 12 bytes; nothing of it is sent (RFC 7905 §2)"};
    out.push_back(std::move(nonce));
    out.push_back(TraceValue{"additional_data", false, trace.additional_data.size(), trace.additional_data,
                             "seq_num + type + version + length of the plaintext (RFC 5246 §6.2.3.3)"});
    out.push_back(TraceValue{"tag", false, trace.tag.size(), trace.tag,
                             "authenticates the ciphertext and the additional data; checked before any plaintext is "
                             "released (RFC 5246 §6.2.3.3)"});
    return out;
}

}  // namespace lucid::handshake
