// DH_anon (RFC 5246 §7.4.3, §7.4.7.2, §8.1.2), the anonymous Diffie-Hellman lab: DHE_RSA without
// the certificate and without the signature. The numbers are exactly DHE's (dhe.cpp, and the group
// is negotiated the same way, RFC 7919); what is missing is anything that says whose they are, which
// each step reports in the trace (anonymous_lab.h).
#include "crypto/bignum.h"
#include "crypto/error.h"
#include "handshake/anonymous_lab.h"
#include "handshake/dh_key_exchange_steps.h"
#include "handshake/dhe.h"
#include "handshake/ffdhe_negotiation.h"
#include "handshake/key_exchange.h"
#include "handshake/messages/client_key_exchange_dh.h"
#include "handshake/messages/server_key_exchange_dh_anon.h"

namespace lucid::handshake {

namespace {

class DhAnonServer final : public ServerKeyExchanger {
public:
    explicit DhAnonServer(const ServerKeyExchangeContext& c) : group_(c.dh_group.value_or(default_server_dh_group())) {}

    // RFC 5246 §7.4.3, case dh_anon: ServerDHParams only, no signature.
    KeyExchangeStep server_key_exchange(crypto::RandomSource& rng) override {
        crypto::DhPrivateKey key = crypto::generate_dh_key(group_, rng);
        ServerKeyExchangeDhAnon message;
        message.params = ServerDhParams{crypto::to_bytes_minimal(group_.p), crypto::to_bytes_minimal(group_.g),
                                        key.public_value_bytes()};
        KeyExchangeStep step;
        step.group = dh_group_description(group_);
        DerivationTrace d{"ServerKeyExchange (unsigned)", "RFC 5246 §7.4.3", 3, {}, {}};
        d.inputs.push_back(secret_trace_value("X", dh_exponent_bytes(key), "the server's private exponent"));
        d.outputs.push_back(public_trace_value("dh_Ys", message.params.dh_Ys, "g^X mod p in " + step.group + "; not signed"));
        step.derivations.push_back(std::move(d));
        step.notes.push_back(anonymous_connection_warning());
        step.message = message.encode();
        key_.emplace(std::move(key));
        return step;
    }

    // RFC 5246 §7.4.7.2 and §8.1.2: checks Yc, Z = Yc^X mod p.
    KeyExchangeStep receive_client_key_exchange(ByteView body, crypto::RandomSource&) override {
        if (!key_) throw Error("DH_anon: ClientKeyExchange before ServerKeyExchange");
        KeyExchangeStep step = dh_server_premaster(*key_, body);
        key_.reset();
        return step;
    }

private:
    crypto::DhGroup group_;
    std::optional<crypto::DhPrivateKey> key_;  // X, from ServerKeyExchange to ClientKeyExchange
};

class DhAnonClient final : public ClientKeyExchanger {
public:
    explicit DhAnonClient(ClientKeyExchangeContext c) : c_(std::move(c)) {}

    bool expects_server_key_exchange() const override { return true; }

    // RFC 5246 §7.4.3, case dh_anon: the group and Ys are checked; there is no signature to check.
    KeyExchangeStep receive_server_key_exchange(ByteView body) override {
        const ServerKeyExchangeDhAnon ske = ServerKeyExchangeDhAnon::parse(body);
        server_ = accept_server_dh_params(ske.params, c_.minimum_dh_bits);
        KeyExchangeStep step;
        step.group = dh_group_description(server_->group);
        step.notes.push_back(anonymous_connection_warning());
        step.notes.push_back({check_server_ffdhe_group(server_->group, c_.offered_ffdhe_groups), "RFC 7919 §3"});
        return step;
    }

    // RFC 5246 §7.4.7.2 and §8.1.2: a fresh Xc, Yc = g^Xc mod p, Z = Ys^Xc mod p.
    KeyExchangeStep client_key_exchange(crypto::RandomSource& rng) override {
        if (!server_) throw Error("DH_anon: ClientKeyExchange before ServerKeyExchange");
        KeyExchangeStep step =
            dh_client_premaster(*server_, rng, "the public value in the unsigned ServerKeyExchange: the server's, or anyone's");
        server_.reset();
        return step;
    }

private:
    ClientKeyExchangeContext c_;
    std::optional<AcceptedServerDh> server_;
};

}  // namespace

std::unique_ptr<ServerKeyExchanger> make_dh_anon_server(const ServerKeyExchangeContext& context) {
    return std::make_unique<DhAnonServer>(context);
}
std::unique_ptr<ClientKeyExchanger> make_dh_anon_client(ClientKeyExchangeContext context) {
    return std::make_unique<DhAnonClient>(std::move(context));
}

}  // namespace lucid::handshake
