// MD5 (RFC 1321). Broken for collisions; lucidtls has it only for the TLS 1.0/1.1 PRF and the
// TLS 1.0/1.1 RSA signature (MD5 || SHA-1). Most code reaches it through crypto/hash.h.
#pragma once

#include <memory>

#include "crypto/hash.h"

namespace lucid::crypto {

std::unique_ptr<Hash> make_md5();

}  // namespace lucid::crypto
