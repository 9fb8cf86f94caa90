// SHA-384 and SHA-512 (FIPS 180-4 §6.4, §6.5). Most code reaches them through crypto/hash.h:
// make_hash(HashAlgorithm::sha512) is the same object as make_sha512().
#pragma once

#include <memory>

#include "crypto/hash.h"

namespace lucid::crypto {

std::unique_ptr<Hash> make_sha384();
std::unique_ptr<Hash> make_sha512();

}  // namespace lucid::crypto
