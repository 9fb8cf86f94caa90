// Reading and writing the files of a PKI for the `lucid` commands: certificates, keys, trust
// bundles. x509/ parses bytes and does no I/O; this is where the bytes come from and go to.
// Every failure is a UsageError naming the file and the problem (exit status 2).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "crypto/secret.h"
#include "tools/args.h"
#include "x509/asn1_time.h"
#include "x509/certificate.h"
#include "x509/trust_store.h"

namespace lucid::tools {

// The whole file ("-" is standard input).
Bytes read_file(const std::string& path);
// The same into memory that is wiped when freed, for private keys.
SecretBytes read_secret_file(const std::string& path);
// Writes (replacing) a file; secret files are created with mode 0600. "-" is standard output.
void write_file(const std::string& path, ByteView data, bool secret = false);

// Every certificate of a PEM or DER file.
std::vector<x509::Certificate> load_certificates(const std::string& path);
// A PEM bundle as trust anchors: the file given, or the system bundle (x509/trust_store.h).
x509::TrustStore load_trust_store(const std::optional<std::string>& path);
// An RSA private key: PEM or DER, PKCS #1 or PKCS #8.
crypto::RsaPrivateKey load_private_key(const std::string& path);

// --NAME as a time (ISO 8601, "2026-01-01T00:00:00Z" or "2026-01-01"), or nothing.
std::optional<x509::Time> time_flag(const Args& args, std::string_view name);
// The system clock, as the validators' time.
x509::Time time_now();

// Where a key generator gets its randomness: the OS, or with --seed an HMAC_DRBG (SP 800-90A
// §10.1.2) over the seed and this personalization string, so that a lesson can be replayed.
std::unique_ptr<crypto::RandomSource> key_random(const std::optional<Bytes>& seed, std::string_view personalization);

}  // namespace lucid::tools
