#include "handshake/key_schedule_trace.h"

#include <string>

namespace lucid::handshake {

namespace {

constexpr int key_schedule_step = 6;  // the walkthrough's "master secret and keys"

// How the trace names the PRF and the handshake hash of a suite (RFC 5246 §5, RFC 5289 §3.2).
std::string prf_function_name(PrfAlgorithm alg) {
    switch (alg) {
        case PrfAlgorithm::tls10_md5_sha1: return "P_MD5 XOR P_SHA1";
        case PrfAlgorithm::tls12_sha256: return "P_SHA256";
        case PrfAlgorithm::tls12_sha384: return "P_SHA384";
    }
    return "?";
}

std::string handshake_hash_name(PrfAlgorithm alg) {
    switch (alg) {
        case PrfAlgorithm::tls10_md5_sha1: return "MD5 || SHA-1";
        case PrfAlgorithm::tls12_sha256: return "SHA-256";
        case PrfAlgorithm::tls12_sha384: return "SHA-384";
    }
    return "?";
}

TraceValue label_value(const PrfInputs& prf) {
    return public_trace_value("label", as_bytes(prf.label), "\"" + prf.label + "\"");
}

}  // namespace

// RFC 5246 §8.1 / RFC 7627 §4
DerivationTrace master_secret_derivation(const SecretBytes& pre_master_secret, const MasterSecret& ms) {
    const bool extended = ms.prf.label == "extended master secret";
    DerivationTrace d;
    d.name = extended ? "extended master secret" : "master secret";
    d.rfc_section = extended ? "RFC 7627 §4" : "RFC 5246 §8.1";
    d.step = key_schedule_step;
    d.inputs.push_back(secret_trace_value("pre_master_secret", pre_master_secret.view()));
    d.inputs.push_back(label_value(ms.prf));
    if (extended) {
        // RFC 7627 §3: the session hash covers every message up to and including ClientKeyExchange.
        d.inputs.push_back(public_trace_value("session_hash", ms.prf.seed,
                                              "Hash(handshake messages up to ClientKeyExchange), RFC 7627 §3"));
    } else {
        d.inputs.push_back(public_trace_value("seed", ms.prf.seed, "ClientHello.random + ServerHello.random"));
    }
    d.outputs.push_back(secret_trace_value("master_secret", ms.master_secret.view(),
                                           "PRF(pre_master_secret, label, seed)[0..47], PRF = " +
                                               prf_function_name(ms.prf.algorithm)));
    return d;
}

// RFC 5246 §7.3, Figure 2
DerivationTrace resumed_master_secret_derivation(const SecretBytes& master_secret) {
    DerivationTrace d;
    d.name = "master secret (resumed)";
    d.rfc_section = "RFC 5246 §7.3";
    d.step = key_schedule_step;
    d.outputs.push_back(secret_trace_value("master_secret", master_secret.view(),
                                           "the saved session's: no key exchange in an abbreviated handshake"));
    return d;
}

// RFC 5246 §6.3
DerivationTrace key_block_derivation(const SecretBytes& master_secret, const KeyBlock& kb, const record::CipherSpec& spec,
                                     std::uint16_t version) {
    DerivationTrace d;
    d.name = "key block";
    d.rfc_section = "RFC 5246 §6.3";
    d.step = key_schedule_step;
    d.inputs.push_back(secret_trace_value("master_secret", master_secret.view()));
    d.inputs.push_back(label_value(kb.prf));
    d.inputs.push_back(public_trace_value("seed", kb.prf.seed, "ServerHello.random + ClientHello.random (server first)"));
    d.outputs.push_back(secret_trace_value("key_block", kb.key_block.view()));
    // RFC 5246 §6.2.3.3: an AEAD suite has no MAC keys, and its IVs are the implicit nonce part.
    const bool aead = spec.kind == record::CipherKind::aead;
    if (!aead) {
        d.outputs.push_back(secret_trace_value("client_write_MAC_key", kb.client_write.mac_key.view()));
        d.outputs.push_back(secret_trace_value("server_write_MAC_key", kb.server_write.mac_key.view()));
    }
    d.outputs.push_back(secret_trace_value("client_write_key", kb.client_write.enc_key.view()));
    d.outputs.push_back(secret_trace_value("server_write_key", kb.server_write.enc_key.view()));
    const std::string iv_note =
        !aead ? (version == 0x0301   ? "TLS 1.0: the first record's CBC IV; each record's last ciphertext block is the "
                                       "next one's (RFC 2246 §6.2.3.2)"
                 : version == 0x0302 ? "unused in TLS 1.1: each CBC record carries an explicit IV (RFC 4346 §6.2.3.2)"
                                     : "unused in TLS 1.2: each CBC record carries an explicit IV (RFC 5246 §6.2.3.2)")
        : spec.record_iv_length > 0
            ? "the salt: the first 4 bytes of every record's nonce, the explicit 8 follow (RFC 5288 §3)"
            : "XORed with the padded sequence number, it is every record's nonce (RFC 7905 §2)";
    d.outputs.push_back(secret_trace_value("client_write_IV", kb.client_write.iv.view(), iv_note));
    d.outputs.push_back(secret_trace_value("server_write_IV", kb.server_write.iv.view(), iv_note));
    return d;
}

// RFC 5246 §7.4.9
DerivationTrace verify_data_derivation(const SecretBytes& master_secret, Sender sender, const VerifyData& vd,
                                       std::size_t transcript_length) {
    DerivationTrace d;
    d.name = sender == Sender::client ? "client verify_data" : "server verify_data";
    d.rfc_section = "RFC 5246 §7.4.9";
    d.step = sender == Sender::client ? 8 : 10;
    d.inputs.push_back(secret_trace_value("master_secret", master_secret.view()));
    d.inputs.push_back(label_value(vd.prf));
    d.inputs.push_back(public_trace_value("handshake_hash", vd.prf.seed,
                                          handshake_hash_name(vd.prf.algorithm) + " of " + std::to_string(transcript_length) +
                                              " bytes of handshake messages"));
    d.outputs.push_back(public_trace_value("verify_data", vd.verify_data, "PRF(master_secret, label, hash)[0..11]"));
    return d;
}

}  // namespace lucid::handshake
