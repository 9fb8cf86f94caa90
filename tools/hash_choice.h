// The ALG argument of `lucid hash` and `lucid hmac`: the first positional argument, a name of
// crypto/hash.h (md5 sha1 sha224 sha256 sha384 sha512, any case, "SHA-256" also accepted).
#pragma once

#include "crypto/hash.h"
#include "tools/args.h"

namespace lucid::tools {

// Throws UsageError naming the unknown algorithm and listing the known ones.
crypto::HashAlgorithm hash_choice(const Args& args);

}  // namespace lucid::tools
