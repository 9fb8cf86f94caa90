// HMAC over a message whose length is secret: the Lucky Thirteen countermeasure of CBC records.
//
// How it is used: CbcHmacCipherState::unprotect() knows the decrypted record's length n (public)
// but not where the content ends, because that depends on the padding_length byte, which is
// secret until the MAC has been checked. It calls hmac_secret_length() with the public range in
// which the content length can lie and the secret length itself; the work done (bytes hashed,
// compression-function calls, memory touched) depends only on the public arguments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "crypto/bytes.h"
#include "crypto/hash.h"
#include "crypto/secret.h"

namespace lucid::record {

// RFC 2104 HMAC(key, header || data[0..length)), written to out (digest_size(alg) bytes).
//   header      hashed whole; its size is public, its contents may be secret
//   data        at least max_length bytes; the bytes past length are read but not MACed
//   length      SECRET, and the caller guarantees min_length <= length <= max_length (it cannot
//               be checked with a branch; outside the range out would match no candidate)
//   min_length, max_length  public; throws lucid::Error if min_length > max_length or
//               data is shorter than max_length
void hmac_secret_length(crypto::HashAlgorithm alg, ByteView key, ByteView header, ByteView data,
                        std::uint32_t length, std::size_t min_length, std::size_t max_length,
                        MutableByteView out);

// The same, keyed once: a CBC cipher state keeps one for its MAC key, so that a record costs no
// key set-up and no allocation (every hash state is made here, once, and reused). The work per
// call, and what it depends on, is exactly hmac_secret_length()'s.
class SecretLengthHmac {
public:
    SecretLengthHmac(crypto::HashAlgorithm alg, ByteView key);
    std::size_t mac_size() const { return digest_size_; }
    // hmac_secret_length(alg, key, header, data, length, min_length, max_length, out)
    void compute(ByteView header, ByteView data, std::uint32_t length, std::size_t min_length,
                 std::size_t max_length, MutableByteView out);

private:
    std::size_t digest_size_;
    std::unique_ptr<crypto::Hash> inner_keyed_;  // after K xor ipad (RFC 2104 steps 1-2); secret
    std::unique_ptr<crypto::Hash> outer_keyed_;  // after K xor opad (step 5); secret
    std::unique_ptr<crypto::Hash> inner_, finished_, outer_;  // the working copies of each call
    SecretBytes selected_, candidate_;
};

}  // namespace lucid::record
