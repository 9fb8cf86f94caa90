// Signing and checking the two signed handshake messages of TLS 1.2 with RSA: ServerKeyExchange
// (RFC 5246 §7.4.3, the server's DH parameters) and CertificateVerify (§7.4.8, the client's proof
// that it holds its certificate's key).
//
// In TLS 1.2 each signature names its hash (the SignatureAndHashAlgorithm of §7.4.1.4.1), and the
// verifier decides which ones it accepts: the client through its signature_algorithms extension,
// the server through CertificateRequest.supported_signature_algorithms. lucidtls signs and accepts
// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) with SHA-256, SHA-384, SHA-512 and, for older peers, SHA-1
// (default_signature_algorithms() in handshake/extensions.h). MD5 is never accepted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/hash.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "handshake/messages/digitally_signed.h"
#include "handshake/trace.h"

namespace lucid::handshake {

// The hash of an rsa_pkcs1 SignatureAndHashAlgorithm that lucidtls signs with / accepts
// ((hash << 8) | rsa(1), hash in sha1, sha256, sha384, sha512); empty for anything else.
std::optional<crypto::HashAlgorithm> rsa_pkcs1_hash(std::uint16_t algorithm);

// RFC 5246 §7.4.1.4.1: the algorithm to sign with, our most preferred one that the peer accepts.
// peer_accepts empty (nullopt): the peer sent no list, and "the server MUST ... behave as if client
// had sent the value {sha1,rsa}". Returns nullopt when there is none in common.
// Before TLS 1.2 (version < 0x0303) there is no choice: rsa_md5_sha1_before_tls12 (RFC 2246 §7.4.3).
std::optional<std::uint16_t> choose_signature_algorithm(const std::optional<std::vector<std::uint16_t>>& peer_accepts,
                                                        std::uint16_t version = 0x0303);

// What a side accepts in a received signature in `version`: default_signature_algorithms() in
// TLS 1.2, {rsa_md5_sha1_before_tls12} before.
std::vector<std::uint16_t> accepted_signature_algorithms(std::uint16_t version);

// "rsa_pkcs1_sha256 (0x0401)", or "rsa over MD5 || SHA-1 (TLS 1.0/1.1)".
std::string signature_label(std::uint16_t algorithm);

// RFC 5246 §4.7: RSASSA-PKCS1-v1_5 over `content` with the hash `algorithm` names. Throws
// lucid::Error if lucidtls does not sign with that algorithm (a programming error).
DigitallySigned sign_handshake(const crypto::RsaPrivateKey& key, std::uint16_t algorithm, ByteView content,
                               crypto::RandomSource& rng);

// Checks a received signature, `what` naming the message for the sentence ("ServerKeyExchange").
// Throws record::TlsError:
//   illegal_parameter  the algorithm is not one we asked for in `we_accept`, or not RSA with a
//                      hash we implement (§7.4.3 / §7.4.8: it "MUST be one of those present" in
//                      the list we sent);
//   decrypt_error      the signature does not verify (§7.2.2: "unable to correctly verify a
//                      signature").
void verify_handshake_signature(const crypto::RsaPublicKey& key, const DigitallySigned& signed_element,
                                ByteView content, const std::vector<std::uint16_t>& we_accept, std::string_view what);

// RFC 5246 §7.4.8, the client's CertificateVerify: the signature over handshake_messages (every
// message sent or received so far), and the trace's note saying what was signed.
struct SignedCertificateVerify {
    DigitallySigned signature;
    NoteTrace note;
};
SignedCertificateVerify sign_certificate_verify(const crypto::RsaPrivateKey& key, std::uint16_t algorithm,
                                                ByteView handshake_messages, crypto::RandomSource& rng);
// RFC 5246 §7.4.8, the server's check, with the algorithms it asked for in CertificateRequest
// (we_accept). Throws record::TlsError as verify_handshake_signature; returns the trace's note.
NoteTrace verify_certificate_verify(const crypto::RsaPublicKey& client_key, const DigitallySigned& signature,
                                    ByteView handshake_messages, const std::vector<std::uint16_t>& we_accept);

}  // namespace lucid::handshake
