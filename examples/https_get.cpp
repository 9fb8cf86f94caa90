// https_get: fetch one page over HTTPS with lucidtls's blocking client, and print it.
//
//   https_get HOST PORT [PATH] [CA_FILE]
//   g++ -std=c++20 https_get.cpp $(pkg-config --cflags --libs lucidtls) -o https_get
//
// The chain and the host name are checked against CA_FILE (default: the system's CAs), as
// RFC 5280 and RFC 6125 say; any failure is an exception with a sentence naming the TLS alert.
#include <lucidtls/net/tls_stream.h>

#include <array>
#include <cstdio>
#include <exception>
#include <string>

int main(int argc, char** argv) {
    if (argc < 3 || argc > 5) {
        std::fprintf(stderr, "usage: %s HOST PORT [PATH] [CA_FILE]\n", argv[0]);
        return 2;
    }
    const std::string host = argv[1];
    const std::string path = argc > 3 ? argv[3] : "/";
    lucid::net::ClientOptions options;
    if (argc > 4) options.ca_file = argv[4];
    try {
        lucid::net::TlsStream tls = lucid::net::tls_connect(host, static_cast<std::uint16_t>(std::stoi(argv[2])), options);
        std::fprintf(stderr, "connected: %s\n", std::string(tls.session().cipher_suite->openssl_name).c_str());
        tls.write("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        std::array<std::uint8_t, 4096> buffer;
        while (std::size_t n = tls.read(buffer)) std::fwrite(buffer.data(), 1, n, stdout);
        tls.close();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "https_get: %s\n", e.what());
        return 1;
    }
    return 0;
}
