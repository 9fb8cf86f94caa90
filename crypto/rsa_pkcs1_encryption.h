// RSAES-PKCS1-v1_5, RFC 8017 §7.2: encryption with random nonzero padding, and decryption for
// general use.
//
//   EM = 0x00 || 0x02 || PS || 0x00 || M      (k bytes; PS: at least 8 random nonzero bytes)
//
// Decryption here reports bad padding as an error, which is right for a file or a command line but
// WRONG for a server that decrypts what anyone sends it: an attacker who can tell "bad padding"
// from "good padding", by the error, its timing or what happens next, can decrypt any ciphertext
// with about a million queries (Bleichenbacher 1998). The TLS server uses
// crypto/rsa_tls_premaster.h instead, which never tells.
#pragma once

#include "crypto/bytes.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "crypto/secret.h"

namespace lucid::crypto {

// RFC 8017 §7.2.1 RSAES-PKCS1-V1_5-ENCRYPT. Throws "message too long" if mLen > k - 11.
// PS is drawn from rng in one call of k - mLen - 3 bytes; any zero byte is then replaced, one
// byte per further call, until none is left (so a recorded seed replays exactly).
Bytes rsaes_pkcs1_v15_encrypt(const RsaPublicKey& key, ByteView message, RandomSource& rng);

// RFC 8017 §7.2.2 RSAES-PKCS1-V1_5-DECRYPT. Throws lucid::Error "decryption error" (the same
// sentence whatever was wrong, as §7.2.2 asks) if the ciphertext has the wrong length or the
// padding is not valid. The padding is checked in constant time; only the final verdict branches.
// rng provides the blinding of RSADP.
SecretBytes rsaes_pkcs1_v15_decrypt(const RsaPrivateKey& key, ByteView ciphertext, RandomSource& rng);

}  // namespace lucid::crypto
