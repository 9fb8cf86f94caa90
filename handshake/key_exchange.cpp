// The choice of key exchange by the suite table's column (handshake/key_exchange.h).
#include "handshake/key_exchange.h"

#include "crypto/error.h"

namespace lucid::handshake {

std::unique_ptr<ServerKeyExchanger> make_server_key_exchanger(KeyExchange kx, const ServerKeyExchangeContext& context) {
    switch (kx) {
        case KeyExchange::rsa: return make_rsa_server(context);
        case KeyExchange::dhe_rsa: return make_dhe_rsa_server(context);
        case KeyExchange::ecdhe_rsa: return make_ecdhe_rsa_server(context);
    }
    throw Error("no such key exchange");
}

std::unique_ptr<ClientKeyExchanger> make_client_key_exchanger(KeyExchange kx, ClientKeyExchangeContext context) {
    switch (kx) {
        case KeyExchange::rsa: return make_rsa_client(std::move(context));
        case KeyExchange::dhe_rsa: return make_dhe_rsa_client(std::move(context));
        case KeyExchange::ecdhe_rsa: return make_ecdhe_rsa_client(std::move(context));
    }
    throw Error("no such key exchange");
}

TraceValue public_trace_value(std::string name, ByteView v, std::string note) {
    return TraceValue{std::move(name), false, v.size(), Bytes(v.begin(), v.end()), std::move(note)};
}

TraceValue secret_trace_value(std::string name, ByteView v, std::string note) {
    return TraceValue{std::move(name), true, v.size(), Bytes(v.begin(), v.end()), std::move(note)};
}

}  // namespace lucid::handshake
