// A client and a server engine connected in memory (no sockets), seeded like `--seed`, for the
// tests of tools/: the trace renderer, the key log and deterministic mode see real handshakes.
#pragma once

#include <memory>
#include <string>

#include "crypto/bytes.h"
#include "handshake/credentials.h"
#include "handshake/engine.h"
#include "tools/deterministic.h"

namespace lucid::tools::testing {

std::string read_file(const std::string& path);

// demo/server.pem and demo/server.key, loaded once.
std::shared_ptr<const handshake::ServerCredentials> demo_credentials();
// demo/ca.pem as trust anchors.
std::vector<Bytes> demo_trust_anchors();

struct PairOptions {
    Bytes client_seed = to_bytes("client seed");
    Bytes server_seed = to_bytes("server seed");
    handshake::TraceSink* client_trace = nullptr;
    handshake::TraceSink* server_trace = nullptr;
    std::vector<handshake::CipherSuite> client_suites;  // empty: defaults
    std::vector<handshake::CipherSuite> server_suites;
};

struct EnginePair {
    explicit EnginePair(const PairOptions& options);
    // Moves bytes both ways until neither side has anything to send. Returns false if that took
    // more than a sane number of rounds.
    bool shuttle();
    // start() and shuttle(): true when both sides are established.
    bool handshake();

    std::unique_ptr<crypto::RandomSource> client_random, server_random;
    std::unique_ptr<handshake::Client> client;
    std::unique_ptr<handshake::Server> server;
    Bytes client_to_server;  // every byte each side sent, in order
    Bytes server_to_client;
};

}  // namespace lucid::tools::testing
