// --seed HEX: deterministic mode. Where `lucid client` and `lucid server` get their randomness and
// their clock, so that the same seed against the same peer behaviour gives the same bytes.
//
// Without a seed: the OS generator (getrandom) and the real clock.
// With a seed, for each connection:
//   random = HMAC_DRBG (SP 800-90A Rev. 1 §10.1.2, SHA-256) instantiated with
//              entropy_input          = the seed bytes, as given
//              nonce                  = "lucidtls deterministic mode" (ASCII)
//              personalization_string = "lucid client" for the client,
//                                       "lucid server connection N" for the server's N-th
//                                       connection (N = 1, 2, ...), so each connection of a
//                                       server is reproducible on its own; with --reconnect,
//                                       "lucid client connection N" for the client's N-th
//                                       connection after the first
//   clock  = fixed at deterministic_time (2024-01-01T00:00:00Z): it is what goes into
//            gmt_unix_time of the Random (RFC 5246 §7.4.1.2).
// The client still checks certificates against the real time (ClientConfig::validation_time),
// because that changes no byte on the wire, only whether an expired certificate is accepted.
//
// A seed is NOT secret-quality entropy: anyone who knows it can recompute every key. It exists for
// teaching and for tests.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "crypto/bytes.h"
#include "crypto/random.h"
#include "handshake/engine.h"

namespace lucid::tools {

inline constexpr std::int64_t deterministic_time = 1704067200;  // 2024-01-01T00:00:00Z
inline constexpr std::string_view deterministic_nonce = "lucidtls deterministic mode";

// The generator for one connection: HMAC_DRBG over the seed with `personalization`, or the OS
// generator when there is no seed.
std::unique_ptr<crypto::RandomSource> make_random(const std::optional<Bytes>& seed,
                                                  std::string_view personalization);

// The fixed clock with a seed, the system clock without.
handshake::Clock make_clock(const std::optional<Bytes>& seed);

// Seconds since the Unix epoch, now.
std::int64_t unix_time_now();

}  // namespace lucid::tools
