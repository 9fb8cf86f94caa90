// The hash functions lucidtls uses, behind one streaming interface.
//
// SHA-1 and the SHA-2 family follow FIPS 180-4; MD5 follows RFC 1321 and exists only because the
// TLS 1.0/1.1 PRF and the TLS 1.0/1.1 RSA signature need it. Every implementation lives in its own
// file (sha1.cpp, sha256.cpp, sha512.cpp, md5.cpp) and is checked against the published vectors.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>

#include "crypto/bytes.h"

namespace lucid::crypto {

enum class HashAlgorithm { md5, sha1, sha224, sha256, sha384, sha512 };

// "sha256", "sha1" ...: the names used on the command line and in vector files.
std::string_view hash_name(HashAlgorithm alg);
// Accepts the names above in any case, and "SHA-256" style with a dash. Empty if unknown.
std::optional<HashAlgorithm> hash_from_name(std::string_view name);

class Hash {
public:
    virtual ~Hash() = default;
    virtual HashAlgorithm algorithm() const = 0;
    virtual std::size_t digest_size() const = 0;  // bytes
    virtual std::size_t block_size() const = 0;   // bytes per compression-function call
    virtual void update(ByteView data) = 0;
    // Writes the digest (digest_size() bytes) and resets the object to its initial state.
    virtual void final(MutableByteView out) = 0;
    virtual void reset() = 0;
    // A copy of the running state: the TLS handshake hash needs the digest "so far" while it goes on.
    virtual std::unique_ptr<Hash> clone() const = 0;
    // Becomes a copy of other's running state, like clone() but into this object, with no
    // allocation: for loops that restart from a saved state (record/secret_length_hmac.cpp).
    // Throws lucid::Error if other is another algorithm.
    virtual void assign(const Hash& other) = 0;

    Bytes final() {
        Bytes out(digest_size());
        final(out);
        return out;
    }
};

std::unique_ptr<Hash> make_hash(HashAlgorithm alg);

// One-shot digest.
Bytes digest(HashAlgorithm alg, ByteView data);

std::size_t digest_size(HashAlgorithm alg);
std::size_t block_size(HashAlgorithm alg);

}  // namespace lucid::crypto
