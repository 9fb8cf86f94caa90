// The server's decryption of the RSA-encrypted premaster secret, RFC 5246 §7.4.7.1, written as
// the Bleichenbacher (1998) countermeasure that the RFC describes and ROBOT (Böck, Somorovsky &
// Young 2018) showed is still needed: nineteen years later, many servers still leaked whether the
// PKCS#1 padding was good, by an alert, a timing difference or a closed connection, and so let an
// attacker decrypt recorded sessions and sign with the server's key.
//
// The RFC's rule: "a TLS server MUST NOT generate an alert if processing an RSA-encrypted
// premaster secret message fails, or the version number is not as expected. Instead, it MUST
// continue the handshake with a randomly generated premaster secret."
//
// So this function:
//   1. draws a random 48-byte premaster R *before* it decrypts (drawing it afterwards, only on
//      failure, would itself be a timing signal);
//   2. decrypts, and checks the block type, the padding bytes, the separator, the length of the
//      message and the two version bytes, each as a constant-time mask, never a branch;
//   3. copies the decrypted premaster over R with ct::conditional_copy when every check passed;
//   4. returns 48 bytes in every case: no error, no early return, no distinct result for bad input.
// A wrong premaster then shows up only later, as a Finished message that fails to verify, exactly
// as for a client that simply used a different premaster.
#pragma once

#include <cstdint>

#include "crypto/bytes.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "crypto/secret.h"

namespace lucid::crypto {

inline constexpr std::size_t tls_premaster_size = 48;

// client_version_major/minor: ClientHello.client_version, the version the client offered (not the
// negotiated one), which RFC 5246 §7.4.7.1 puts in the first two bytes of the premaster.
// The ciphertext may have any length and any value: a wrong length or a value >= n gives the
// random premaster like any other fault (both are public, but are handled the same way so that
// there is exactly one path). The only exception that can escape is the RSA fault check of
// crypto/rsa.h, which signals broken hardware, not bad input.
SecretBytes decrypt_tls_premaster(RandomSource& rng, const RsaPrivateKey& key, ByteView ciphertext,
                                  std::uint8_t client_version_major, std::uint8_t client_version_minor);

}  // namespace lucid::crypto
