// Fuzz target: key files (x509/private_key.h): RSA private keys in PKCS #1 and PKCS #8, PEM or
// DER, and public keys (SubjectPublicKeyInfo, PKCS #1, or the key inside a certificate).
// The keys come out as crypto/rsa.h types, which check that the numbers belong together; a
// fuzzed key with huge numbers must be refused before any slow arithmetic runs on it.
#include "fuzz/fuzz_support.h"
#include "x509/private_key.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lucid;
    ByteView in = fuzz::input(data, size);
    fuzz::rejecting_is_fine([&] { x509::parse_private_key(in); });
    fuzz::rejecting_is_fine([&] { x509::parse_rsa_private_key_pkcs1(in); });
    fuzz::rejecting_is_fine([&] { x509::parse_private_key_pkcs8(in); });
    fuzz::rejecting_is_fine([&] { x509::parse_public_key(in); });
    return 0;
}
