// SHA-1 (FIPS 180-4 §6.1). Most code reaches it through crypto/hash.h:
// make_hash(HashAlgorithm::sha1) is the same object as make_sha1().
#pragma once

#include <memory>

#include "crypto/hash.h"

namespace lucid::crypto {

std::unique_ptr<Hash> make_sha1();

}  // namespace lucid::crypto
