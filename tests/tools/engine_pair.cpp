#include "tests/tools/engine_pair.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace lucid::tools::testing {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::shared_ptr<const handshake::ServerCredentials> demo_credentials() {
    static const auto credentials = handshake::ServerCredentials::from_pem(
        read_file(LUCID_SOURCE_DIR "/demo/server.pem"), read_file(LUCID_SOURCE_DIR "/demo/server.key"));
    return credentials;
}

std::vector<Bytes> demo_trust_anchors() {
    return handshake::certificates_from_pem(read_file(LUCID_SOURCE_DIR "/demo/ca.pem"));
}

EnginePair::EnginePair(const PairOptions& options)
    : client_random(make_random(options.client_seed, "lucid client")),
      server_random(make_random(options.server_seed, "lucid server connection 1")) {
    handshake::ClientConfig client_config;
    client_config.cipher_suites = options.client_suites;
    client_config.clock = make_clock(options.client_seed);
    client_config.validation_time = unix_time_now();
    client_config.server_name = "localhost";
    client_config.trust_anchors = demo_trust_anchors();
    handshake::ServerConfig server_config;
    server_config.cipher_suites = options.server_suites;
    server_config.clock = make_clock(options.server_seed);
    server_config.credentials = demo_credentials();
    client = std::make_unique<handshake::Client>(std::move(client_config), *client_random, options.client_trace);
    server = std::make_unique<handshake::Server>(std::move(server_config), *server_random, options.server_trace);
}

bool EnginePair::shuttle() {
    for (int round = 0; round < 100; ++round) {
        const Bytes a = client->take_output();
        const Bytes b = server->take_output();
        if (a.empty() && b.empty()) return true;
        append(client_to_server, a);
        append(server_to_client, b);
        if (!a.empty()) server->receive(a);
        if (!b.empty()) client->receive(b);
    }
    return false;
}

bool EnginePair::handshake() {
    client->start();
    server->start();
    return shuttle() && client->is_established() && server->is_established();
}

}  // namespace lucid::tools::testing
