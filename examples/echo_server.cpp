// echo_server: a TLS echo server with lucidtls's blocking server. It serves one client at a time
// and sends back everything it receives until the client closes.
//
//   echo_server CERT KEY PORT [CONNECTIONS]     (PORT 0 picks a free one; CONNECTIONS 0 = forever)
//   g++ -std=c++20 echo_server.cpp $(pkg-config --cflags --libs lucidtls) -o echo_server
//
// It prints "ACCEPT 127.0.0.1:PORT" once listening, as `openssl s_server` does.
#include <lucidtls/net/tls_stream.h>

#include <array>
#include <cstdio>
#include <exception>
#include <string>

int main(int argc, char** argv) {
    if (argc < 4 || argc > 5) {
        std::fprintf(stderr, "usage: %s CERT KEY PORT [CONNECTIONS]\n", argv[0]);
        return 2;
    }
    try {
        lucid::net::ServerOptions options;
        options.cert_file = argv[1];
        options.key_file = argv[2];
        lucid::net::TlsServer server(options, {"127.0.0.1", static_cast<std::uint16_t>(std::stoi(argv[3]))});
        std::printf("ACCEPT %s\n", lucid::net::format_endpoint(server.bound()).c_str());
        std::fflush(stdout);
        const int connections = argc > 4 ? std::stoi(argv[4]) : 0;
        for (int served = 0; connections == 0 || served < connections; ++served) {
            try {
                lucid::net::TlsStream client = server.accept();
                std::array<std::uint8_t, 4096> buffer;
                std::size_t total = 0;
                while (std::size_t n = client.read(buffer)) {
                    client.write(lucid::ByteView(buffer.data(), n));
                    total += n;
                }
                std::fprintf(stderr, "echo_server: echoed %zu bytes with %s\n", total,
                             std::string(client.session().cipher_suite->openssl_name).c_str());
            } catch (const std::exception& e) {  // one failed client does not stop the server
                std::fprintf(stderr, "echo_server: %s\n", e.what());
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "echo_server: %s\n", e.what());
        return 1;
    }
    return 0;
}
