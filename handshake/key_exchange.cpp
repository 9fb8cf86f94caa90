// The choice of key exchange by the suite table's column (handshake/key_exchange.h).
#include "handshake/key_exchange.h"

#include "crypto/error.h"

namespace lucid::handshake {

std::unique_ptr<ServerKeyExchanger> make_server_key_exchanger(KeyExchange kx, const ServerKeyExchangeContext& context) {
    switch (kx) {
        case KeyExchange::rsa: return make_rsa_server(context);
        case KeyExchange::dhe_rsa: return make_dhe_rsa_server(context);
        case KeyExchange::ecdhe_rsa: return make_ecdhe_rsa_server(context);
        case KeyExchange::dh_anon: return make_dh_anon_server(context);
    }
    throw Error("no such key exchange");
}

std::unique_ptr<ClientKeyExchanger> make_client_key_exchanger(KeyExchange kx, ClientKeyExchangeContext context) {
    switch (kx) {
        case KeyExchange::rsa: return make_rsa_client(std::move(context));
        case KeyExchange::dhe_rsa: return make_dhe_rsa_client(std::move(context));
        case KeyExchange::ecdhe_rsa: return make_ecdhe_rsa_client(std::move(context));
        case KeyExchange::dh_anon: return make_dh_anon_client(std::move(context));
    }
    throw Error("no such key exchange");
}

}  // namespace lucid::handshake
