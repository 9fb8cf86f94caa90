// Diffie-Hellman parameter files: PKCS #3 DHParameter, the "-----BEGIN DH PARAMETERS-----" files
// that `openssl dhparam` writes and servers load (`lucid server --dhparam F`).
//
//   DHParameter ::= SEQUENCE {                   -- PKCS #3 v1.4 §9
//       prime INTEGER,                           -- p
//       base INTEGER,                            -- g
//       privateValueLength INTEGER OPTIONAL }    -- bits of the private value, if limited
//
// The parser checks the encoding (strict DER) and the shape (p odd and at least 5, 1 < g < p-1);
// whether p is prime is the caller's question (it needs a random source: crypto/prime.h).
// The X9.42 form ("X9.42 DH PARAMETERS", with q) is not read.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "crypto/bytes.h"
#include "crypto/dh_groups.h"

namespace lucid::x509 {

struct DhParameters {
    crypto::BigInt p;
    crypto::BigInt g;
    std::optional<std::size_t> private_value_length;  // bits, when the file limits it

    // A DhGroup named `name`. privateValueLength is not used: the group gets exponent_bits 0
    // (private values from the full range), the safe choice for a group of unknown structure.
    crypto::DhGroup group(std::string name) const;
};

// The DER of one DHParameter. Throws x509::DecodeError with the offset.
DhParameters parse_dh_parameters_der(ByteView der);
// A file: PEM (the first "DH PARAMETERS" block) or DER.
DhParameters parse_dh_parameters(ByteView file_contents);
// The DER and the PEM text of p and g (no privateValueLength), as `openssl dhparam` writes them.
Bytes encode_dh_parameters(const crypto::BigInt& p, const crypto::BigInt& g);
std::string dh_parameters_pem(const crypto::BigInt& p, const crypto::BigInt& g);

}  // namespace lucid::x509
