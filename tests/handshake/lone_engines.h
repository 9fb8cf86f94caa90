// One engine alone, answered by hand: for the tests of the extension rules (encrypt_then_mac,
// extended_master_secret, server_name), where the peer must send what a lucidtls peer never would.
#pragma once

#include <memory>
#include <optional>

#include "handshake/engine.h"
#include "handshake/messages/client_hello.h"
#include "handshake/messages/server_hello.h"
#include "record/record.h"
#include "tests/handshake/engine_harness.h"

namespace lucid::handshake::testing {

struct LoneServer {
    std::unique_ptr<crypto::RandomSource> random = make_deterministic_random(as_bytes("lone server seed"), Role::server);
    Server server;
    explicit LoneServer(ServerConfig s = test_server_config()) : server(std::move(s), *random) {}
};

struct LoneClient {
    std::unique_ptr<crypto::RandomSource> random = make_deterministic_random(as_bytes("lone client seed"), Role::client);
    Client client;
    explicit LoneClient(ClientConfig c = test_client_config()) : client(std::move(c), *random) { client.start(); }
};

// A ClientHello for TLS_RSA_WITH_AES_128_CBC_SHA / _SHA256 with an empty renegotiation_info.
inline ClientHello hand_made_client_hello() {
    ClientHello h;
    h.random.fill(0x42);
    h.cipher_suites = {0x002F, 0x003C};
    h.compression_methods = {0};
    h.extensions.add(ExtensionType::renegotiation_info, encode_renegotiation_info({}));
    return h;
}

inline Bytes handshake_record(const Bytes& message) {
    return record::encode_record(record::ContentType::handshake, record::tls12, message);
}

// The ServerHello at the start of a flight (records in the clear), if there is one.
inline std::optional<ServerHello> first_server_hello(ByteView output) {
    if (output.size() < 9 || output[0] != 22 || output[5] != 2) return std::nullopt;
    const std::size_t record_length = static_cast<std::size_t>(output[3] << 8 | output[4]);
    const ByteView fragment = output.subspan(5, record_length);
    const std::size_t length = static_cast<std::size_t>(fragment[1] << 16 | fragment[2] << 8 | fragment[3]);
    return ServerHello::parse(fragment.subspan(4, length));
}

// The ClientHello at the start of a client's output.
inline ClientHello first_client_hello(ByteView output) {
    const ByteView fragment = output.subspan(5);
    const std::size_t length = static_cast<std::size_t>(fragment[1] << 16 | fragment[2] << 8 | fragment[3]);
    return ClientHello::parse(fragment.subspan(4, length));
}

// A session in a server's cache or a client's store: TLS_RSA_WITH_AES_128_CBC_SHA for "localhost".
inline SessionState cached_session(bool extended_master_secret, bool encrypt_then_mac) {
    SessionState s;
    s.session_id = Bytes(32, 0x5e);
    s.cipher_suite = 0x002F;
    s.master_secret = SecretBytes(Bytes(48, 0x6d));
    s.extended_master_secret = extended_master_secret;
    s.encrypt_then_mac = encrypt_then_mac;
    s.server_name = "localhost";
    s.peer_verified = true;
    s.created = test_now;
    return s;
}

}  // namespace lucid::handshake::testing
