// SHA-224 and SHA-256 (FIPS 180-4 §6.2, §6.3). Most code reaches them through crypto/hash.h:
// make_hash(HashAlgorithm::sha256) is the same object as make_sha256().
#pragma once

#include <memory>

#include "crypto/hash.h"

namespace lucid::crypto {

std::unique_ptr<Hash> make_sha224();
std::unique_ptr<Hash> make_sha256();

}  // namespace lucid::crypto
