// lucid bench [--quick] [--no-openssl]: how fast lucid's primitives are, and how that compares with
// OpenSSL measured on the same machine in the same run.
//
// Each benchmark is one row of bench_rows() below: a name, a unit, a prepare function that sets up
// keys and buffers once (outside the timing) and returns a function doing ONE iteration, which
// returns how much work it did (bytes for MB/s, operations for ops/s), and the `openssl speed`
// arguments that measure the same operation, with the place of the figure in OpenSSL's
// machine-readable (-mr) output. Each row is timed in several runs; the median run is reported.
//
// Adding a row is a small insertion: a prepare function and one line in the table. For example,
// once crypto/rsa.h and crypto/dh.h exist, RSA-2048 and DH-2048 in operations per second:
//
//   std::function<std::size_t()> prepare_rsa2048_private() {
//       auto key = std::make_shared<crypto::RsaPrivateKey>(...);      // built once
//       auto message = std::make_shared<Bytes>(...);
//       return [key, message] { crypto::rsa_sign(*key, *message); return std::size_t{1}; };
//   }
//   {"RSA-2048 private", Unit::ops_per_second, prepare_rsa2048_private, {"rsa2048"}, "+F2", 3},
//   {"RSA-2048 public",  Unit::ops_per_second, prepare_rsa2048_public,  {"rsa2048"}, "+F2", 4},
//   {"DH-2048",          Unit::ops_per_second, prepare_dh2048,          {"ffdh2048"}, "+F8", 3},
//
// because `openssl speed -mr rsa2048` prints "+F2:<i>:2048:<sign/s>:<verify/s>" (sign is the
// private-key operation, verify the public one) and `openssl speed -mr ffdh2048` prints
// "+F8:<i>:2048:<ops/s>:<s/op>". For byte rows it prints "+F:<i>:<name>:<bytes/s>".
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "crypto/aes.h"
#include "crypto/cbc.h"
#include "crypto/chacha20_poly1305.h"
#include "crypto/cpu.h"
#include "crypto/dh.h"
#include "crypto/gcm.h"
#include "crypto/ghash.h"
#include "crypto/hash.h"
#include "crypto/hmac.h"
#include "crypto/montgomery.h"
#include "crypto/random.h"
#include "crypto/rsa_keygen.h"
#include "crypto/rsa_signature.h"
#include "crypto/x25519.h"
#include "tools/bench_tls.h"
#include "tools/command.h"

namespace lucid::tools {

namespace {

enum class Unit { megabytes_per_second, ops_per_second };

struct BenchRow {
    std::string_view name;
    Unit unit;
    std::function<std::size_t()> (*prepare)();
    std::vector<std::string_view> openssl_args;  // after `openssl speed -mr -seconds N`
    std::string_view openssl_line;               // the -mr line holding the figure: "+F", "+F2", ...
    std::size_t openssl_field;                   // its ':'-separated field; field 0 is the tag
    std::string_view openssl_environment = {};   // NAME=value set for that `openssl speed` run, if any
    bool alternated = false;  // ours and `openssl speed` in alternated rounds, the median of each
};

constexpr std::size_t buffer_size = 16384;  // the same 16 KiB `openssl speed -bytes 16384` uses

// Results flow into here so that the compiler cannot drop the work as unused.
volatile std::uint8_t sink = 0;

// Fixed, public benchmark inputs: nothing here is secret.
Bytes pattern(std::size_t n, std::uint8_t start) {
    Bytes out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(start + i * 7);
    return out;
}

// AES-128-CBC on one implementation: portable = true forces the bit-sliced code, false asks for
// AES-NI. An empty function means the row cannot run here (no AES-NI on this CPU).
std::function<std::size_t()> prepare_aes128_cbc(bool encrypt, bool portable) {
    if (!portable && !crypto::aes_ni_available()) return {};
    auto aes = std::make_shared<crypto::Aes>(pattern(16, 1));
    auto iv = std::make_shared<Bytes>(pattern(16, 2));
    auto data = std::make_shared<Bytes>(pattern(buffer_size, 3));
    // The output goes to a buffer made once, as `openssl speed` writes into its own: allocating
    // and zeroing 16 KiB per call cost about a third of the AES-NI decryption it was measuring.
    auto out = std::make_shared<Bytes>(buffer_size);
    return [aes, iv, data, out, encrypt, portable] {
        const bool before = crypto::aes_force_portable(portable);
        if (encrypt) {
            crypto::cbc_encrypt(*aes, *iv, *data, *out);
        } else {
            crypto::cbc_decrypt(*aes, *iv, *data, *out);
        }
        crypto::aes_force_portable(before);
        sink = sink ^ out->back();
        return data->size();
    };
}

std::function<std::size_t()> prepare_aes128_cbc_encrypt_ni() { return prepare_aes128_cbc(true, false); }
std::function<std::size_t()> prepare_aes128_cbc_decrypt_ni() { return prepare_aes128_cbc(false, false); }
std::function<std::size_t()> prepare_aes128_cbc_encrypt_portable() { return prepare_aes128_cbc(true, true); }
std::function<std::size_t()> prepare_aes128_cbc_decrypt_portable() { return prepare_aes128_cbc(false, true); }

std::function<std::size_t()> prepare_hash(crypto::HashAlgorithm alg) {
    auto data = std::make_shared<Bytes>(pattern(buffer_size, 4));
    return [alg, data] {
        sink = sink ^ crypto::digest(alg, *data).front();
        return data->size();
    };
}

std::function<std::size_t()> prepare_sha1() { return prepare_hash(crypto::HashAlgorithm::sha1); }
std::function<std::size_t()> prepare_sha256() { return prepare_hash(crypto::HashAlgorithm::sha256); }

std::function<std::size_t()> prepare_hmac_sha256() {
    auto mac = std::make_shared<crypto::Hmac>(crypto::HashAlgorithm::sha256, pattern(32, 5));
    auto data = std::make_shared<Bytes>(pattern(buffer_size, 6));
    return [mac, data] {
        mac->update(*data);
        sink = sink ^ mac->final().front();
        return data->size();
    };
}

// HMAC-SHA256 of short messages, the size of a TLS record MAC input for small records: here the
// keyed inner and outer states kept by crypto::Hmac matter more than the hash's speed.
std::function<std::size_t()> prepare_hmac_sha256_64() {
    auto mac = std::make_shared<crypto::Hmac>(crypto::HashAlgorithm::sha256, pattern(32, 5));
    auto data = std::make_shared<Bytes>(pattern(64, 6));
    auto out = std::make_shared<Bytes>(32);
    return [mac, data, out] {
        for (int i = 0; i < 64; ++i) {
            mac->update(*data);
            mac->final(*out);
            sink = sink ^ out->front();
        }
        return data->size() * 64;
    };
}

// RSA-2048 and DH-2048 in operations per second. The key is generated once, from a fixed seed,
// outside the timing. "Private" is a PKCS#1 v1.5 SHA-256 signature of a digest (CRT, blinding and
// the check with e included), which is what `openssl speed rsa2048` calls sign; "public" is its
// verification. DH-2048 is one shared secret in ffdhe2048 with its 225-bit exponent, against
// `openssl speed ffdh2048` (OpenSSL draws 224-bit exponents for that group).
const crypto::RsaPrivateKey& bench_rsa2048_key() {
    static const crypto::RsaPrivateKey key = [] {
        crypto::HmacDrbg rng(as_bytes("lucid bench RSA-2048 key"), {}, {});
        return crypto::generate_rsa_key(2048, rng);
    }();
    return key;
}

std::function<std::size_t()> prepare_rsa2048_private() {
    auto rng = std::make_shared<crypto::HmacDrbg>(as_bytes("lucid bench blinding"), ByteView{}, ByteView{});
    auto digest = std::make_shared<Bytes>(crypto::digest(crypto::HashAlgorithm::sha256, pattern(64, 7)));
    return [rng, digest] {
        const Bytes s = crypto::rsassa_pkcs1_v15_sign_digest(bench_rsa2048_key(), crypto::HashAlgorithm::sha256, *digest, *rng);
        sink = sink ^ s.back();
        return std::size_t{1};
    };
}

// The RSA-2048 private-key operation (RSADP: blinding, CRT, Bellcore check) with the CRT halves
// computed by crypto/montgomery.h instead of GMP's mpn_sec_powm: on the MULX/ADX path where the
// CPU has it, or forced portable.
std::function<std::size_t()> prepare_rsa2048_montgomery(bool portable) {
    auto rng = std::make_shared<crypto::HmacDrbg>(as_bytes("lucid bench blinding"), ByteView{}, ByteView{});
    auto c = std::make_shared<crypto::BigInt>(crypto::os2ip(crypto::digest(crypto::HashAlgorithm::sha256, pattern(64, 7))));
    return [rng, c, portable] {
        const bool before = crypto::cpu_force_portable(portable);
        const crypto::BigInt m = crypto::testing::rsadp_with_montgomery_exponentiation(bench_rsa2048_key(), *c, *rng);
        crypto::cpu_force_portable(before);
        sink = sink ^ static_cast<std::uint8_t>(mpz_get_ui(m.get_mpz_t()));
        return std::size_t{1};
    };
}
std::function<std::size_t()> prepare_rsa2048_montgomery_best() {
    if (crypto::montgomery_best_path() != crypto::MontgomeryPath::adx) return {};
    return prepare_rsa2048_montgomery(false);
}
std::function<std::size_t()> prepare_rsa2048_montgomery_portable() { return prepare_rsa2048_montgomery(true); }

std::function<std::size_t()> prepare_rsa2048_public() {
    crypto::HmacDrbg rng(as_bytes("lucid bench blinding"), {}, {});
    auto digest = std::make_shared<Bytes>(crypto::digest(crypto::HashAlgorithm::sha256, pattern(64, 7)));
    auto signature = std::make_shared<Bytes>(
        crypto::rsassa_pkcs1_v15_sign_digest(bench_rsa2048_key(), crypto::HashAlgorithm::sha256, *digest, rng));
    return [digest, signature] {
        const crypto::SignatureCheck check = crypto::rsassa_pkcs1_v15_verify_digest(
            bench_rsa2048_key().public_key(), crypto::HashAlgorithm::sha256, *digest, *signature);
        sink = sink ^ static_cast<std::uint8_t>(check.valid);
        return std::size_t{1};
    };
}

std::function<std::size_t()> prepare_dh2048() {
    crypto::HmacDrbg rng(as_bytes("lucid bench DH-2048"), {}, {});
    const crypto::DhGroup group = crypto::named_dh_group(crypto::NamedDhGroup::ffdhe2048);
    auto mine = std::make_shared<crypto::DhPrivateKey>(crypto::generate_dh_key(group, rng));
    auto peer = std::make_shared<Bytes>(crypto::generate_dh_key(group, rng).public_value_bytes());
    return [mine, peer] {
        const SecretBytes z = crypto::dh_shared_secret(*mine, *peer);
        sink = sink ^ z.view().back();
        return std::size_t{1};
    };
}

// ---- X25519, AES-GCM, ChaCha20-Poly1305 (docs/aead.md, docs/x25519.md) ----------------------
// AES-128-GCM seals a 16 KiB buffer with a 13-byte AAD (a TLS record's), on one implementation:
// portable = bit-sliced AES and the constant-time GHASH; otherwise AES-NI and PCLMULQDQ.
std::function<std::size_t()> prepare_aes128_gcm(bool portable) {
    if (!portable && !(crypto::aes_ni_available() && crypto::ghash_pclmul_available())) return {};
    auto gcm = std::make_shared<crypto::AesGcm>(pattern(16, 8));
    auto iv = std::make_shared<Bytes>(pattern(12, 9));
    auto aad = std::make_shared<Bytes>(pattern(13, 10));
    auto data = std::make_shared<Bytes>(pattern(buffer_size, 11));
    return [gcm, iv, aad, data, portable] {
        const bool aes_before = crypto::aes_force_portable(portable);
        const bool ghash_before = crypto::ghash_force_portable(portable);
        const Bytes out = gcm->seal(*iv, *aad, *data);
        crypto::aes_force_portable(aes_before);
        crypto::ghash_force_portable(ghash_before);
        sink = sink ^ out.back();
        return data->size();
    };
}
std::function<std::size_t()> prepare_aes128_gcm_fast() { return prepare_aes128_gcm(false); }
std::function<std::size_t()> prepare_aes128_gcm_portable() { return prepare_aes128_gcm(true); }

std::function<std::size_t()> prepare_chacha20_poly1305() {
    auto aead = std::make_shared<crypto::ChaCha20Poly1305>(pattern(32, 12));
    auto nonce = std::make_shared<Bytes>(pattern(12, 13));
    auto aad = std::make_shared<Bytes>(pattern(13, 14));
    auto data = std::make_shared<Bytes>(pattern(buffer_size, 15));
    return [aead, nonce, aad, data] {
        sink = sink ^ aead->seal(*nonce, *aad, *data).back();
        return data->size();
    };
}

// One X25519 shared secret (one ladder), as `openssl speed ecdhx25519` counts its operations.
std::function<std::size_t()> prepare_x25519() {
    auto mine = std::make_shared<SecretBytes>(ByteView(pattern(32, 16)));
    auto peer = std::make_shared<crypto::X25519Bytes>(crypto::x25519_public_key(SecretBytes(ByteView(pattern(32, 17)))));
    return [mine, peer] {
        sink = sink ^ crypto::x25519_shared_secret(*mine, *peer).view().back();
        return std::size_t{1};
    };
}

const std::vector<BenchRow>& bench_rows() {
    static const std::vector<BenchRow> rows = {
        // The portable rows are compared with OpenSSL's own code for CPUs without AES-NI (constant-time
        // SSSE3 "vpaes"), like with like: OPENSSL_ia32cap clears its AES-NI (bit 57) and PCLMULQDQ
        // (bit 33) flags. The output names the rows measured that way. The primitive rows alternate
        // with `openssl speed` like the RSA rows: on the shared machine the load moved between the two.
        {"AES-128-CBC encrypt (AES-NI)", Unit::megabytes_per_second, prepare_aes128_cbc_encrypt_ni,
         {"-evp", "aes-128-cbc", "-bytes", "16384"}, "+F", 3, {}, true},
        {"AES-128-CBC encrypt (portable, bit-sliced)", Unit::megabytes_per_second, prepare_aes128_cbc_encrypt_portable,
         {"-evp", "aes-128-cbc", "-bytes", "16384"}, "+F", 3, "OPENSSL_ia32cap=~0x200000200000000", true},
        {"AES-128-CBC decrypt (AES-NI)", Unit::megabytes_per_second, prepare_aes128_cbc_decrypt_ni,
         {"-evp", "aes-128-cbc", "-decrypt", "-bytes", "16384"}, "+F", 3, {}, true},
        {"AES-128-CBC decrypt (portable, bit-sliced)", Unit::megabytes_per_second, prepare_aes128_cbc_decrypt_portable,
         {"-evp", "aes-128-cbc", "-decrypt", "-bytes", "16384"}, "+F", 3, "OPENSSL_ia32cap=~0x200000200000000", true},
        {"SHA-1", Unit::megabytes_per_second, prepare_sha1, {"-evp", "sha1", "-bytes", "16384"}, "+F", 3, {}, true},
        {"SHA-256", Unit::megabytes_per_second, prepare_sha256, {"-evp", "sha256", "-bytes", "16384"}, "+F", 3, {}, true},
        {"HMAC-SHA256", Unit::megabytes_per_second, prepare_hmac_sha256, {"-hmac", "sha256", "-bytes", "16384"},
         "+F", 3, {}, true},
        {"HMAC-SHA256, 64-byte messages", Unit::megabytes_per_second, prepare_hmac_sha256_64,
         {"-hmac", "sha256", "-bytes", "64"}, "+F", 3, {}, true},
        // The RSA private rows: ours (GMP's mpn_sec_powm, then crypto/montgomery.h on each path)
        // beside OpenSSL as it runs here (AVX-512 IFMA where the CPU has it), and with IFMA masked
        // (CPUID.7.0:EBX bit 21, the second word of OPENSSL_ia32cap), and with IFMA, ADX (bit 19),
        // BMI2 (bit 8) and AVX2 (bit 5) masked, OpenSSL's plain x86-64 Montgomery code, beside our
        // portable one. Alternated rounds, so both sides see the same load.
        {"RSA-2048 private (CRT)", Unit::ops_per_second, prepare_rsa2048_private, {"rsa2048"}, "+F2", 3, {}, true},
        {"RSA-2048 private (CRT), OpenSSL without IFMA", Unit::ops_per_second, prepare_rsa2048_private, {"rsa2048"},
         "+F2", 3, "OPENSSL_ia32cap=:~0x200000", true},
        {"RSA-2048 private (CRT, Montgomery MULX/ADX)", Unit::ops_per_second, prepare_rsa2048_montgomery_best,
         {"rsa2048"}, "+F2", 3, "OPENSSL_ia32cap=:~0x200000", true},
        {"RSA-2048 private (CRT, Montgomery portable)", Unit::ops_per_second, prepare_rsa2048_montgomery_portable,
         {"rsa2048"}, "+F2", 3, "OPENSSL_ia32cap=:~0x280120", true},
        {"RSA-2048 public", Unit::ops_per_second, prepare_rsa2048_public, {"rsa2048"}, "+F2", 4},
        {"DH-2048 shared secret", Unit::ops_per_second, prepare_dh2048, {"ffdh2048"}, "+F8", 3},
        {"AES-128-GCM seal (AES-NI, PCLMULQDQ)", Unit::megabytes_per_second, prepare_aes128_gcm_fast,
         {"-evp", "aes-128-gcm", "-bytes", "16384"}, "+F", 3},
        {"AES-128-GCM seal (portable)", Unit::megabytes_per_second, prepare_aes128_gcm_portable,
         {"-evp", "aes-128-gcm", "-bytes", "16384"}, "+F", 3, "OPENSSL_ia32cap=~0x200000200000000"},
        {"ChaCha20-Poly1305 seal", Unit::megabytes_per_second, prepare_chacha20_poly1305,
         {"-evp", "chacha20-poly1305", "-bytes", "16384"}, "+F", 3},
        {"X25519 shared secret", Unit::ops_per_second, prepare_x25519, {"ecdhx25519"}, "+F5", 3},
    };
    return rows;
}

struct Timing {
    std::size_t runs;
    double seconds_per_run;
    std::size_t alternated_rounds;  // for the rows measured beside `openssl speed` in turns
};

// CPU time used by this thread, in seconds. `openssl speed` divides by CPU time too (unless given
// -elapsed), so both figures mean the same thing and other processes on a busy machine distort
// neither.
double cpu_seconds() {
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// How many iterations run between two readings of the clock. Reading CLOCK_THREAD_CPUTIME_ID is a
// system call: 1.35 us on the test machine (rdtsc around 1000 calls), longer than one AES-NI CBC
// decryption of 16 KiB (0.7 us). Read after every iteration, it was half of what the AES-NI decrypt
// row measured and a tenth of the SHA rows; `openssl speed` reads no clock in its loop (an alarm
// stops it). A batch lasts at least 1 ms, so the clock now costs at most 0.2 %. Doubles as the
// warm-up (caches, page faults, lazy initialisation).
std::size_t iterations_per_batch(const std::function<std::size_t()>& iteration) {
    constexpr double min_batch_seconds = 1e-3;
    constexpr std::size_t max_batch = std::size_t{1} << 20;
    iteration();
    std::size_t batch = 1;
    for (;;) {
        const double start = cpu_seconds();
        for (std::size_t i = 0; i < batch; ++i) iteration();
        if (cpu_seconds() - start >= min_batch_seconds || batch >= max_batch) return batch;
        batch *= 2;
    }
}

// The median over timing.runs runs of (work done / CPU time taken). Each run repeats the
// iteration until seconds_per_run have passed, so slow and fast rows get equally reliable figures.
double measure(const std::function<std::size_t()>& iteration, Unit unit, Timing timing) {
    const std::size_t batch = iterations_per_batch(iteration);
    std::vector<double> rates;
    for (std::size_t run = 0; run < timing.runs; ++run) {
        std::size_t work = 0;
        const double start = cpu_seconds();
        double elapsed = 0;
        do {
            for (std::size_t i = 0; i < batch; ++i) work += iteration();
            elapsed = cpu_seconds() - start;
        } while (elapsed < timing.seconds_per_run);
        const double rate = static_cast<double>(work) / elapsed;
        rates.push_back(unit == Unit::megabytes_per_second ? rate / 1e6 : rate);
    }
    std::sort(rates.begin(), rates.end());
    return rates[rates.size() / 2];
}

std::optional<std::filesystem::path> find_on_path(const std::string& program) {
    const char* path = std::getenv("PATH");
    if (path == nullptr) return std::nullopt;
    std::istringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (dir.empty()) continue;
        std::filesystem::path candidate = std::filesystem::path(dir) / program;
        std::error_code ec;
        if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    }
    return std::nullopt;
}

// Runs a command and returns its standard output (standard error is discarded), or nothing if
// it could not run or did not exit with status 0. The command comes from our own table.
std::optional<std::string> command_output(const std::string& command) {
    FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
    if (pipe == nullptr) return std::nullopt;
    std::string out;
    std::array<char, 4096> chunk;
    std::size_t got;
    while ((got = std::fread(chunk.data(), 1, chunk.size(), pipe)) > 0) out.append(chunk.data(), got);
    if (::pclose(pipe) != 0) return std::nullopt;
    return out;
}

// OpenSSL's figure for a row, in the row's unit, from `openssl speed -mr` output.
std::optional<double> openssl_figure(const std::filesystem::path& openssl, const BenchRow& row, int seconds) {
    std::string command = openssl.string() + " speed -mr -seconds " + std::to_string(seconds);
    if (!row.openssl_environment.empty()) command = std::string(row.openssl_environment) + " " + command;
    for (std::string_view arg : row.openssl_args) command += " " + std::string(arg);
    std::optional<std::string> out = command_output(command);
    if (!out) return std::nullopt;
    std::istringstream lines(*out);
    std::string line;
    while (std::getline(lines, line)) {
        std::vector<std::string> fields;
        std::istringstream parts(line);
        std::string field;
        while (std::getline(parts, field, ':')) fields.push_back(field);
        if (fields.empty() || fields[0] != row.openssl_line || fields.size() <= row.openssl_field) continue;
        try {
            const double value = std::stod(fields[row.openssl_field]);
            return row.unit == Unit::megabytes_per_second ? value / 1e6 : value;
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

// Ours and OpenSSL's in alternated rounds (one run of ours, one `openssl speed`, repeated
// timing.alternated_rounds times), the median of each side: a slow moment of a shared machine falls on both.
std::pair<std::optional<double>, std::optional<double>> measure_alternated(
    const std::function<std::size_t()>& iteration, const BenchRow& row, Timing timing,
    const std::optional<std::filesystem::path>& openssl, int openssl_seconds) {
    std::vector<double> ours, theirs;
    for (std::size_t round = 0; round < timing.alternated_rounds; ++round) {
        if (iteration) ours.push_back(measure(iteration, row.unit, Timing{1, timing.seconds_per_run, 1}));
        if (openssl) {
            if (const std::optional<double> figure = openssl_figure(*openssl, row, openssl_seconds)) theirs.push_back(*figure);
        }
        if (!openssl && !iteration) break;
    }
    auto median = [](std::vector<double> v) -> std::optional<double> {
        if (v.empty()) return std::nullopt;
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    return {median(ours), median(theirs)};
}

std::string format_rate(double value, Unit unit) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(1) << value << (unit == Unit::megabytes_per_second ? " MB/s" : " ops/s");
    return s.str();
}

int run_bench_command(const Args& args) {
    if (!args.positional.empty()) throw UsageError("unexpected argument '" + args.positional[0] + "'");
    const bool quick = args.has("quick");
    if (args.has("tls")) {  // whole connections: tools/bench_tls.cpp
        BenchTlsOptions options;
        if (quick) options = BenchTlsOptions{1, 1, 4u << 20, 2};
        if (const std::optional<std::string> rounds = args.value("rounds")) {
            try {
                options.rounds = std::stoi(*rounds);
            } catch (const std::exception&) {
                options.rounds = 0;
            }
            if (options.rounds < 1 || options.rounds > 99) throw UsageError("--rounds must be 1 to 99");
        }
        if (const std::optional<std::string> table = args.value("table")) {
            if (*table != "server" && *table != "client" && *table != "workers") {
                throw UsageError("--table must be server, client or workers");
            }
            options.server_table = *table == "server";
            options.client_table = *table == "client";
            options.workers_table = *table == "workers";
        }
        return run_bench_tls(options);
    }
    const Timing timing = quick ? Timing{3, 0.02, 1} : Timing{5, 0.3, 5};
    const int openssl_seconds = 1;  // the shortest `openssl speed` accepts

    std::optional<std::filesystem::path> openssl;
    if (!args.has("no-openssl")) openssl = find_on_path("openssl");

    std::cout << "lucid bench: median of " << timing.runs << " runs of " << timing.seconds_per_run
              << " s of CPU time per row, " << buffer_size << "-byte buffers; 1 MB = 10^6 bytes\n";
    if (openssl) {
        std::string version = command_output(openssl->string() + " version").value_or("OpenSSL (version unknown)\n");
        if (!version.empty() && version.back() == '\n') version.pop_back();
        std::cout << "compared with " << version << ": openssl speed -mr -seconds " << openssl_seconds << " ...\n";
    } else {
        std::cout << "openssl: " << (args.has("no-openssl") ? "not asked for (--no-openssl)" : "not found on PATH")
                  << "\n";
    }
    const int name_width = 44;
    std::cout << "\n"
              << std::left << std::setw(name_width) << "benchmark" << std::right << std::setw(16) << "lucid"
              << std::setw(16) << "openssl" << std::setw(16) << "lucid/openssl" << "\n";

    std::vector<std::string> footnotes;  // which rows ran `openssl speed` with an environment variable
    const std::optional<std::string> only = args.value("only");
    for (const BenchRow& row : bench_rows()) {
        if (only && std::string_view(row.name).find(*only) == std::string_view::npos) continue;
        const std::function<std::size_t()> iteration = row.prepare();
        std::optional<double> ours, theirs;
        if (row.alternated) {
            std::tie(ours, theirs) = measure_alternated(iteration, row, timing, openssl, openssl_seconds);
        } else {
            if (iteration) ours = measure(iteration, row.unit, timing);
            if (openssl) theirs = openssl_figure(*openssl, row, openssl_seconds);
        }
        if (theirs && !row.openssl_environment.empty()) {
            footnotes.push_back("openssl for '" + std::string(row.name) + "' ran with " +
                                std::string(row.openssl_environment));
        }
        std::cout << std::left << std::setw(name_width) << row.name << std::right << std::setw(16)
                  << (ours ? format_rate(*ours, row.unit) : "not on this CPU") << std::setw(16)
                  << (theirs ? format_rate(*theirs, row.unit) : "-");
        if (ours && theirs && *theirs > 0) {
            std::ostringstream ratio;
            const double r = *ours / *theirs;
            ratio << std::fixed << std::setprecision(r >= 0.01 ? 3 : 5) << r;  // small ratios keep 2 digits
            std::cout << std::setw(16) << ratio.str();
        } else {
            std::cout << std::setw(16) << "-";
        }
        std::cout << "\n" << std::flush;
    }
    for (const std::string& footnote : footnotes) std::cout << footnote << "\n";
    return 0;
}

}  // namespace

extern const Command bench_command = {
    "bench",
    "measure AES-CBC, SHA, HMAC, RSA-2048 and DH-2048 beside OpenSSL's figures from the same run",
    "lucid bench [--quick] [--no-openssl] [--only TEXT] | lucid bench --tls [--rounds N] [--table T] [--quick]",
    {
        {"only", true, "only the rows whose name contains TEXT (\"RSA-2048 private\")"},
        {"table", true, "with --tls: one table, server, client or workers (default: all three)"},
        {"tls", false, "handshakes and 256 MiB transfers: lucid server/client beside openssl s_server/s_client"},
        {"rounds", true, "with --tls: alternated rounds, the median is reported (default 5)"},
        {"quick", false, "short runs (3 x 0.02 s per row; with --tls one 1 s round, 4 MiB) to check the output"},
        {"no-openssl", false, "do not run `openssl speed` for comparison"},
    },
    run_bench_command,
};

}  // namespace lucid::tools
