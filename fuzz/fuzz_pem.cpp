// Fuzz target: PEM (x509/pem.h, RFC 7468) and the base64 under it (RFC 4648 §4), both ways:
// whatever decodes must encode back to the same DER.
#include "fuzz/fuzz_support.h"
#include "x509/pem.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lucid;
    std::string_view t = fuzz::text(data, size);
    x509::looks_like_pem(fuzz::input(data, size));
    fuzz::rejecting_is_fine([&] {
        for (const x509::PemBlock& b : x509::pem_decode_all(t)) {
            // The round trip: the reader is strict, so a block has exactly one encoding.
            std::vector<x509::PemBlock> again = x509::pem_decode_all(x509::pem_encode(b.label, b.der));
            if (again.size() != 1 || again[0].der != b.der || again[0].label != b.label) __builtin_trap();
        }
    });
    fuzz::rejecting_is_fine([&] {
        Bytes raw = x509::base64_decode(t);
        if (x509::base64_decode(x509::base64_encode(raw)) != raw) __builtin_trap();
    });
    return 0;
}
