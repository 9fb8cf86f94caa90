// The TLS pseudorandom function: how TLS turns one secret into as many bytes as it needs.
//
// How it is used: key_schedule.h calls prf() for the master secret, the key block and Finished;
// `lucid prf` calls it directly. Pick the PrfAlgorithm from the negotiated version and suite:
// TLS 1.0 and 1.1 always use md5_sha1; TLS 1.2 uses the suite's PRF hash (SHA-256 for every
// suite lucidtls has, SHA-384 for the *_SHA384 suites).
//
// RFC 5246 §5 (TLS 1.2):
//   P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) + HMAC_hash(secret, A(2) + seed) + ...
//   A(0) = seed,  A(i) = HMAC_hash(secret, A(i-1))
//   PRF(secret, label, seed) = P_<hash>(secret, label + seed)
//
// RFC 2246 §5 (TLS 1.0, unchanged in RFC 4346 for TLS 1.1):
//   S1, S2 = the first and last halves of secret (sharing the middle byte if its length is odd)
//   PRF(secret, label, seed) = P_MD5(S1, label + seed) XOR P_SHA-1(S2, label + seed)
//
// Nothing here prints. PrfInputs carries the public inputs of a call for a teaching trace; the
// secret stays with the caller, who shows it only with --show-secrets.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/bytes.h"
#include "crypto/hash.h"
#include "crypto/secret.h"

namespace lucid::handshake {

enum class PrfAlgorithm {
    tls10_md5_sha1,  // RFC 2246 §5, TLS 1.0 and 1.1
    tls12_sha256,    // RFC 5246 §5 with SHA-256
    tls12_sha384,    // RFC 5246 §5 with SHA-384 (RFC 5289 suites)
};

// "md5-sha1", "sha256", "sha384": the names of `lucid prf --hash` and of vectors/prf/.
std::string_view prf_name(PrfAlgorithm alg);
// Accepts those names in any case, and "MD5-SHA1", "SHA-256", "SHA-384". Empty if unknown.
std::optional<PrfAlgorithm> prf_from_name(std::string_view name);

// RFC 5246 §5: P_hash(secret, seed), length bytes.
SecretBytes p_hash(crypto::HashAlgorithm hash, ByteView secret, ByteView seed, std::size_t length);

// PRF(secret, label, seed), length bytes. The label is ASCII without a terminator (§5: "label is
// an ASCII string ... not including a trailing null").
SecretBytes prf(PrfAlgorithm alg, ByteView secret, std::string_view label, ByteView seed, std::size_t length);

// The public inputs of one PRF call, for the trace: PRF(<secret>, label, seed)[0..length).
struct PrfInputs {
    PrfAlgorithm algorithm = PrfAlgorithm::tls12_sha256;
    std::string label;
    Bytes seed;  // without the label
    std::size_t length = 0;
};

}  // namespace lucid::handshake
