// Fuzz target: certificate parsing (x509/certificate.h, RFC 5280 §4.1) and chain validation
// (x509/validation.h, RFC 5280 §6.1), host name matching included.
//
// Input: one byte of options, then DER certificates back to back, leaf first (the way a TLS
// Certificate message lists them). Option bit 0: trust the repository's test CA
// (vectors/tls/data/lucid-ca.pem; its real chain is in the seed corpus, so a valid path is
// reachable) or the last certificate of the input (then the path builder and the checks under the
// anchor see fuzzed anchors). Bit 1: purpose clientAuth instead of serverAuth.
#include <vector>

#include "fuzz/fuzz_support.h"
#include "x509/certificate.h"
#include "x509/der.h"
#include "x509/trust_store.h"
#include "x509/validation.h"

namespace {

using namespace lucid;

const x509::TrustStore& test_ca() {
    static const x509::TrustStore store = x509::TrustStore::from_pem_bundle(fuzz::vectors_file("tls/data/lucid-ca.pem"));
    return store;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::uint8_t options = data[0];
    ByteView rest = fuzz::input(data + 1, size - 1);

    // Split into TLVs the way a reader of concatenated DER would; each is one received certificate.
    std::vector<Bytes> received;
    fuzz::rejecting_is_fine([&] {
        x509::DerReader r(rest);
        while (!r.empty() && received.size() < 10) {
            x509::Element e = r.read();
            received.emplace_back(e.encoding.begin(), e.encoding.end());
        }
    });
    if (received.empty()) return 0;

    for (const Bytes& der : received) {
        fuzz::rejecting_is_fine([&] {
            x509::Certificate c = x509::Certificate::parse(der);
            c.subject_text();
            c.is_self_issued();
        });
    }
    fuzz::rejecting_is_fine([&] { x509::parse_certificates(rest); });

    fuzz::rejecting_is_fine([&] {
        x509::TrustStore fuzzed_anchor;
        if (options & 1) fuzzed_anchor.add(x509::Certificate::parse(received.back()));
        const x509::TrustStore& anchors = (options & 1) ? fuzzed_anchor : test_ca();
        x509::ValidationOptions o;
        o.at = x509::Time::from_unix(1893456000);  // 2030-01-01, inside the test chain's validity
        o.purpose = (options & 2) ? x509::Purpose::client_auth : x509::Purpose::server_auth;
        o.host = "localhost";
        x509::ValidatedChain chain = x509::validate_chain(received, anchors, o);
        chain.describe();
    });
    return 0;
}
