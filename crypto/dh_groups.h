// The finite-field Diffie-Hellman groups lucidtls knows by name, with their primes written out as
// hex text, as the RFCs print them, so that a reader can compare them line by line:
//
//   ffdhe2048 ... ffdhe8192           RFC 7919 Appendix A.1 to A.5 (the TLS "FFDHE" groups)
//   modp2048                          RFC 3526 §3 (the IKE "group 14")
//
// The ffdhe6144 and ffdhe8192 primes were copied from OpenSSL 3 (`openssl genpkey -genparam
// -algorithm DH -pkeyopt group:ffdhe8192`) and their last 271 / 311 bytes, where they differ from
// ffdhe4096, compared with GnuTLS's lib/dh-primes.c. All six primes are safe primes (p = 2q + 1 with q prime), generator 2. tests/crypto/
// test_dh_groups.cpp checks that p and (p-1)/2 are prime, so that a typing error cannot hide.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "crypto/bignum.h"

namespace lucid::crypto {

// A group: a prime p and a generator g, and how long a private exponent to draw.
struct DhGroup {
    std::string name;  // "ffdhe2048", or "server-chosen" for a group received in ServerKeyExchange
    BigInt p;
    BigInt g;
    // Bits of the private exponent x. Named groups use the short exponents their RFC recommends
    // (RFC 7919 §5.2 and Appendix A; RFC 3526 §8), which is safe because p is a safe prime so every
    // element other than 1 and p-1 has an order of at least q. 0 means "x uniform in [2, p-2]",
    // the only safe choice for a group whose structure we do not know.
    std::size_t exponent_bits = 0;

    std::size_t bits() const { return bit_length(p); }
};

enum class NamedDhGroup { ffdhe2048, ffdhe3072, ffdhe4096, ffdhe6144, ffdhe8192, modp2048 };

struct NamedDhGroupInfo {
    NamedDhGroup id;
    std::string_view name;        // "ffdhe2048"
    std::string_view source;      // "RFC 7919 Appendix A.1"
    std::string_view prime_hex;   // the prime as printed in the RFC (spaces and newlines ignored)
    unsigned generator;
    std::size_t exponent_bits;    // see DhGroup::exponent_bits
    std::uint16_t tls_named_group;  // RFC 7919 §8 NamedGroup code point; 0 if none
};

// Every named group, in the order above.
std::span<const NamedDhGroupInfo> named_dh_groups();
const NamedDhGroupInfo& named_dh_group_info(NamedDhGroup id);
// The group with its numbers parsed.
DhGroup named_dh_group(NamedDhGroup id);
// "ffdhe2048", "modp2048" (also "group14"), any case. Empty if unknown.
std::optional<NamedDhGroup> dh_group_from_name(std::string_view name);

}  // namespace lucid::crypto
