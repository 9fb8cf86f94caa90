// A statistical timing benchmark in the style of dudect (Reparaz, Balasch & Verbauwhede, "Dude,
// is my code constant time?", 2017): a benchmark, not a test. It prints t values; it does not
// pass or fail (a shared, noisy machine makes any threshold a coin toss). docs/robustness.md.
//
// For each operation, two classes of inputs are timed in random interleaving:
//   fixed   one input, always the same (the interesting case: a valid padding, a good premaster);
//   random  fresh random inputs (mostly bad padding, bad premaster).
// If the time does not depend on the input, both classes have the same distribution, and Welch's t
// statistic stays small. dudect's reading: |t| below about 4.5 gives no evidence of a leak, above
// 10 is a leak. As dudect does, t is also computed on the measurements under several percentiles
// (cropping the long tail that interrupts and cache misses add) and the largest |t| is reported.
//
//   ct_timing [SAMPLES]    (default 20000 for the record path, a tenth of it for RSA)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "crypto/rsa_pkcs1_encryption.h"
#include "crypto/rsa_tls_premaster.h"
#include "record/cipher_state.h"
#include "tests/record/cipher_specs.h"
#include "record/record.h"
#include "record/tls_error.h"
#include "x509/private_key.h"

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
static std::uint64_t ticks() {
    unsigned aux;
    return __rdtscp(&aux);
}
#else
static std::uint64_t ticks() {
    return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
}
#endif

namespace {

using namespace lucid;

struct Welch {
    double n[2] = {0, 0}, mean[2] = {0, 0}, m2[2] = {0, 0};
    void add(int cls, double x) {  // Welford's online mean and variance
        n[cls] += 1;
        const double d = x - mean[cls];
        mean[cls] += d / n[cls];
        m2[cls] += d * (x - mean[cls]);
    }
    double t() const {
        if (n[0] < 2 || n[1] < 2) return 0;
        const double v0 = m2[0] / (n[0] - 1), v1 = m2[1] / (n[1] - 1);
        const double se = std::sqrt(v0 / n[0] + v1 / n[1]);
        return se == 0 ? 0 : (mean[0] - mean[1]) / se;
    }
};

// Runs `samples` measurements; classes drawn at random; prints the t values.
void measure(const std::string& name, std::size_t samples, const std::function<Bytes(int)>& make_input,
             const std::function<void(const Bytes&)>& operation) {
    crypto::OsRandom rng;
    std::vector<int> cls(samples);
    std::vector<Bytes> inputs(samples);
    for (std::size_t i = 0; i < samples; ++i) {
        std::uint8_t b[1];
        rng.fill(b);
        cls[i] = b[0] & 1;
        inputs[i] = make_input(cls[i]);
    }
    for (std::size_t i = 0; i < std::min<std::size_t>(samples, 50); ++i) operation(inputs[i]);  // warm up
    std::vector<double> times(samples);
    for (std::size_t i = 0; i < samples; ++i) {
        const std::uint64_t start = ticks();
        operation(inputs[i]);
        times[i] = static_cast<double>(ticks() - start);
    }
    std::vector<double> sorted = times;
    std::sort(sorted.begin(), sorted.end());
    std::printf("%s (%zu samples, fixed vs random, Welch's t):\n", name.c_str(), samples);
    double worst = 0;
    for (double pct : {100.0, 99.0, 90.0, 75.0, 50.0}) {
        const double cut = sorted[std::min(samples - 1, static_cast<std::size_t>(samples * pct / 100.0))];
        Welch w;
        for (std::size_t i = 0; i < samples; ++i)
            if (pct == 100.0 || times[i] <= cut) w.add(cls[i], times[i]);
        std::printf("  measurements <= p%-3.0f  t = %7.2f   mean fixed %.0f, random %.0f ticks\n", pct, w.t(),
                    w.mean[0], w.mean[1]);
        worst = std::max(worst, std::fabs(w.t()));
    }
    std::printf("  max |t| = %.2f  (%s)\n\n", worst,
                worst < 4.5 ? "no evidence of a timing difference" : worst < 10 ? "suspicious: run longer" : "a timing difference");
}

const crypto::RsaPrivateKey& server_key() {
    static const crypto::RsaPrivateKey key = [] {
        std::FILE* f = std::fopen(LUCID_VECTORS_DIR "/tls/data/lucid-server.key", "rb");
        if (!f) throw Error("ct_timing: cannot read vectors/tls/data/lucid-server.key");
        std::string text;
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
        std::fclose(f);
        return x509::parse_private_key(as_bytes(text));
    }();
    return key;
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t samples = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 20000;
    crypto::OsRandom rng;

    // Lucky Thirteen (AlFardan & Paterson 2013): CBC unprotect, AES-128 HMAC-SHA1, TLS 1.2, 1024
    // bytes of fragment. Fixed: a record whose padding is the longest valid one (255) but whose MAC
    // is wrong, the case the attack times against. Random: random fragments (bad padding, mostly).
    {
        const record::CipherSpec spec = record::test::spec_for(record::BulkCipher::aes_128_cbc, record::MacAlgorithm::hmac_sha1);
        record::TrafficKeys keys{SecretBytes(Bytes(20, 1)), SecretBytes(Bytes(16, 2)), SecretBytes(Bytes(16, 3))};
        auto reader = record::make_cipher_state(spec, record::tls12, keys);
        // 1024 = IV + 63 blocks; plaintext 1008 = content 732 + MAC 20 + 256 bytes of padding.
        Bytes content(732, 0x61);
        crypto::HmacDrbg iv_rng(as_bytes("timing"), as_bytes("nonce"), {});
        auto writer = record::make_cipher_state(spec, record::tls12, keys);
        static_cast<record::CbcHmacCipherState&>(*writer).set_extra_padding_blocks(15);
        Bytes fixed = writer->protect(record::ContentType::application_data, record::tls12, 0, content, iv_rng);
        fixed[100] ^= 1;  // garbles content blocks 6 and 7: the MAC fails, the padding stays good
        measure("CBC unprotect, AES-128-CBC HMAC-SHA1 (Lucky Thirteen path)", samples,
                [&](int cls) {
                    if (cls == 0) return fixed;
                    Bytes r(fixed.size());
                    rng.fill(r);
                    return r;
                },
                [&](const Bytes& fragment) {
                    try {
                        reader->unprotect(record::ContentType::application_data, record::tls12, 0, fragment);
                    } catch (const record::TlsError&) {
                    }
                });
    }

    // Bleichenbacher (1998), ROBOT (2018): the RSA premaster decryption. Fixed: a well-formed
    // premaster for client_version 3.3. Random: random values below n (bad padding, almost always).
    {
        const crypto::RsaPrivateKey& key = server_key();
        Bytes premaster(48, 0x42);
        premaster[0] = 3;
        premaster[1] = 3;
        const Bytes fixed = crypto::rsaes_pkcs1_v15_encrypt(key.public_key(), premaster, rng);
        crypto::HmacDrbg op_rng(as_bytes("timing rsa"), as_bytes("nonce"), {});
        measure("RSA premaster decryption, 2048-bit key (Bleichenbacher path)", std::max<std::size_t>(samples / 10, 100),
                [&](int cls) {
                    if (cls == 0) return fixed;
                    Bytes r(key.size_bytes());
                    rng.fill(r);
                    r[0] = 0x00;  // below n
                    return r;
                },
                [&](const Bytes& c) { crypto::decrypt_tls_premaster(op_rng, key, c, 3, 3); });
    }
    return 0;
}
