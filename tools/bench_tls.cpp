// lucid bench --tls: whole connections, lucid beside OpenSSL, measured in the same run.
//
// The server table. `lucid server` and `openssl s_server` run side by side on 127.0.0.1 with the
// same certificate (a fresh RSA-2048 one, made with `openssl req` in a temporary directory), and
// the same client drives each of them in turn: `openssl s_time` for handshakes (-new: full RSA,
// DHE_RSA and ECDHE_RSA; -reuse: resumed) and `openssl s_client` for bulk transfers (AES128-SHA
// with and without encrypt-then-MAC, AES128-SHA256, AES-128-GCM, ChaCha20-Poly1305): it sends a file
// (upload), and it asks for one (download) from `lucid server --files` beside `s_server -WWW`,
// reading it to the end (the bytes counted).
// Each resumption row runs against a pair of servers that can resume only by its mechanism: by
// session ID, servers that issue no tickets (lucid --no-ticket, s_server -no_ticket); by ticket,
// servers without a session cache (lucid --session-cache 0, s_server -no_cache); and s_time's
// count of resumed connections must be (nearly) all of them. A server's CPU time is read from
// /proc/PID/task/*/schedstat (nanoseconds on the CPU) before and after each run.
//
// The client table. `openssl s_server -WWW` (one with -no_ticket, one with -no_cache) serves the
// same file to `lucid client` and to `openssl s_client`, and a plain s_server receives uploads;
// the client's CPU time is its rusage at exit (wait4), so it includes process start-up, for both.
// Full handshakes: the CPU of a one-handshake process. Resumption: --reconnect / -reconnect (one
// full handshake, then five resumed, each of them checked as "Reused"): (CPU of a reconnect run -
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
#include <memory>
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
// discarded, or joins stdout in the pipe (with_stderr: `lucid client` reports "Reused" there).
// The arguments come from this file only.
Child spawn(const std::vector<std::string>& argv, const std::string& stdin_path, bool capture,
            bool with_stderr = false) {
    int out_pipe[2] = {-1, -1};
    if (capture && ::pipe(out_pipe) != 0) throw std::runtime_error("pipe failed");
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        const int in = ::open(stdin_path.c_str(), O_RDONLY);
        const int null = ::open("/dev/null", O_WRONLY);
        if (in >= 0) ::dup2(in, 0);
        ::dup2(capture ? out_pipe[1] : null, 1);
        ::dup2(capture && with_stderr ? out_pipe[1] : null, 2);
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
    std::size_t output_bytes = 0;  // counted even when not kept
};

// Waits for the child, reading its output (kept, or only counted: a 256 MiB download).
Finished finish(Child child, bool keep_output = true) {
    Finished f;
    if (child.stdout_fd >= 0) {
        std::vector<char> buffer(keep_output ? 4096 : 1 << 16);
        ssize_t got;
        while ((got = ::read(child.stdout_fd, buffer.data(), buffer.size())) > 0) {
            f.output_bytes += static_cast<std::size_t>(got);
            if (keep_output) f.output.append(buffer.data(), static_cast<std::size_t>(got));
        }
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

Finished run(const std::vector<std::string>& argv, const std::string& stdin_path = "/dev/null",
             bool with_stderr = false) {
    return finish(spawn(argv, stdin_path, true, with_stderr));
}

// How often `text` occurs in `output` ("Reused," from s_client, "lucid client: Reused").
std::size_t occurrences(const std::string& output, const std::string& text) {
    std::size_t n = 0;
    for (std::size_t at = output.find(text); at != std::string::npos; at = output.find(text, at + text.size())) ++n;
    return n;
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
    const int w = 68;
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
    double reused = 0;  // of them, the ones s_time marked 'r' (SSL_session_reused)
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

// s_time prints one character per connection: 'r' when the session was reused, '*' (or the
// version) for a full handshake. The 'r's of its progress lines, the timed run's and the others.
double s_time_reused(const std::string& output) {
    double reused = 0;
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || line.find_first_not_of("*rt3") != std::string::npos) continue;
        reused += static_cast<double>(std::count(line.begin(), line.end(), 'r'));
    }
    return reused;
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
    r.reused = s_time_reused(f.output);
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
                          const std::vector<std::string>& flags, const std::string& file) {
    const double cpu0 = process_cpu_seconds(server.child.pid);
    const double t0 = now_seconds();
    std::vector<std::string> argv = {openssl, "s_client", "-connect", "127.0.0.1:" + std::to_string(server.port),
                                     "-cipher", cipher, "-tls1_2", "-quiet", "-no_ign_eof"};
    argv.insert(argv.end(), flags.begin(), flags.end());
    const Finished f = run(argv, file);
    Bulk b;
    b.wall = now_seconds() - t0;
    // Give the server the moment it needs to finish the last records before reading its CPU time.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    b.server_cpu = process_cpu_seconds(server.child.pid) - cpu0;
    b.client_cpu = f.cpu_seconds;
    b.ok = f.status == 0;
    return b;
}

// openssl s_client asks for the file (GET /bulk) and reads it to the end: the server's CPU for
// encrypting it. ok only if the whole file arrived (its bytes and the response header).
Bulk download_with_s_client(const std::string& openssl, const Server& server, const std::string& cipher,
                            const std::vector<std::string>& flags, const std::string& request_file,
                            std::size_t file_bytes) {
    const double cpu0 = process_cpu_seconds(server.child.pid);
    const double t0 = now_seconds();
    std::vector<std::string> argv = {openssl, "s_client", "-connect", "127.0.0.1:" + std::to_string(server.port),
                                     "-cipher", cipher, "-tls1_2", "-quiet"};
    argv.insert(argv.end(), flags.begin(), flags.end());
    const Finished f = finish(spawn(argv, request_file, true), false);
    Bulk b;
    b.wall = now_seconds() - t0;
    b.server_cpu = process_cpu_seconds(server.child.pid) - cpu0;
    b.client_cpu = f.cpu_seconds;
    b.ok = f.output_bytes >= file_bytes && f.output_bytes < file_bytes + 1024;
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

// Starts a server in `dir` (s_server -WWW serves files from its working directory); stdout and
// stderr go to /dev/null.
Child spawn_server(const std::vector<std::string>& argv, const std::string& stdin_path, const fs::path& dir) {
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        if (::chdir(dir.c_str()) != 0) ::_exit(127);
        const int in = ::open(stdin_path.c_str(), O_RDONLY);
        const int null = ::open("/dev/null", O_WRONLY);
        if (in >= 0) ::dup2(in, 0);
        ::dup2(null, 1);
        ::dup2(null, 2);
        std::vector<char*> args;
        for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    return Child{pid, -1};
}

// ---- What is measured ----------------------------------------------------------------------------

// The suites of the rows, by their OpenSSL names (which `lucid --cipher` takes as well).
const char* const bench_ciphers =
    "AES128-SHA:AES128-SHA256:DHE-RSA-AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305";

// How a handshake row resumes, which decides the servers it runs against: the session-ID rows run
// against servers that issue no ticket (lucid server --no-ticket, s_server -no_ticket), the ticket
// rows against servers that keep no session cache (lucid server --session-cache 0, s_server
// -no_cache), so that each can only resume by the mechanism its row names. The "Reused" counts
// (s_time's 'r', s_client's and lucid client's "Reused") are checked as well.
enum class Resumption { none, session_id, ticket };

struct HandshakeCase {
    std::string name, cipher;
    Resumption resumption = Resumption::none;
};

const std::vector<HandshakeCase> handshake_cases = {
    {"full RSA handshake, AES128-SHA", "AES128-SHA", Resumption::none},
    {"resumed by session ID", "AES128-SHA", Resumption::session_id},
    {"resumed by session ticket (RFC 5077)", "AES128-SHA", Resumption::ticket},
    {"full DHE_RSA handshake, ffdhe2048", "DHE-RSA-AES128-SHA", Resumption::none},
    {"full ECDHE_RSA handshake, X25519", "ECDHE-RSA-AES128-GCM-SHA256", Resumption::none},
};

// A bulk transfer's suite. CBC suites negotiate encrypt-then-MAC (RFC 7366) by default on both
// sides; etm = false turns it off on the client (lucid --no-etm, s_client -no_etm), so that the
// MAC-then-encrypt record path, with its Lucky Thirteen defence, is measured too.
struct BulkCase {
    std::string name, cipher;
    bool etm = true;
};

const std::vector<BulkCase> bulk_cases = {
    {"AES128-SHA", "AES128-SHA", true},
    {"AES128-SHA --no-etm", "AES128-SHA", false},
    {"AES128-SHA256", "AES128-SHA256", true},
    {"ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", true},
    {"ECDHE-RSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305", true},
};

std::string s_time_mode(const HandshakeCase& h) { return h.resumption == Resumption::none ? "-new" : "-reuse"; }

// One figure per round into the lucid or the openssl column.
void add(Row& row, bool ours, double figure) { (ours ? row.lucid : row.openssl).push_back(figure); }

// All the servers, the rows and the failures of one `lucid bench --tls` run.
struct Bench {
    BenchTlsOptions options;
    std::string openssl, lucid;
    Workspace ws;
    double mib = 0;
    std::vector<std::unique_ptr<Server>> servers;
    // The server table's pairs (session-ID and full rows; ticket rows), the workers table's
    // second server, the client table's s_server -WWW pair and the upload target; the server
    // table's downloads come from lucid --files beside that s_server -WWW.
    Server *lucid_files = nullptr;
    Server *lucid_server = nullptr, *lucid_ticket_server = nullptr, *lucid_two_workers = nullptr;
    Server *openssl_server = nullptr, *openssl_ticket_server = nullptr;
    Server *www = nullptr, *www_ticket = nullptr;
    int silent[2] = {-1, -1};  // s_server's stdin: a pipe that stays open and silent
    std::vector<Row> server_rows, client_rows, worker_rows;
    std::vector<std::string> failures;

    ~Bench() {
        servers.clear();
        if (silent[0] >= 0) ::close(silent[0]);
        if (silent[1] >= 0) ::close(silent[1]);
    }

    Server* start(const std::string& name, std::vector<std::string> argv, bool openssl_server) {
        auto server = std::make_unique<Server>();
        server->name = name;
        server->port = free_port();
        if (openssl_server) {
            argv.insert(argv.begin() + 1, {"s_server", "-accept", std::to_string(server->port), "-cert", "cert.pem",
                                           "-key", "key.pem", "-quiet", "-tls1_2"});
        } else {
            argv.insert(argv.begin() + 1, {"server", "--accept", "127.0.0.1:" + std::to_string(server->port), "--cert",
                                           "cert.pem", "--key", "key.pem", "--cipher", bench_ciphers});
        }
        // s_server reads its stdin for data to send: the silent pipe (by /dev/fd in the child).
        const std::string in = openssl_server ? "/dev/fd/" + std::to_string(silent[0]) : "/dev/null";
        server->child = spawn_server(argv, in, ws.dir);
        servers.push_back(std::move(server));
        return servers.back().get();
    }

    bool start_servers() {
        if (::pipe(silent) != 0) return false;
        lucid_server = start("lucid", {lucid, "--workers", "1", "--no-ticket"}, false);
        lucid_ticket_server = start("lucid (tickets)", {lucid, "--workers", "1", "--session-cache", "0"}, false);
        lucid_two_workers = start("lucid --workers 2", {lucid, "--workers", "2", "--no-ticket"}, false);
        lucid_files = start("lucid --files", {lucid, "--workers", "1", "--no-ticket", "--files", "."}, false);
        openssl_server = start("openssl", {openssl, "-no_ticket"}, true);
        openssl_ticket_server = start("openssl (tickets)", {openssl, "-no_cache"}, true);
        www = start("openssl -WWW", {openssl, "-no_ticket", "-WWW"}, true);
        www_ticket = start("openssl -WWW (tickets)", {openssl, "-no_cache", "-WWW"}, true);
        for (const auto& s : servers) {
            if (!wait_listening(s->port, 10)) {
                std::cerr << "lucid bench --tls: " << s->name << " server did not start listening\n";
                return false;
            }
        }
        return true;
    }

    void make_rows() {
        for (const HandshakeCase& h : handshake_cases) {
            server_rows.push_back({h.name + " (s_time " + s_time_mode(h) + "): handshakes/s", "/s", Better::higher, {}, {}});
            server_rows.push_back({"  server CPU per handshake", "us", Better::lower, {}, {}});
        }
        for (const BulkCase& c : bulk_cases) {
            server_rows.push_back({"upload " + fixed(mib, 0) + " MiB to the server, " + c.name + ": MB/s", "MB/s", Better::higher, {}, {}});
            server_rows.push_back({"  server CPU for the transfer", "s", Better::lower, {}, {}});
            server_rows.push_back({"download " + fixed(mib, 0) + " MiB from the server, " + c.name + ": MB/s", "MB/s",
                                   Better::higher, {}, {}});
            server_rows.push_back({"  server CPU for the transfer", "s", Better::lower, {}, {}});
        }
        for (const HandshakeCase& h : handshake_cases) {
            client_rows.push_back({h.name + (h.resumption == Resumption::none ? ": client CPU per process"
                                                                              : ": client CPU per resumption"),
                                   "ms", Better::lower, {}, {}});
        }
        for (const BulkCase& c : bulk_cases) {
            client_rows.push_back({"download " + fixed(mib, 0) + " MiB from s_server -WWW, " + c.name + ": MB/s", "MB/s",
                                   Better::higher, {}, {}});
            client_rows.push_back({"  client CPU for the transfer", "s", Better::lower, {}, {}});
            client_rows.push_back({"upload " + fixed(mib, 0) + " MiB to s_server, " + c.name + ": MB/s", "MB/s",
                                   Better::higher, {}, {}});
            client_rows.push_back({"  client CPU for the transfer", "s", Better::lower, {}, {}});
        }
        // Workers table: Row.lucid = 2 workers, Row.openssl = 1 worker (printed under those names).
        for (const HandshakeCase& h : {handshake_cases[0], handshake_cases[1]}) {
            worker_rows.push_back({h.name + " (s_time " + s_time_mode(h) + "): handshakes/s", "/s", Better::higher, {}, {}});
            worker_rows.push_back({"  server CPU per handshake", "us", Better::lower, {}, {}});
            worker_rows.push_back({"  clients' CPU per handshake", "us", Better::lower, {}, {}});
        }
    }

    void workers_round(bool ours) {
        const Server& server = ours ? *lucid_two_workers : *lucid_server;
        std::size_t k = 0;
        for (const HandshakeCase& h : {handshake_cases[0], handshake_cases[1]}) {
            const ConcurrentSTime t =
                concurrent_s_time(openssl, server, s_time_mode(h), h.cipher, options.seconds, options.workers_clients);
            if (t.ok) {
                add(worker_rows[k], ours, t.connections / t.wall);
                add(worker_rows[k + 1], ours, t.server_cpu / t.connections * 1e6);
                add(worker_rows[k + 2], ours, t.client_cpu / t.connections * 1e6);
            } else {
                failures.push_back(server.name + ": " + h.name + " with " + std::to_string(options.workers_clients) +
                                   " clients");
            }
            k += 3;
        }
    }

    void server_round(bool ours) {
        std::size_t i = 0;
        for (const HandshakeCase& h : handshake_cases) {
            const bool tickets = h.resumption == Resumption::ticket;
            const Server& server = ours ? (tickets ? *lucid_ticket_server : *lucid_server)
                                        : (tickets ? *openssl_ticket_server : *openssl_server);
            const STime t = s_time(openssl, server, s_time_mode(h), h.cipher, options.seconds);
            // A resumption row counts only if (nearly) every connection was resumed.
            const bool resumed = h.resumption == Resumption::none || t.reused >= 0.9 * t.connections;
            if (t.ok && resumed) {
                add(server_rows[i], ours, t.connections / t.wall);
                add(server_rows[i + 1], ours, t.server_cpu / t.connections * 1e6);
            } else {
                failures.push_back(server.name + ": " + h.name +
                                   (t.ok ? ": only " + fixed(t.reused, 0) + " of " + fixed(t.connections, 0) +
                                               " connections resumed"
                                         : std::string()));
            }
            i += 2;
        }
        const Server& server = ours ? *lucid_server : *openssl_server;
        for (const BulkCase& c : bulk_cases) {
            const std::vector<std::string> flags = c.etm ? std::vector<std::string>{} : std::vector<std::string>{"-no_etm"};
            const Bulk b = upload_with_s_client(openssl, server, c.cipher, flags, ws.bulk_file.string());
            if (b.ok) {
                add(server_rows[i], ours, static_cast<double>(options.bulk_bytes) / b.wall / 1e6);
                add(server_rows[i + 1], ours, b.server_cpu);
            } else {
                failures.push_back(server.name + ": upload " + c.name);
            }
            const Server& files = ours ? *lucid_files : *www;
            const Bulk d = download_with_s_client(openssl, files, c.cipher, flags, ws.request_file.string(), options.bulk_bytes);
            if (d.ok) {
                add(server_rows[i + 2], ours, static_cast<double>(options.bulk_bytes) / d.wall / 1e6);
                add(server_rows[i + 3], ours, d.server_cpu);
            } else {
                failures.push_back(files.name + ": download " + c.name);
            }
            i += 4;
        }
    }

    // What a client process does: one handshake (stdin empty), a download (stdin: the HTTP request;
    // the server closes), an upload (stdin: the file; the client closes at its end).
    enum class Job { handshake, download, upload };

    // lucid client or openssl s_client, the same options spelled each way.
    std::vector<std::string> client(bool ours, const Server& server, const std::string& cipher, Resumption r,
                                    bool etm, Job job) const {
        const std::string target = "127.0.0.1:" + std::to_string(server.port);
        std::vector<std::string> a =
            ours ? std::vector<std::string>{lucid, "client", target, "--insecure", "--cipher", cipher, "--wait",
                                            job == Job::download ? "5" : "0.001"}
                 : std::vector<std::string>{openssl, "s_client", "-connect", target, "-cipher", cipher, "-tls1_2"};
        if (r == Resumption::session_id) a.push_back(ours ? "--no-ticket" : "-no_ticket");
        if (r != Resumption::none) a.push_back(ours ? "--reconnect" : "-reconnect");
        if (!etm) a.push_back(ours ? "--no-etm" : "-no_etm");
        if (!ours && job != Job::handshake) a.push_back("-quiet");        // -quiet implies -ign_eof:
        if (!ours && job == Job::upload) a.push_back("-no_ign_eof");      // close at the end of stdin
        return a;
    }

    // The mean CPU of client_processes client processes, or nothing if one failed or (with
    // --reconnect) did not resume all five times.
    std::optional<double> client_process_cpu(bool ours, const HandshakeCase& h) {
        const Server& server = h.resumption == Resumption::ticket ? *www_ticket : *www;
        double cpu = 0;
        for (int k = 0; k < options.client_processes; ++k) {
            const Finished f = run(client(ours, server, h.cipher, h.resumption, true, Job::handshake), "/dev/null", true);
            const std::size_t reused = occurrences(f.output, ours ? "lucid client: Reused" : "Reused,");
            if (f.status != 0 || (h.resumption != Resumption::none && reused < 5)) {
                failures.push_back(std::string(ours ? "lucid client" : "openssl s_client") + ": " + h.name +
                                   (f.status == 0 ? ": resumed " + std::to_string(reused) + " of 5 times" : ""));
                return std::nullopt;
            }
            cpu += f.cpu_seconds;
        }
        return cpu / options.client_processes;
    }

    // A transfer with a client process: its wall time and CPU (rusage at exit).
    void client_transfer(bool ours, const Server& server, const BulkCase& c, const std::string& input,
                         bool download, std::size_t j) {
        const double t0 = now_seconds();
        // A download's output is read (and counted) here: the figure counts only if all of it came.
        const Finished f = finish(spawn(client(ours, server, c.cipher, Resumption::none, c.etm, download ? Job::download : Job::upload),
                                        input, download),
                                  false);
        const double wall = now_seconds() - t0;
        const bool complete = !download || f.output_bytes >= options.bulk_bytes;
        if ((f.status == 0 || !ours) && complete) {  // s_client exits 1 when the server just closes
            add(client_rows[j], ours, static_cast<double>(options.bulk_bytes) / wall / 1e6);
            add(client_rows[j + 1], ours, f.cpu_seconds);
        } else {
            failures.push_back(std::string(ours ? "lucid client" : "openssl s_client") + (download ? ": download " : ": upload ") +
                               c.name);
        }
    }

    void client_round(bool ours) {
        std::optional<double> full;  // the first case: one full handshake per process
        std::size_t j = 0;
        for (const HandshakeCase& h : handshake_cases) {
            const std::optional<double> cpu = client_process_cpu(ours, h);
            if (h.resumption == Resumption::none) {
                if (cpu) add(client_rows[j], ours, *cpu * 1e3);
                if (!full) full = cpu;
            } else if (cpu && full) {
                // --reconnect: one full handshake, then five resumed ones.
                add(client_rows[j], ours, std::max(0.0, *cpu - *full) / 5 * 1e3);
            }
            ++j;
        }
        for (const BulkCase& c : bulk_cases) {
            client_transfer(ours, *www, c, ws.request_file.string(), true, j);
            client_transfer(ours, *openssl_server, c, ws.bulk_file.string(), false, j + 2);
            j += 4;
        }
    }
};

bool make_workspace(Bench& b) {
    char pattern[] = "/tmp/lucid-bench-tls-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) {
        std::cerr << "lucid bench --tls: cannot make a temporary directory\n";
        return false;
    }
    Workspace& ws = b.ws;
    ws.dir = pattern;
    ws.cert = ws.dir / "cert.pem";
    ws.key = ws.dir / "key.pem";
    ws.bulk_file = ws.dir / "bulk";
    ws.request_file = ws.dir / "request";
    if (run({b.openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "2",
             "-keyout", ws.key.string(), "-out", ws.cert.string()})
            .status != 0) {
        std::cerr << "lucid bench --tls: openssl req could not make the certificate\n";
        return false;
    }
    // Public, fixed contents: what is sent does not matter, only how much.
    std::ofstream bulk(ws.bulk_file, std::ios::binary);
    const std::string chunk(1 << 20, 'x');
    for (std::size_t left = b.options.bulk_bytes; left > 0;) {
        const std::size_t n = std::min(left, chunk.size());
        bulk.write(chunk.data(), static_cast<std::streamsize>(n));
        left -= n;
    }
    std::ofstream(ws.request_file) << "GET /bulk HTTP/1.0\r\n\r\n";
    return true;
}

}  // namespace

int run_bench_tls(const BenchTlsOptions& options) {
    const std::optional<std::string> openssl = find_openssl();
    if (!openssl) {
        std::cerr << "lucid bench --tls: needs `openssl` on PATH (s_server, s_client, s_time)\n";
        return 1;
    }
    Bench b;
    b.options = options;
    b.openssl = *openssl;
    b.lucid = self_path();
    std::string version = run({b.openssl, "version"}).output;
    if (!version.empty() && version.back() == '\n') version.pop_back();
    if (!make_workspace(b)) return 1;
    b.mib = static_cast<double>(options.bulk_bytes) / (1 << 20);

    std::cout << "lucid bench --tls: " << options.rounds << " alternated round(s), median reported; s_time runs of "
              << options.seconds << " s; bulk transfers of " << fixed(b.mib, 0) << " MiB; 1 MB = 10^6 bytes\n"
              << "compared with " << version << " on 127.0.0.1, the same RSA-2048 certificate for both\n"
              << "ratio = lucid / openssl (for rates higher is better, for CPU times lower is better)\n";
    if (!b.start_servers()) return 1;
    b.make_rows();

    for (int round = 0; round < options.rounds; ++round) {
        for (int turn = 0; turn < 2; ++turn) {
            const bool ours = (round + turn) % 2 == 0;  // alternate who goes first
            if (options.workers_table) b.workers_round(ours);
            if (options.server_table) b.server_round(ours);
            if (options.client_table) b.client_round(ours);
        }
    }

    if (options.server_table) {
        print_table("server: lucid server --workers 1 beside openssl s_server (clients: openssl s_time, openssl s_client)",
                    b.server_rows, "openssl");
    }
    if (options.client_table) {
        print_table("client: lucid client beside openssl s_client (servers: openssl s_server -WWW, s_server)",
                    b.client_rows, "openssl");
    }
    if (options.workers_table) {
        print_table("workers: lucid server --workers 2 beside --workers 1 (clients: " +
                        std::to_string(options.workers_clients) + " openssl s_time at once; ratio = 2 workers / 1)",
                    b.worker_rows, "1 worker", "2 workers");
    }
    for (const std::string& f : b.failures) std::cout << "FAILED: " << f << "\n";
    return b.failures.empty() ? 0 : 1;
}

}  // namespace lucid::tools
