// ECDHE_RSA with X25519 (RFC 8422 §2.2, §5.4, §5.7, §5.10, §5.11; RFC 7748): the server sends a
// fresh X25519 public key, signed with its certificate key; the client answers with its own fresh
// public key; both compute X25519(own private key, peer's public key), and those 32 bytes are the
// pre_master_secret. The key schedule goes on exactly as with RSA and DHE.
//
//   server  d  = 32 random bytes, Q  = X25519(d, 9)        ServerKeyExchange: x25519, Q, signature
//   client  dc = 32 random bytes, Qc = X25519(dc, 9)       ClientKeyExchange: Qc
//   both    pre_master_secret = X25519(d, Qc) = X25519(dc, Q)
//
// Why ECDHE rather than DHE: the same forward secrecy (d and dc are thrown away after the
// handshake) with 32-byte public values instead of 256, and no group to check: every 32-byte
// string is a valid X25519 input. What remains to check (RFC 8422 §5.11, RFC 7748 §6.1): a
// public value of small order (u = 0, u = 1, ...) makes the shared secret all zeros whatever our
// private key is; such a peer is refused with illegal_parameter, as is a point that is not
// 32 bytes long. The curve must be x25519, the only group lucidtls offers in supported_groups.
//
// Unlike DH (RFC 5246 §8.1.2), leading zero bytes of the X25519 output are NOT stripped: the
// premaster is always the full 32 bytes (RFC 8422 §5.11; RFC 7748 §6.1 output).
#include "crypto/error.h"
#include "crypto/x25519.h"
#include "handshake/extensions.h"
#include "handshake/handshake_signatures.h"
#include "handshake/key_exchange.h"
#include "handshake/messages/client_key_exchange_ecdhe.h"
#include "handshake/messages/server_key_exchange_ecdhe.h"
#include "record/tls_error.h"

namespace lucid::handshake {

namespace {

using record::AlertDescription;
using record::TlsError;

const std::string curve_description = "x25519";

// RFC 8422 §5.11: "X25519 ... public key is a 32-byte string"; anything else is not a point.
void check_point_length(ByteView point, const char* whose) {
    if (point.size() != crypto::x25519_key_size) {
        throw TlsError(AlertDescription::illegal_parameter,
                       std::string("the ") + whose + " X25519 public key is " + std::to_string(point.size()) +
                           " bytes, not 32 (RFC 8422 §5.11)");
    }
}

// RFC 7748 §6.1 and RFC 8422 §5.11: "check ... that the [shared secret] is not all zeros";
// crypto/x25519 checks it in constant time and throws; in TLS it is the peer's illegal parameter.
SecretBytes shared_secret(const SecretBytes& own_private, ByteView peer_public, const char* whose) {
    try {
        return crypto::x25519_shared_secret(own_private, peer_public);
    } catch (const Error&) {
        throw TlsError(AlertDescription::illegal_parameter,
                       std::string("the ") + whose +
                           " X25519 public key is a point of small order: the shared secret is all zeros "
                           "(RFC 7748 §6.1, RFC 8422 §5.11)");
    }
}

Bytes public_key_of(const SecretBytes& private_key) {
    const crypto::X25519Bytes q = crypto::x25519_public_key(private_key);
    return Bytes(q.begin(), q.end());
}

class EcdheServer final : public ServerKeyExchanger {
public:
    explicit EcdheServer(const ServerKeyExchangeContext& c)
        : client_random_(c.client_random.begin(), c.client_random.end()),
          server_random_(c.server_random.begin(), c.server_random.end()),
          signing_key_(c.key),
          signature_algorithm_(c.signature_algorithm) {}

    // RFC 8422 §5.4: a fresh key pair on x25519, the public key signed over both randoms and the
    // parameters.
    KeyExchangeStep server_key_exchange(crypto::RandomSource& rng) override {
        if (!signature_algorithm_) throw Error("ECDHE_RSA: no signature algorithm in common (choose_suite checks this)");
        private_key_ = rng.secret(crypto::x25519_key_size);
        ServerKeyExchangeEcdhe message;
        message.params.named_curve = named_group_x25519;
        message.params.point = public_key_of(*private_key_);
        const Bytes content = message.signed_content(client_random_, server_random_);
        message.signed_params = sign_handshake(signing_key_, *signature_algorithm_, content, rng);

        KeyExchangeStep step;
        step.group = curve_description;
        DerivationTrace d{"ServerKeyExchange signature", "RFC 8422 §5.4", 3, {}, {}};
        d.inputs.push_back(public_trace_value("public", message.params.point,
                                              "Q = X25519(d, 9); d is secret and kept until ClientKeyExchange"));
        d.inputs.push_back(secret_trace_value("d", private_key_->view(), "the server's X25519 private key (32 random bytes)"));
        d.inputs.push_back(public_trace_value("signed content", content, "client_random + server_random + ServerECDHParams"));
        d.outputs.push_back(public_trace_value("signature", message.signed_params.signature,
                                               signature_label(*signature_algorithm_) + " with the certificate's key"));
        step.derivations.push_back(std::move(d));
        step.message = message.encode();
        return step;
    }

    // RFC 8422 §5.7 and §5.10: the client's point, then X25519(d, Qc); d is thrown away.
    KeyExchangeStep receive_client_key_exchange(ByteView body, crypto::RandomSource&) override {
        if (!private_key_) throw Error("ECDHE: ClientKeyExchange before ServerKeyExchange");
        const ClientKeyExchangeEcdhe cke = ClientKeyExchangeEcdhe::parse(body);
        check_point_length(cke.point, "client's");
        KeyExchangeStep step;
        step.pre_master_secret = shared_secret(*private_key_, cke.point, "client's");
        DerivationTrace d{"pre_master_secret (X25519)", "RFC 8422 §5.10", 5, {}, {}};
        d.inputs.push_back(public_trace_value("ecdh_Yc", cke.point, "the client's public key Qc; 32 bytes checked"));
        d.inputs.push_back(secret_trace_value("d", private_key_->view(), "the server's private key, thrown away after this"));
        d.outputs.push_back(secret_trace_value("pre_master_secret", step.pre_master_secret->view(),
                                               "X25519(d, Qc), all 32 bytes (not all zeros: checked)"));
        step.derivations.push_back(std::move(d));
        private_key_.reset();
        return step;
    }

private:
    Bytes client_random_;
    Bytes server_random_;
    const crypto::RsaPrivateKey& signing_key_;
    std::optional<std::uint16_t> signature_algorithm_;
    std::optional<SecretBytes> private_key_;  // d, from ServerKeyExchange to ClientKeyExchange
};

class EcdheClient final : public ClientKeyExchanger {
public:
    explicit EcdheClient(ClientKeyExchangeContext c) : c_(std::move(c)) {}

    bool expects_server_key_exchange() const override { return true; }

    // RFC 8422 §5.4: the signature first (so the values below are the server's), then the curve
    // (one we offered) and the point's length.
    KeyExchangeStep receive_server_key_exchange(ByteView body) override {
        const ServerKeyExchangeEcdhe ske = ServerKeyExchangeEcdhe::parse(body, nullptr, c_.version);
        verify_handshake_signature(*c_.server_key, ske.signed_params, ske.signed_content(c_.client_random, c_.server_random),
                                   c_.signature_algorithms, "ServerKeyExchange");
        // RFC 8422 §5.1.1: the server must use a curve the client listed; we listed only x25519.
        if (ske.params.named_curve != named_group_x25519) {
            throw TlsError(AlertDescription::illegal_parameter,
                           "the server chose the curve " + named_group_name(ske.params.named_curve) +
                               ", which the client did not offer in supported_groups (RFC 8422 §5.1.1)");
        }
        check_point_length(ske.params.point, "server's");
        server_point_ = ske.params.point;
        KeyExchangeStep step;
        step.group = curve_description;
        step.notes.push_back({"ServerKeyExchange signature verified (" + signature_label(ske.signed_params.algorithm) +
                                  ") with the key of the server's certificate: the curve and the point are the server's",
                              "RFC 8422 §5.4"});
        return step;
    }

    // RFC 8422 §5.7 and §5.10: a fresh dc, Qc = X25519(dc, 9), premaster = X25519(dc, Q).
    KeyExchangeStep client_key_exchange(crypto::RandomSource& rng) override {
        if (!server_point_) throw Error("ECDHE: ClientKeyExchange before ServerKeyExchange");
        const SecretBytes private_key = rng.secret(crypto::x25519_key_size);
        const Bytes point = public_key_of(private_key);
        KeyExchangeStep step;
        step.pre_master_secret = shared_secret(private_key, *server_point_, "server's");
        DerivationTrace d{"pre_master_secret (X25519)", "RFC 8422 §5.10", 5, {}, {}};
        d.inputs.push_back(public_trace_value("public", *server_point_, "the server's public key Q (x25519)"));
        d.inputs.push_back(secret_trace_value("dc", private_key.view(), "the client's private key, thrown away after this"));
        d.outputs.push_back(public_trace_value("ecdh_Yc", point, "Qc = X25519(dc, 9), sent in ClientKeyExchange"));
        d.outputs.push_back(secret_trace_value("pre_master_secret", step.pre_master_secret->view(),
                                               "X25519(dc, Q), all 32 bytes (not all zeros: checked)"));
        step.derivations.push_back(std::move(d));
        step.message = ClientKeyExchangeEcdhe{point}.encode();
        server_point_.reset();
        return step;
    }

private:
    ClientKeyExchangeContext c_;
    std::optional<Bytes> server_point_;  // Q, from the ServerKeyExchange
};

}  // namespace

std::unique_ptr<ServerKeyExchanger> make_ecdhe_rsa_server(const ServerKeyExchangeContext& context) {
    return std::make_unique<EcdheServer>(context);
}
std::unique_ptr<ClientKeyExchanger> make_ecdhe_rsa_client(ClientKeyExchangeContext context) {
    return std::make_unique<EcdheClient>(std::move(context));
}

}  // namespace lucid::handshake
