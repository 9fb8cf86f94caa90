// RSA key transport (RFC 5246 §7.4.7.1): no ServerKeyExchange; the client encrypts a 48-byte
// premaster secret to the key of the server's certificate.
#include "crypto/rsa_pkcs1_encryption.h"
#include "crypto/rsa_tls_premaster.h"
#include "handshake/key_exchange.h"
#include "handshake/key_schedule.h"
#include "handshake/messages/client_key_exchange.h"
#include "record/tls_error.h"

namespace lucid::handshake {

namespace {

class RsaServer final : public ServerKeyExchanger {
public:
    explicit RsaServer(const ServerKeyExchangeContext& c) : key_(c.key), client_version_(c.client_version) {}

    // RFC 5246 §7.4.3: "It is not legal to send the ServerKeyExchange message for ... RSA".
    KeyExchangeStep server_key_exchange(crypto::RandomSource&) override { return {}; }

    // RFC 5246 §7.4.7.1: "a TLS server MUST NOT generate an alert if processing an RSA-encrypted
    // premaster secret message fails, or the version number is not as expected. Instead, it MUST
    // continue the handshake with a randomly generated premaster secret." decrypt_tls_premaster
    // does exactly that, in constant time; a wrong premaster shows up only as a Finished that does
    // not verify.
    KeyExchangeStep receive_client_key_exchange(ByteView body, crypto::RandomSource& rng) override {
        const ClientKeyExchange cke = ClientKeyExchange::parse(body);
        KeyExchangeStep step;
        step.pre_master_secret = crypto::decrypt_tls_premaster(rng, key_, cke.encrypted_pre_master_secret,
                                                               static_cast<std::uint8_t>(client_version_ >> 8),
                                                               static_cast<std::uint8_t>(client_version_));
        DerivationTrace d{"pre_master_secret", "RFC 5246 §7.4.7.1", 5, {}, {}};
        d.inputs.push_back(public_trace_value("EncryptedPreMasterSecret", cke.encrypted_pre_master_secret));
        d.outputs.push_back(secret_trace_value("pre_master_secret", step.pre_master_secret->view(),
                                               "RSA-decrypted in constant time; any fault gives a random premaster instead"));
        step.derivations.push_back(std::move(d));
        return step;
    }

private:
    const crypto::RsaPrivateKey& key_;
    std::uint16_t client_version_;
};

class RsaClient final : public ClientKeyExchanger {
public:
    explicit RsaClient(ClientKeyExchangeContext c) : c_(std::move(c)) {}

    bool expects_server_key_exchange() const override { return false; }
    KeyExchangeStep receive_server_key_exchange(ByteView) override {
        throw record::TlsError(record::AlertDescription::unexpected_message,
                               "RSA key exchange has no ServerKeyExchange (RFC 5246 §7.4.3)");
    }

    // RFC 5246 §7.4.7.1: PreMasterSecret = client_version (as offered in ClientHello) || 46 random
    // bytes, encrypted with RSAES-PKCS1-v1_5 to the server's certificate key.
    KeyExchangeStep client_key_exchange(crypto::RandomSource& rng) override {
        SecretBytes pms(pre_master_secret_length);
        pms.data()[0] = static_cast<std::uint8_t>(c_.client_version >> 8);
        pms.data()[1] = static_cast<std::uint8_t>(c_.client_version);
        rng.fill(pms.mutable_view().subspan(2));
        const Bytes encrypted = crypto::rsaes_pkcs1_v15_encrypt(*c_.server_key, pms.view(), rng);
        KeyExchangeStep step;
        DerivationTrace d{"pre_master_secret", "RFC 5246 §7.4.7.1", 5, {}, {}};
        d.inputs.push_back(public_trace_value("client_version", pms.view().first(2),
                                              "the version offered in ClientHello (rollback protection)"));
        d.inputs.push_back(secret_trace_value("random", pms.view().subspan(2), "46 random bytes"));
        d.outputs.push_back(secret_trace_value("pre_master_secret", pms.view()));
        d.outputs.push_back(public_trace_value("EncryptedPreMasterSecret", encrypted,
                                               "RSAES-PKCS1-v1_5 to the server's key, " +
                                                   std::to_string(c_.server_key->modulus_bits()) + "-bit modulus"));
        step.derivations.push_back(std::move(d));
        step.message = ClientKeyExchange{encrypted}.encode();
        step.pre_master_secret = std::move(pms);
        return step;
    }

private:
    ClientKeyExchangeContext c_;
};

}  // namespace

std::unique_ptr<ServerKeyExchanger> make_rsa_server(const ServerKeyExchangeContext& context) {
    return std::make_unique<RsaServer>(context);
}
std::unique_ptr<ClientKeyExchanger> make_rsa_client(ClientKeyExchangeContext context) {
    return std::make_unique<RsaClient>(std::move(context));
}

}  // namespace lucid::handshake
