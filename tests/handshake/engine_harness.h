// An in-memory connection between a Client and a Server engine, for the engine tests: the bytes
// each sends are handed to the other until neither has anything more to say, and everything
// (bytes both ways, events) is kept for the checks.
#pragma once

#include <memory>
#include <vector>

#include "crypto/bignum.h"
#include "crypto/dh_groups.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "handshake/engine.h"
#include "tests/handshake/test_pki.h"

namespace lucid::handshake::testing {

inline ClientConfig test_client_config() {
    ClientConfig c;
    c.clock = [] { return test_now; };
    c.server_name = "localhost";
    c.trust_anchors = {test_pki().ca_cert};
    return c;
}

// The client certificate of the test PKI (CN=Test Client, clientAuth), for RFC 5246 §7.4.6.
inline std::shared_ptr<const ServerCredentials> test_client_credentials() {
    static const std::shared_ptr<const ServerCredentials> credentials =
        ServerCredentials::from_key({test_pki().client_cert}, test_pki().server_key);
    return credentials;
}

// RFC 2409 §6.2, the Second Oakley Group: a 1024-bit safe prime with g = 2 (weak since Logjam).
inline crypto::DhGroup oakley_group_2() {
    crypto::DhGroup g;
    g.name = "oakley2";
    g.p = crypto::from_hex_text(
        "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
        "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
        "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF");
    g.g = 2;
    return g;
}

inline ServerConfig test_server_config() {
    ServerConfig s;
    s.clock = [] { return test_now; };
    static const std::shared_ptr<const ServerCredentials> credentials =
        ServerCredentials::from_key({test_pki().server_cert, test_pki().ca_cert}, test_pki().server_key);
    s.credentials = credentials;
    return s;
}

// Records every trace event, in order.
struct RecordingTrace : TraceSink {
    bool secrets = false;
    std::vector<RecordTrace> records;
    std::vector<MessageTrace> messages;
    std::vector<DerivationTrace> derivations;
    std::vector<NoteTrace> notes;
    std::vector<std::string> order;  // "record", "message ClientHello", "derivation master secret" ...

    bool wants_secrets() const override { return secrets; }
    void on_record(const RecordTrace& r) override {
        records.push_back(r);
        order.push_back("record");
    }
    void on_message(const MessageTrace& m) override {
        messages.push_back(m);
        order.push_back("message " + m.name);
    }
    void on_derivation(const DerivationTrace& d) override {
        derivations.push_back(d);
        order.push_back("derivation " + d.name);
    }
    void on_note(const NoteTrace& n) override { notes.push_back(n); }
};

struct Connection {
    std::unique_ptr<crypto::RandomSource> client_random;
    std::unique_ptr<crypto::RandomSource> server_random;
    std::unique_ptr<Client> client;
    std::unique_ptr<Server> server;
    Bytes client_to_server;
    Bytes server_to_client;
    std::vector<Event> client_events;
    std::vector<Event> server_events;

    Connection(ClientConfig c, ServerConfig s, ByteView client_seed = as_bytes("client seed 0123456789"),
               ByteView server_seed = as_bytes("server seed 0123456789"), TraceSink* client_trace = nullptr,
               TraceSink* server_trace = nullptr)
        : client_random(make_deterministic_random(client_seed, Role::client)),
          server_random(make_deterministic_random(server_seed, Role::server)),
          client(std::make_unique<Client>(std::move(c), *client_random, client_trace)),
          server(std::make_unique<Server>(std::move(s), *server_random, server_trace)) {}

    // Moves bytes both ways until both engines are quiet.
    void pump() {
        for (int round = 0; round < 100; ++round) {
            collect();
            Bytes c2s = client->take_output();
            Bytes s2c;
            if (!c2s.empty()) {
                append(client_to_server, c2s);
                server->receive(c2s);
            }
            collect();
            s2c = server->take_output();
            if (!s2c.empty()) {
                append(server_to_client, s2c);
                client->receive(s2c);
            }
            collect();
            if (c2s.empty() && s2c.empty()) return;
        }
        FAIL("the engines did not go quiet after 100 rounds");
    }

    void handshake() {
        client->start();
        pump();
    }

    void collect() {
        for (Event& e : client->take_events()) client_events.push_back(std::move(e));
        for (Event& e : server->take_events()) server_events.push_back(std::move(e));
    }

    static bool has(const std::vector<Event>& events, Event::Kind kind) {
        for (const Event& e : events) {
            if (e.kind == kind) return true;
        }
        return false;
    }
    static Bytes data_of(const std::vector<Event>& events) {
        Bytes out;
        for (const Event& e : events) {
            if (e.kind == Event::Kind::application_data) append(out, e.data);
        }
        return out;
    }
};

}  // namespace lucid::handshake::testing
