// in_memory: the sans-I/O engine, for programs that bring their own I/O. A client and a server
// engine talk through two byte buffers (where a program would have its sockets, its event loop,
// a pipe or a fuzzer), and the program decides when bytes move.
//
//   in_memory CA_FILE CERT KEY
//   g++ -std=c++20 in_memory.cpp $(pkg-config --cflags --libs lucidtls) -o in_memory
#include <lucidtls/crypto/random.h>
#include <lucidtls/handshake/credentials.h>
#include <lucidtls/handshake/engine.h>

#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

static std::string slurp(const char* path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: " << argv[0] << " CA_FILE CERT KEY\n";
        return 2;
    }
    using namespace lucid::handshake;
    const Clock now = [] { return static_cast<std::int64_t>(std::time(nullptr)); };
    ClientConfig cc;
    cc.clock = now;
    cc.server_name = "localhost";
    cc.trust_anchors = certificates_from_pem(slurp(argv[1]));
    ServerConfig sc;
    sc.clock = now;
    sc.credentials = ServerCredentials::from_pem(slurp(argv[2]), slurp(argv[3]));
    Client client(cc, lucid::crypto::os_random());
    Server server(sc, lucid::crypto::os_random());

    client.start();  // queues the ClientHello
    bool sent = false;
    for (int round = 0; round < 20 && !(client.is_done() && server.is_done()); ++round) {
        server.receive(client.take_output());  // "the network", one direction ...
        client.receive(server.take_output());  // ... and the other
        for (const Event& e : client.take_events()) {
            std::cout << "client: " << event_kind_name(e.kind) << "\n";
            if (e.kind == Event::Kind::application_data) std::cout << "  " << std::string(e.data.begin(), e.data.end()) << "\n";
        }
        for (const Event& e : server.take_events()) {
            std::cout << "server: " << event_kind_name(e.kind) << "\n";
            if (e.kind == Event::Kind::application_data) {
                server.send(e.data);  // echo, then close_notify (RFC 5246 §7.2.1)
                server.close();
            }
        }
        if (client.can_send() && !sent) {
            client.send(lucid::as_bytes(std::string_view("hello, engine")));
            sent = true;
        }
    }
    std::cout << "cipher suite: " << client.session().cipher_suite->openssl_name << ", peer verified: "
              << (client.session().peer_verified ? "yes" : "no") << "\n";
    return client.is_done() && !client.failure() ? 0 : 1;
}
