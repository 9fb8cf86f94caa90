// The Diffie-Hellman premaster on each side (handshake/dh_key_exchange_steps.h).
#include "handshake/dh_key_exchange_steps.h"

#include "crypto/bignum.h"
#include "handshake/messages/client_key_exchange_dh.h"

namespace lucid::handshake {

std::string dh_group_description(const crypto::DhGroup& group) {
    return group.name + " (" + std::to_string(group.bits()) + " bits)";
}

Bytes dh_exponent_bytes(const crypto::DhPrivateKey& key) {
    const crypto::BigInt& x = key.private_exponent();
    return crypto::i2osp_secret(x, crypto::byte_length(x)).reveal();
}

// RFC 5246 §7.4.7.2 and §8.1.2: a fresh Xc, Yc = g^Xc mod p, Z = Ys^Xc mod p.
KeyExchangeStep dh_client_premaster(const AcceptedServerDh& server, crypto::RandomSource& rng, std::string_view ys_note) {
    ClientDheStep dhe = client_key_agreement(server, rng);
    KeyExchangeStep step;
    DerivationTrace d{"pre_master_secret (Diffie-Hellman)", "RFC 5246 §8.1.2", 5, {}, {}};
    d.inputs.push_back(public_trace_value("dh_p", crypto::to_bytes_minimal(server.group.p), server.group.name));
    d.inputs.push_back(public_trace_value("dh_g", crypto::to_bytes_minimal(server.group.g)));
    d.inputs.push_back(public_trace_value("dh_Ys", crypto::to_bytes_minimal(server.server_public), std::string(ys_note)));
    d.inputs.push_back(secret_trace_value("Xc", dh_exponent_bytes(dhe.key), "the client's private exponent, thrown away after this"));
    d.outputs.push_back(public_trace_value("dh_Yc", dhe.dh_Yc, "g^Xc mod p, sent in ClientKeyExchange"));
    d.outputs.push_back(secret_trace_value("pre_master_secret", dhe.pre_master_secret.view(),
                                           "Z = Ys^Xc mod p, leading zero bytes stripped"));
    step.derivations.push_back(std::move(d));
    step.message = ClientKeyExchangeDh{dhe.dh_Yc}.encode();
    step.pre_master_secret = std::move(dhe.pre_master_secret);
    return step;
}

// RFC 5246 §7.4.7.2 and §8.1.2: checks Yc, Z = Yc^X mod p.
KeyExchangeStep dh_server_premaster(const crypto::DhPrivateKey& x, ByteView client_key_exchange_body) {
    const ClientKeyExchangeDh cke = ClientKeyExchangeDh::parse(client_key_exchange_body);
    KeyExchangeStep step;
    step.pre_master_secret = server_key_agreement(x, cke.dh_Yc);
    DerivationTrace d{"pre_master_secret (Diffie-Hellman)", "RFC 5246 §8.1.2", 5, {}, {}};
    d.inputs.push_back(public_trace_value("dh_Yc", cke.dh_Yc, "the client's public value; 1 < Yc < p-1 checked"));
    d.inputs.push_back(secret_trace_value("X", dh_exponent_bytes(x), "the server's private exponent, thrown away after this"));
    d.outputs.push_back(secret_trace_value("pre_master_secret", step.pre_master_secret->view(),
                                           "Z = Yc^X mod p, leading zero bytes stripped"));
    step.derivations.push_back(std::move(d));
    return step;
}

}  // namespace lucid::handshake
