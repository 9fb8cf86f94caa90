// PEM, RFC 7468: DER in base64 between two lines that name what it is.
//
//   -----BEGIN CERTIFICATE-----
//   MIIDazCCAlOgAwIBAgIU...          base64 (RFC 4648 §4), 64 characters a line
//   -----END CERTIFICATE-----
//
// Text outside the BEGIN/END lines is ignored (RFC 7468 §2: "parsers MUST ignore" it), so a file
// may carry comments or several blocks (a chain, a CA bundle). Inside a block the reader is
// strict: only base64 characters and line breaks, '=' padding only at the very end, the unused
// low bits of the last character zero (RFC 4648 §3.5, so each block has one encoding), matching
// BEGIN/END labels, and no RFC 1421 headers (an encrypted legacy key has "Proc-Type:" there).
// Errors carry the byte offset into the text and name the line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/secret.h"

namespace lucid::x509 {

struct PemBlock {
    std::string label;  // "CERTIFICATE", "PRIVATE KEY", "RSA PRIVATE KEY", "PUBLIC KEY" ...
    Bytes der;
    std::size_t line = 0;  // 1-based line of the BEGIN line
};

// Every block in the text, in order (possibly none).
std::vector<PemBlock> pem_decode_all(std::string_view text);
// True when the input contains a BEGIN line: how lucid tells PEM from DER in a file.
bool looks_like_pem(ByteView data);
// Why `data` can be neither PEM nor DER, when that is plain from its first bytes (text without a
// "-----BEGIN" line, such as a README): "neither PEM (no \"-----BEGIN\" line) nor DER (...)".
// Empty when it may be either, so that the DER parser names the precise problem.
std::string neither_pem_nor_der(ByteView data);

// RFC 4648 §4 base64, strict as described above; offset_base is added to error offsets.
Bytes base64_decode(std::string_view text, std::size_t offset_base = 0);
std::string base64_encode(ByteView data);

// A block with 64-character lines (RFC 7468 §2), ending in a newline.
std::string pem_encode(std::string_view label, ByteView der);
// The same for a private key: the text is as secret as the key, so it stays in SecretBytes.
SecretBytes pem_encode_secret(std::string_view label, ByteView der);

}  // namespace lucid::x509
