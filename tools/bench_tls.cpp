// lucid bench --tls: whole connections, lucid beside OpenSSL, measured in the same run.
//
// The server table. `lucid server` and `openssl s_server` run side by side on 127.0.0.1 with the
// same certificate (a fresh RSA-2048 one, made with `openssl req` in a temporary directory), and
// the same client drives each of them in turn: `openssl s_time` for handshakes (-new: full, -reuse:
// resumed by session ID, s_server runs with -no_ticket so that both resume the same way) and
// `openssl s_client` sending a file for bulk upload. A server's CPU time is read from
// /proc/PID/task/*/schedstat (nanoseconds on the CPU) before and after each run.
//
// The client table. One `openssl s_server -WWW -no_ticket` serves the same file to `lucid client`
// and to `openssl s_client`, and receives uploads; the client's CPU time is its rusage at exit
// (wait4), so it includes process start-up, for both. Resumption on the client side is measured
// with --reconnect / -reconnect (one full handshake, then five resumed): (CPU of a reconnect run -
// CPU of a one-handshake run) / 5.
//
// The workers table. `lucid server --workers 1` and `--workers 2` (the other tables use one worker,
// like s_server) are driven by `workers_clients` concurrent `openssl s_time` clients: handshakes
// per second over all of them, the server's CPU per handshake (schedstat, all threads) and the
// clients' CPU per handshake (their rusage at exit) beside it, since on a small machine the
// clients compete with the server for the same cores.
//
// Rounds alternate which implementation runs first; each figure is the median over the rounds.
// Ratios are lucid / openssl (workers table: 2 workers / 1 worker): above 1 is better for rates,
// below 1 for CPU times.
#include "tools/bench_tls.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace lucid::tools {

namespace {

namespace fs = std::filesystem;

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// ---- Processes ------------------------------------------------------------------------------------

struct Child {
    pid_t pid = -1;
    int stdout_fd = -1;  // read end of a pipe, if asked for
};

// Starts argv with stdin from stdin_path and stdout to a pipe (capture) or /dev/null; stderr is
// discarded. The arguments come from this file only.
Child spawn(const std::vector<std::string>& argv, const std::string& stdin_path, bool capture) {
    int out_pipe[2] = {-1, -1};
    if (capture && ::pipe(out_pipe) != 0) throw std::runtime_error("pipe failed");
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        const int in = ::open(stdin_path.c_str(), O_RDONLY);
        const int null = ::open("/dev/null", O_WRONLY);
        if (in >= 0) ::dup2(in, 0);
        ::dup2(capture ? out_pipe[1] : null, 1);
        ::dup2(null, 2);
        if (capture) ::close(out_pipe[0]);
        std::vector<char*> args;
        for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    Child child{pid, -1};
    if (capture) {
        ::close(out_pipe[1]);
        child.stdout_fd = out_pipe[0];
    }
    return child;
}

struct Finished {
    int status = -1;
    double cpu_seconds = 0;  // user + system, from rusage
    std::string output;
};

Finished finish(Child child) {
    Finished f;
    if (child.stdout_fd >= 0) {
        char buffer[4096];
        ssize_t got;
        while ((got = ::read(child.stdout_fd, buffer, sizeof buffer)) > 0) f.output.append(buffer, static_cast<std::size_t>(got));
        ::close(child.stdout_fd);
    }
    rusage usage{};
    int status = 0;
    ::wait4(child.pid, &status, 0, &usage);
    f.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    f.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                    static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    return f;
}

Finished run(const std::vector<std::string>& argv, const std::string& stdin_path = "/dev/null") {
    return finish(spawn(argv, stdin_path, true));
}

// CPU time of a running process, all its threads, in seconds (schedstat: ns on the CPU).
double process_cpu_seconds(pid_t pid) {
    double total = 0;
    std::error_code ec;
    for (const auto& task : fs::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
        std::ifstream in(task.path() / "schedstat");
        unsigned long long ns = 0;
        if (in >> ns) total += static_cast<double>(ns) / 1e9;
    }
    return total;
}

int free_port() {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(s);
    return ntohs(a.sin_port);
}

bool wait_listening(int port, double timeout) {
    const double end = now_seconds() + timeout;
    while (now_seconds() < end) {
        const int s = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(static_cast<std::uint16_t>(port));
        const bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
        ::close(s);
        if (ok) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

// A server kept running for the whole benchmark; stopped (SIGTERM to its own pid) at the end.
struct Server {
    std::string name;
    int port = 0;
    Child child;
    ~Server() {
        if (child.pid > 0) {
            ::kill(child.pid, SIGTERM);
            ::waitpid(child.pid, nullptr, 0);
        }
    }
};

// ---- Figures -------------------------------------------------------------------------------------

enum class Better { higher, lower };

struct Row {
    std::string name;
    std::string unit;
    Better better;
    std::vector<double> lucid, openssl;  // one figure per round
};

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

std::string fixed(double x, int digits) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(digits) << x;
    return s.str();
}

void print_table(const std::string& title, const std::vector<Row>& rows, const std::string& theirs,
                 const std::string& ours = "lucid") {
    std::cout << "\n" << title << "\n";
    const int w = 58;
    std::cout << std::left << std::setw(w) << "" << std::right << std::setw(18) << ours << std::setw(18) << theirs
              << std::setw(10) << "ratio" << "\n";
    for (const Row& r : rows) {
        const double a = median(r.lucid), b = median(r.openssl);
        const int digits = a >= 100 ? 1 : 2;
        std::cout << std::left << std::setw(w) << r.name << std::right << std::setw(18)
                  << (r.lucid.empty() ? std::string("failed") : fixed(a, digits) + " " + r.unit) << std::setw(18)
                  << (r.openssl.empty() ? std::string("failed") : fixed(b, b >= 100 ? 1 : 2) + " " + r.unit)
                  << std::setw(10) << (a > 0 && b > 0 ? fixed(a / b, 2) : std::string("-")) << "\n";
    }
}

// ---- The server table ----------------------------------------------------------------------------

struct STime {
    bool ok = false;
    double connections = 0;
    double wall = 0;
    double server_cpu = 0;
};

// The connections of an `openssl s_time` output: "N connections in X.XXs; ..." , the last such
// line being the timed run. 0 if there is none.
double s_time_connections(const std::string& output) {
    double connections = 0;
    std::smatch m;
    std::string rest = output;
    while (std::regex_search(rest, m, std::regex(R"((\d+) connections in ([0-9.]+)s;)"))) {
        connections = std::stod(m[1]);
        rest = m.suffix();
    }
    return connections;
}

struct ConcurrentSTime {
    bool ok = false;
    double connections = 0;  // over all clients
    double wall = 0;
    double server_cpu = 0;
    double client_cpu = 0;   // over all clients
};

// `clients` s_time runs at once against one server (the workers table).
ConcurrentSTime concurrent_s_time(const std::string& openssl, const Server& server, const std::string& mode,
                                  const std::string& cipher, double seconds, int clients) {
    const double cpu0 = process_cpu_seconds(server.child.pid);
    const double t0 = now_seconds();
    std::vector<Child> running;
    for (int i = 0; i < clients; ++i) {
        running.push_back(spawn({openssl, "s_time", "-connect", "127.0.0.1:" + std::to_string(server.port), mode,
                                 "-time", std::to_string(static_cast<int>(seconds)), "-cipher", cipher},
                                "/dev/null", true));
    }
    ConcurrentSTime r;
    r.ok = true;
    for (Child& c : running) {
        const Finished f = finish(c);
        const double n = s_time_connections(f.output);
        if (n <= 0) r.ok = false;
        r.connections += n;
        r.client_cpu += f.cpu_seconds;
    }
    r.wall = std::min(now_seconds() - t0, seconds + 0.5);  // as in s_time() below
    r.server_cpu = process_cpu_seconds(server.child.pid) - cpu0;
    return r;
}

// One `openssl s_time` run against a server: connections made, wall time, server CPU used.
STime s_time(const std::string& openssl, const Server& server, const std::string& mode, const std::string& cipher,
             double seconds) {
    const double cpu0 = process_cpu_seconds(server.child.pid);
    const double t0 = now_seconds();
    const Finished f = run({openssl, "s_time", "-connect", "127.0.0.1:" + std::to_string(server.port), mode, "-time",
                            std::to_string(static_cast<int>(seconds)), "-cipher", cipher});
    STime r;
    r.wall = now_seconds() - t0;
    r.server_cpu = process_cpu_seconds(server.child.pid) - cpu0;
    r.connections = s_time_connections(f.output);
    r.ok = r.connections > 0;
    // s_time runs for `seconds` of its own loop plus start-up; its connections took about that long.
    r.wall = std::min(r.wall, seconds + 0.5);
    return r;
}

struct Bulk {
    bool ok = false;
    double wall = 0;
    double server_cpu = 0;
    double client_cpu = 0;
};

// openssl s_client sends the file to the server and closes (server CPU for decrypting it).
Bulk upload_with_s_client(const std::string& openssl, const Server& server, const std::string& cipher,
                          const std::string& file) {
    const double cpu0 = process_cpu_seconds(server.child.pid);
    const double t0 = now_seconds();
    const Finished f = run({openssl, "s_client", "-connect", "127.0.0.1:" + std::to_string(server.port), "-cipher",
                            cipher, "-tls1_2", "-quiet", "-no_ign_eof"},
                           file);
    Bulk b;
    b.wall = now_seconds() - t0;
    // Give the server the moment it needs to finish the last records before reading its CPU time.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    b.server_cpu = process_cpu_seconds(server.child.pid) - cpu0;
    b.client_cpu = f.cpu_seconds;
    b.ok = f.status == 0;
    return b;
}

// ---- Set-up --------------------------------------------------------------------------------------

struct Workspace {
    fs::path dir;
    fs::path cert, key, bulk_file, request_file;
    ~Workspace() {
        std::error_code ec;
        if (!dir.empty()) fs::remove_all(dir, ec);
    }
};

std::string self_path() {
    std::error_code ec;
    const fs::path p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("lucid") : p.string();
}

std::optional<std::string> find_openssl() {
    const Finished f = run({"openssl", "version"});
    if (f.status != 0) return std::nullopt;
    return std::string("openssl");
}

}  // namespace

int run_bench_tls(const BenchTlsOptions& options) {
    const std::optional<std::string> openssl = find_openssl();
    if (!openssl) {
        std::cerr << "lucid bench --tls: needs `openssl` on PATH (s_server, s_client, s_time)\n";
        return 1;
    }
    const std::string lucid = self_path();
    std::string version = run({*openssl, "version"}).output;
    if (!version.empty() && version.back() == '\n') version.pop_back();

    Workspace ws;
    char pattern[] = "/tmp/lucid-bench-tls-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) {
        std::cerr << "lucid bench --tls: cannot make a temporary directory\n";
        return 1;
    }
    ws.dir = pattern;
    ws.cert = ws.dir / "cert.pem";
    ws.key = ws.dir / "key.pem";
    ws.bulk_file = ws.dir / "bulk";
    ws.request_file = ws.dir / "request";
    if (run({*openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "2",
             "-keyout", ws.key.string(), "-out", ws.cert.string()})
            .status != 0) {
        std::cerr << "lucid bench --tls: openssl req could not make the certificate\n";
        return 1;
    }
    {
        // Public, fixed contents: what is sent does not matter, only how much.
        std::ofstream bulk(ws.bulk_file, std::ios::binary);
        std::string chunk(1 << 20, 'x');
        for (std::size_t left = options.bulk_bytes; left > 0;) {
            const std::size_t n = std::min(left, chunk.size());
            bulk.write(chunk.data(), static_cast<std::streamsize>(n));
            left -= n;
        }
        std::ofstream(ws.request_file) << "GET /bulk HTTP/1.0\r\n\r\n";
    }
    const double mib = static_cast<double>(options.bulk_bytes) / (1 << 20);

    std::cout << "lucid bench --tls: " << options.rounds << " alternated round(s), median reported; s_time runs of "
              << options.seconds << " s; bulk transfers of " << fixed(mib, 0) << " MiB; 1 MB = 10^6 bytes\n"
              << "compared with " << version << " on 127.0.0.1, the same RSA-2048 certificate for both\n"
              << "ratio = lucid / openssl (for rates higher is better, for CPU times lower is better)\n";

    // The two servers of the server table. s_server reads its stdin for data to send: give it a
    // pipe that stays open and silent (we keep the write end).
    int silent[2];
    if (::pipe(silent) != 0) return 1;
    Server lucid_server{"lucid", free_port(), {}};
    lucid_server.child = spawn({lucid, "server", "--accept", "127.0.0.1:" + std::to_string(lucid_server.port),
                                "--cert", ws.cert.string(), "--key", ws.key.string(), "--cipher",
                                "AES128-SHA:AES128-SHA256:DHE-RSA-AES128-SHA", "--workers", "1"},
                               "/dev/null", false);
    // The workers table: the same server with two event loops (the one above is the 1-worker one).
    Server lucid_two_workers{"lucid --workers 2", free_port(), {}};
    lucid_two_workers.child = spawn({lucid, "server", "--accept", "127.0.0.1:" + std::to_string(lucid_two_workers.port),
                                     "--cert", ws.cert.string(), "--key", ws.key.string(), "--cipher",
                                     "AES128-SHA:AES128-SHA256:DHE-RSA-AES128-SHA", "--workers", "2"},
                                    "/dev/null", false);
    Server openssl_server{"openssl", free_port(), {}};
    {
        // stdin of s_server = the silent pipe (dup'ed into the child by /dev/fd).
        const std::string fd_path = "/dev/fd/" + std::to_string(silent[0]);
        openssl_server.child = spawn({*openssl, "s_server", "-accept", std::to_string(openssl_server.port), "-cert",
                                      ws.cert.string(), "-key", ws.key.string(), "-no_ticket", "-quiet", "-tls1_2"},
                                     fd_path, false);
    }
    // The server of the client table: -WWW serves files from its working directory.
    const int www_port = free_port();
    Child www;
    {
        const pid_t pid = ::fork();
        if (pid == 0) {
            if (::chdir(ws.dir.c_str()) != 0) ::_exit(127);
            const int null = ::open("/dev/null", O_RDWR);
            ::dup2(null, 0);
            ::dup2(null, 1);
            ::dup2(null, 2);
            const std::string port = std::to_string(www_port);
            ::execlp(openssl->c_str(), openssl->c_str(), "s_server", "-accept", port.c_str(), "-cert", "cert.pem",
                     "-key", "key.pem", "-no_ticket", "-quiet", "-tls1_2", "-WWW", static_cast<char*>(nullptr));
            ::_exit(127);
        }
        www.pid = pid;
    }
    Server www_server{"openssl -WWW", www_port, www};
    for (const Server* s : {&lucid_server, &lucid_two_workers, &openssl_server, &www_server}) {
        if (!wait_listening(s->port, 10)) {
            std::cerr << "lucid bench --tls: " << s->name << " server did not start listening\n";
            return 1;
        }
    }

    struct HandshakeCase {
        std::string name, mode, cipher;
    };
    const std::vector<HandshakeCase> handshakes = {
        {"full RSA handshake, AES128-SHA (s_time -new)", "-new", "AES128-SHA"},
        {"resumed by session ID (s_time -reuse)", "-reuse", "AES128-SHA"},
        {"full DHE_RSA handshake, ffdhe2048 (s_time -new)", "-new", "DHE-RSA-AES128-SHA"},
    };
    const std::vector<std::string> bulk_ciphers = {"AES128-SHA", "AES128-SHA256"};

    std::vector<Row> server_rows;
    for (const HandshakeCase& h : handshakes) {
        server_rows.push_back({h.name + ": handshakes/s", "/s", Better::higher, {}, {}});
        server_rows.push_back({"  server CPU per handshake", "us", Better::lower, {}, {}});
    }
    for (const std::string& c : bulk_ciphers) {
        server_rows.push_back({"upload " + fixed(mib, 0) + " MiB to the server, " + c + ": MB/s", "MB/s", Better::higher, {}, {}});
        server_rows.push_back({"  server CPU for the transfer", "s", Better::lower, {}, {}});
    }
    std::vector<Row> client_rows = {
        {"full RSA handshake, AES128-SHA: client CPU per process", "ms", Better::lower, {}, {}},
        {"resumed handshake: client CPU per resumption", "ms", Better::lower, {}, {}},
    };
    for (const std::string& c : bulk_ciphers) {
        client_rows.push_back({"download " + fixed(mib, 0) + " MiB from s_server -WWW, " + c + ": MB/s", "MB/s",
                               Better::higher, {}, {}});
        client_rows.push_back({"  client CPU for the transfer", "s", Better::lower, {}, {}});
    }
    // Workers table: Row.lucid = 2 workers, Row.openssl = 1 worker (printed under those names).
    const std::vector<HandshakeCase> worker_cases = {handshakes[0], handshakes[1]};
    std::vector<Row> worker_rows;
    for (const HandshakeCase& h : worker_cases) {
        worker_rows.push_back({h.name + ": handshakes/s", "/s", Better::higher, {}, {}});
        worker_rows.push_back({"  server CPU per handshake", "us", Better::lower, {}, {}});
        worker_rows.push_back({"  clients' CPU per handshake", "us", Better::lower, {}, {}});
    }
    std::vector<std::string> failures;

    const std::string www_target = "127.0.0.1:" + std::to_string(www_port);
    for (int round = 0; round < options.rounds; ++round) {
        for (int turn = 0; turn < 2; ++turn) {
            const bool ours = (round + turn) % 2 == 0;  // alternate who goes first
            const Server& server = ours ? lucid_server : openssl_server;
            if (options.workers_table) {
                const Server& workers_server = ours ? lucid_two_workers : lucid_server;
                std::size_t k = 0;
                for (const HandshakeCase& h : worker_cases) {
                    const ConcurrentSTime t = concurrent_s_time(*openssl, workers_server, h.mode, h.cipher, options.seconds,
                                                                options.workers_clients);
                    if (t.ok) {
                        (ours ? worker_rows[k].lucid : worker_rows[k].openssl).push_back(t.connections / t.wall);
                        (ours ? worker_rows[k + 1].lucid : worker_rows[k + 1].openssl).push_back(t.server_cpu / t.connections * 1e6);
                        (ours ? worker_rows[k + 2].lucid : worker_rows[k + 2].openssl).push_back(t.client_cpu / t.connections * 1e6);
                    } else {
                        failures.push_back(workers_server.name + ": " + h.name + " with " +
                                           std::to_string(options.workers_clients) + " clients");
                    }
                    k += 3;
                }
            }
            if (!options.server_table && !options.client_table) continue;
            std::size_t i = 0;
            for (const HandshakeCase& h : handshakes) {
                if (!options.server_table) break;
                const STime t = s_time(*openssl, server, h.mode, h.cipher, options.seconds);
                if (t.ok) {
                    (ours ? server_rows[i].lucid : server_rows[i].openssl).push_back(t.connections / t.wall);
                    (ours ? server_rows[i + 1].lucid : server_rows[i + 1].openssl).push_back(t.server_cpu / t.connections * 1e6);
                } else {
                    failures.push_back(server.name + ": " + h.name);
                }
                i += 2;
            }
            for (const std::string& c : bulk_ciphers) {
                if (!options.server_table) break;
                const Bulk b = upload_with_s_client(*openssl, server, c, ws.bulk_file.string());
                if (b.ok) {
                    (ours ? server_rows[i].lucid : server_rows[i].openssl).push_back(static_cast<double>(options.bulk_bytes) / b.wall / 1e6);
                    (ours ? server_rows[i + 1].lucid : server_rows[i + 1].openssl).push_back(b.server_cpu);
                } else {
                    failures.push_back(server.name + ": upload " + c);
                }
                i += 2;
            }

            // The client table: lucid client or openssl s_client against the same s_server -WWW.
            if (!options.client_table) continue;
            auto client = [&](const std::string& cipher, bool reconnect) -> std::vector<std::string> {
                if (ours) {
                    std::vector<std::string> a = {lucid, "client", www_target, "--insecure", "--cipher", cipher, "--wait", "0.001"};
                    if (reconnect) a.push_back("--reconnect");
                    return a;
                }
                std::vector<std::string> a = {*openssl, "s_client", "-connect", www_target, "-cipher", cipher, "-tls1_2"};
                if (reconnect) a.push_back("-reconnect");
                return a;
            };
            double full = 0, resumed = 0;
            int full_ok = 0, resumed_ok = 0;
            for (int k = 0; k < options.client_processes; ++k) {
                const Finished f = run(client("AES128-SHA", false));
                if (f.status == 0) full += f.cpu_seconds, ++full_ok;
                const Finished r = run(client("AES128-SHA", true));
                if (r.status == 0) resumed += r.cpu_seconds, ++resumed_ok;
            }
            if (full_ok > 0 && resumed_ok > 0) {
                const double per_full = full / full_ok, per_reconnect = resumed / resumed_ok;
                (ours ? client_rows[0].lucid : client_rows[0].openssl).push_back(per_full * 1e3);
                (ours ? client_rows[1].lucid : client_rows[1].openssl).push_back(std::max(0.0, per_reconnect - per_full) / 5 * 1e3);
            } else {
                failures.push_back(std::string(ours ? "lucid client" : "openssl s_client") + ": handshakes");
            }
            std::size_t j = 2;
            for (const std::string& c : bulk_ciphers) {
                std::vector<std::string> a = ours ? std::vector<std::string>{lucid, "client", www_target, "--insecure", "--cipher", c, "--wait", "5"}
                                                  : std::vector<std::string>{*openssl, "s_client", "-connect", www_target, "-cipher", c, "-tls1_2", "-quiet"};
                const double t0 = now_seconds();
                const Finished f = finish(spawn(a, ws.request_file.string(), false));
                const double wall = now_seconds() - t0;
                if (f.status == 0 || !ours) {  // s_client exits 1 when the server just closes
                    (ours ? client_rows[j].lucid : client_rows[j].openssl).push_back(static_cast<double>(options.bulk_bytes) / wall / 1e6);
                    (ours ? client_rows[j + 1].lucid : client_rows[j + 1].openssl).push_back(f.cpu_seconds);
                } else {
                    failures.push_back(std::string(ours ? "lucid client" : "openssl s_client") + ": download " + c);
                }
                j += 2;
            }
        }
    }
    ::close(silent[1]);
    ::close(silent[0]);

    if (options.server_table) {
        print_table("server: lucid server --workers 1 beside openssl s_server (clients: openssl s_time, openssl s_client)",
                    server_rows, "openssl");
    }
    if (options.client_table) {
        print_table("client: lucid client beside openssl s_client (server: openssl s_server -WWW)", client_rows, "openssl");
    }
    if (options.workers_table) {
        print_table("workers: lucid server --workers 2 beside --workers 1 (clients: " +
                        std::to_string(options.workers_clients) + " openssl s_time at once; ratio = 2 workers / 1)",
                    worker_rows, "1 worker", "2 workers");
    }
    std::cout << "\nnot measured yet: resumption by session ticket and ECDHE (lucid has neither yet), AEAD suites, "
                 "download from lucid server (it has no mode that sends a file)\n";
    for (const std::string& f : failures) std::cout << "FAILED: " << f << "\n";
    return failures.empty() ? 0 : 1;
}

}  // namespace lucid::tools
