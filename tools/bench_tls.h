// lucid bench --tls: handshakes and bulk transfer of `lucid server` and `lucid client` beside
// `openssl s_server` and `openssl s_client`, driven by the same clients in the same run.
#pragma once

#include <cstddef>

namespace lucid::tools {

struct BenchTlsOptions {
    int rounds = 5;                          // alternated rounds; the median is reported
    double seconds = 3;                      // length of each `openssl s_time` run
    std::size_t bulk_bytes = 256u << 20;     // size of each bulk transfer
    int client_processes = 20;               // client processes per round for the client table
    // Which tables: server, client, workers (all by default; --table NAME runs one).
    bool server_table = true, client_table = true, workers_table = true;
    int workers_clients = 2;                 // concurrent `openssl s_time` clients for the workers table
};

// Prints both tables on stdout; returns the exit status (1 if OpenSSL is missing or a peer failed).
int run_bench_tls(const BenchTlsOptions& options);

}  // namespace lucid::tools
