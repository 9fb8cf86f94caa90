// A reader for the RSA Laboratories test-vector text of pkcs1v15crypt-vectors.txt and
// pkcs1v15sign-vectors.txt (derived from the PKCS #1 v2.1 OAEP/PSS example files):
//
//   # Example 1: A 1024-bit RSA key pair      a new key begins (a label with no bytes)
//   # Modulus:                                a labelled value: the label line ...
//   a8 b3 b2 84 af 8e b5 0b 38 70 34 a8 ...   ... then lines of hex bytes separated by spaces,
//   ...                                       ended by a blank line or the next '#' line
//
// Free text (the preamble, "# PKCS#1 v1.5 Encryption Example 1.2", "# -----") is skipped: only a
// '#' line ending in ':' starts a value. The reader keeps every value in file order with its line.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/rsa.h"

namespace lucid::conformance {

struct RsaLabsValue {
    std::size_t line = 0;  // of the label
    std::string label;     // "Modulus", "Prime exponent 1", "Example 1", ...
    Bytes bytes;           // empty for a label with no hex lines (such as "Example 1")
};

// Throws lucid::Error naming the line if a value line is not hex bytes.
std::vector<RsaLabsValue> parse_rsa_labs_text(std::string_view text);

// Follows the key values through the file. Each key appears as "Example N:", a public part
// (Modulus, Exponent) and a private part (Modulus, Public exponent, Exponent = d, Prime 1, Prime 2,
// Prime exponent 1, Prime exponent 2, Coefficient); the key is built when Coefficient arrives.
class RsaLabsKeys {
public:
    // Returns true if the value belonged to a key (the caller then ignores it). Throws
    // lucid::Error naming the line if the finished key is inconsistent.
    bool take(const RsaLabsValue& value);
    // The last complete key; throws if none has been read yet.
    const crypto::RsaPrivateKey& key() const;

private:
    std::map<std::string, Bytes> fields_;
    std::optional<crypto::RsaPrivateKey> key_;
};

}  // namespace lucid::conformance
