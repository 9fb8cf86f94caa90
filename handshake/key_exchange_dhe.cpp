// DHE_RSA (RFC 5246 §7.4.3, §7.4.7.2, §8.1.2): the server sends signed ephemeral Diffie-Hellman
// parameters; each side's premaster is Z = g^(X*Xc) mod p with leading zero bytes stripped. The
// numbers and the TLS checks are dhe.cpp's; this file puts them behind the key-exchange interface.
#include "crypto/bignum.h"
#include "handshake/dh_key_exchange_steps.h"
#include "handshake/dhe.h"
#include "handshake/extensions.h"
#include "handshake/handshake_signatures.h"
#include "handshake/ffdhe_negotiation.h"
#include "handshake/key_exchange.h"
#include "handshake/messages/client_key_exchange_dh.h"
#include "handshake/messages/server_key_exchange.h"
#include "record/tls_error.h"

namespace lucid::handshake {

namespace {

class DheServer final : public ServerKeyExchanger {
public:
    explicit DheServer(const ServerKeyExchangeContext& c)
        : client_random_(c.client_random.begin(), c.client_random.end()),
          server_random_(c.server_random.begin(), c.server_random.end()),
          signing_key_(c.key),
          signature_algorithm_(c.signature_algorithm.value_or(0)),
          group_(c.dh_group.value_or(default_server_dh_group())) {}

    // RFC 5246 §7.4.3: a fresh X, Ys = g^X mod p, signed over both randoms and the parameters.
    KeyExchangeStep server_key_exchange(crypto::RandomSource& rng) override {
        ServerDheStep dhe = make_server_key_exchange(group_, client_random_, server_random_, signing_key_, signature_algorithm_, rng);
        KeyExchangeStep step;
        step.group = dh_group_description(group_);
        DerivationTrace d{"ServerKeyExchange signature", "RFC 5246 §7.4.3", 3, {}, {}};
        d.inputs.push_back(public_trace_value("dh_Ys", dhe.message.params.dh_Ys,
                                              "g^X mod p in " + step.group + "; X is secret and kept until ClientKeyExchange"));
        d.inputs.push_back(secret_trace_value("X", dh_exponent_bytes(dhe.key), "the server's private exponent"));
        d.inputs.push_back(public_trace_value("signed content", dhe.message.signed_content(client_random_, server_random_),
                                              "client_random + server_random + ServerDHParams"));
        d.outputs.push_back(public_trace_value("signature", dhe.message.signed_params.signature,
                                               signature_label(signature_algorithm_) + " with the certificate's key"));
        step.derivations.push_back(std::move(d));
        step.message = dhe.message.encode();
        dh_key_ = std::move(dhe.key);
        return step;
    }

    // RFC 5246 §7.4.7.2 and §8.1.2: checks Yc, Z = Yc^X mod p; X is thrown away.
    KeyExchangeStep receive_client_key_exchange(ByteView body, crypto::RandomSource&) override {
        if (!dh_key_) throw Error("DHE: ClientKeyExchange before ServerKeyExchange");
        KeyExchangeStep step = dh_server_premaster(*dh_key_, body);
        dh_key_.reset();
        return step;
    }

private:
    Bytes client_random_;
    Bytes server_random_;
    const crypto::RsaPrivateKey& signing_key_;
    std::uint16_t signature_algorithm_;
    crypto::DhGroup group_;
    std::optional<crypto::DhPrivateKey> dh_key_;  // X, from ServerKeyExchange to ClientKeyExchange
};

class DheClient final : public ClientKeyExchanger {
public:
    explicit DheClient(ClientKeyExchangeContext c) : c_(std::move(c)) {}

    bool expects_server_key_exchange() const override { return true; }

    // RFC 5246 §7.4.3: the signature first, then the group and Ys (dhe.cpp).
    KeyExchangeStep receive_server_key_exchange(ByteView body) override {
        const ServerKeyExchange ske = ServerKeyExchange::parse(body, nullptr, c_.version);
        server_ = check_server_key_exchange(ske, c_.client_random, c_.server_random, *c_.server_key,
                                            c_.signature_algorithms, c_.minimum_dh_bits);
        KeyExchangeStep step;
        step.notes.push_back({"ServerKeyExchange signature verified (" + signature_label(ske.signed_params.algorithm) +
                                  ") with the key of the server's certificate: the parameters are the server's",
                              "RFC 5246 §7.4.3"});
        step.notes.push_back({check_server_ffdhe_group(server_->group, c_.offered_ffdhe_groups), "RFC 7919 §3"});
        const std::size_t bits = server_->group.bits();
        step.group = dh_group_description(server_->group);
        if (bits < crypto::dh_minimum_server_group_bits) {
            step.notes.push_back({"WARNING: accepted a " + std::to_string(bits) +
                                      "-bit Diffie-Hellman group because the minimum was lowered; such groups are broken by "
                                      "precomputation (Logjam): for labs only",
                                  "RFC 7919 §1"});
        } else {
            step.notes.push_back({"Diffie-Hellman group " + step.group + "; 1 < Ys < p-1 checked", "RFC 7919 §5.1"});
        }
        return step;
    }

    // RFC 5246 §7.4.7.2 and §8.1.2: a fresh Xc, Yc = g^Xc mod p, Z = Ys^Xc mod p.
    KeyExchangeStep client_key_exchange(crypto::RandomSource& rng) override {
        if (!server_) throw Error("DHE: ClientKeyExchange before ServerKeyExchange");
        KeyExchangeStep step = dh_client_premaster(*server_, rng, "the server's public value");
        server_.reset();
        return step;
    }

private:
    ClientKeyExchangeContext c_;
    std::optional<AcceptedServerDh> server_;  // from the ServerKeyExchange
};

}  // namespace

std::unique_ptr<ServerKeyExchanger> make_dhe_rsa_server(const ServerKeyExchangeContext& context) {
    return std::make_unique<DheServer>(context);
}
std::unique_ptr<ClientKeyExchanger> make_dhe_rsa_client(ClientKeyExchangeContext context) {
    return std::make_unique<DheClient>(std::move(context));
}

}  // namespace lucid::handshake
