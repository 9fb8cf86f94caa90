// The engine fuzz targets start from the recorded connections of vectors/tls/lucid-*.txt.
//
// A recording holds both sides' seeds and every byte both ways (conformance/recorded_connection.h).
// An engine configured as in the recording, with make_deterministic_random(seed) and the recorded
// clock, behaves exactly as it did then: fed the recorded peer bytes, it completes the handshake.
// So the seed corpus of fuzz_server is the recorded client bytes and that of fuzz_client the
// recorded server bytes; the fuzzer mutates a valid conversation, and an input that keeps the
// first flight intact reaches the later states (a ClientKeyExchange, a Certificate chain, a
// CertificateVerify, a resumption) that random bytes never would. Every run of an input is the
// same run: no OS randomness, no clock.
//
// Only the engine API (handshake/engine.h) and the public loaders are used.
#pragma once

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "conformance/recorded_connection.h"
#include "fuzz/fuzz_support.h"
#include "handshake/credentials.h"
#include "handshake/engine.h"
#include "handshake/session_cache.h"
#include "net/saved_session.h"

namespace lucid::fuzz {

// Scenario i is recordings[i]; the first byte of an engine input picks it (bits 0-2, mod 7).
inline constexpr std::array<const char*, 7> recordings = {
    "tls/lucid-aes128-sha256.txt",                // RSA key exchange, full handshake
    "tls/lucid-client-cert-aes128-sha256.txt",    // the server requires a client certificate
    "tls/lucid-resumed-aes128-sha256.txt",        // an abbreviated handshake from a saved session
    "tls/lucid-dhe-rsa-aes128-sha256.txt",        // DHE_RSA: ServerKeyExchange, signed params
    "tls/lucid-ecdhe-rsa-aes128-gcm-sha256.txt",  // ECDHE_RSA on x25519, AES-GCM records
    "tls/lucid-tls10-dhe-rsa-aes128-sha.txt",     // TLS 1.0: MD5/SHA-1, chained IV, 1/n-1 split
    "tls/lucid-tls11-aes128-sha.txt",             // TLS 1.1 negotiated down from a 1.2 server
};

struct Scenario {
    conformance::RecordedConnection connection;
    std::shared_ptr<const handshake::ServerCredentials> server;
    std::vector<Bytes> trust_anchors;
    std::shared_ptr<const handshake::ServerCredentials> client;  // may be null
    std::shared_ptr<const handshake::SessionState> resume;       // may be null
};

inline Scenario load_scenario(const std::string& recording) {
    const conformance::RecordedConnectionFile file = conformance::parse_recorded_connection(vectors_file(recording));
    auto beside = [](const std::string& name) { return vectors_file("tls/" + name); };
    Scenario s;
    s.connection = file.connection;
    s.server = handshake::ServerCredentials::from_pem(beside(file.certificate_chain_file), beside(file.private_key_file));
    s.trust_anchors = handshake::certificates_from_pem(beside(file.trust_anchors_file));
    if (!file.client_certificate_chain_file.empty())
        s.client = handshake::ServerCredentials::from_pem(beside(file.client_certificate_chain_file),
                                                          beside(file.client_private_key_file));
    if (!file.resume_session_file.empty())
        s.resume = std::make_shared<const handshake::SessionState>(
            net::parse_saved_session(as_bytes(beside(file.resume_session_file))));
    return s;
}

inline const Scenario& scenario(std::uint8_t selector) {
    static const std::array<Scenario, recordings.size()> all = [] {
        std::array<Scenario, recordings.size()> out;
        for (std::size_t i = 0; i < recordings.size(); ++i) out[i] = load_scenario(recordings[i]);
        return out;
    }();
    return all[selector % all.size()];
}

// As conformance/recorded_connection.cpp configures the two sides of a replay.
inline handshake::ClientConfig client_config(const Scenario& s) {
    handshake::ClientConfig config;
    const std::int64_t time = s.connection.time;
    config.clock = [time] { return time; };
    config.validation_time = time;
    config.cipher_suites = {s.connection.suite};
    config.server_name = s.connection.server_name;
    config.trust_anchors = s.trust_anchors;
    config.credentials = s.client;
    config.resume = s.resume;
    config.versions = s.connection.client_versions;
    config.encrypt_then_mac = false;  // the recordings are MAC-then-encrypt
    config.session_tickets = false;  // the recordings predate session tickets
    return config;
}

inline handshake::ServerConfig server_config(const Scenario& s) {
    handshake::ServerConfig config;
    const std::int64_t time = s.connection.time;
    config.clock = [time] { return time; };
    config.cipher_suites = {s.connection.suite};
    config.credentials = s.server;
    config.client_auth = s.connection.client_auth;
    config.versions = s.connection.server_versions;
    config.encrypt_then_mac = false;  // the recordings are MAC-then-encrypt
    config.client_renegotiation = true;  // RFC 5746: a ClientHello after the handshake is processed
    if (s.connection.client_auth != handshake::ClientAuth::none) {
        config.client_trust_anchors = s.trust_anchors;
        config.validation_time = time;
    }
    if (s.resume) {
        config.session_cache = std::make_shared<handshake::SessionCache>();
        config.session_cache->store(*s.resume, time);
    }
    return config;
}

// Feeds the peer's bytes in pieces of `piece` bytes (0: all at once), draining output and events
// after each, as the socket loop of tools/ does; once established, answers with application data
// (the write path) and ends with the transport closing.
inline void drive(handshake::Engine& engine, ByteView peer_bytes, std::size_t piece) {
    if (piece == 0) piece = peer_bytes.size() ? peer_bytes.size() : 1;
    engine.start();
    engine.take_output();
    bool renegotiation_asked = false;
    for (std::size_t at = 0; at < peer_bytes.size() && !engine.is_done(); at += piece) {
        engine.receive(peer_bytes.subspan(at, std::min(piece, peer_bytes.size() - at)));
        for (const handshake::Event& e : engine.take_events()) handshake::event_kind_name(e.kind);
        // RFC 5746: once established, start a renegotiation (server: HelloRequest; client: a new
        // ClientHello), so that the rest of the input meets the renegotiation states.
        if (!renegotiation_asked && engine.can_renegotiate()) {
            renegotiation_asked = true;
            engine.renegotiate();
        }
        if (engine.can_send()) engine.send(as_bytes("fuzz"));
        engine.take_output();
        handshake::state_name(engine.state());
    }
    engine.resumable_session();
    engine.failure();
    if (!engine.is_done()) {
        engine.close();
        engine.transport_closed();
    }
    engine.take_output();
    engine.take_events();
    // LUCID_FUZZ_VERBOSE=1 fuzz/fuzz_server INPUT: where the input took the engine (to check that
    // a seed completes the handshake, or to read a crash).
    static const bool verbose = std::getenv("LUCID_FUZZ_VERBOSE") != nullptr;
    if (verbose) {
        std::fprintf(stderr, "engine: %s%s%s\n", std::string(handshake::state_name(engine.state())).c_str(),
                     engine.failure() ? ": " : "", engine.failure() ? engine.failure()->sentence.c_str() : "");
    }
}

}  // namespace lucid::fuzz
