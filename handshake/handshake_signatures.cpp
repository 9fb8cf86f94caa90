// RSA signatures in the TLS 1.2 handshake, RFC 5246 §4.7, §7.4.1.4.1, §7.4.3, §7.4.8.
#include "handshake/handshake_signatures.h"

#include <algorithm>

#include "crypto/error.h"
#include "crypto/rsa_signature.h"
#include "handshake/extensions.h"
#include "record/tls_error.h"

namespace lucid::handshake {

using record::AlertDescription;
using record::TlsError;

namespace {

// RFC 5246 §7.4.1.4.1: SignatureAlgorithm rsa(1).
constexpr std::uint8_t signature_rsa = 1;
// "{sha1,rsa}": what a peer that sent no list is assumed to accept.
constexpr std::uint16_t rsa_pkcs1_sha1 = 0x0201;

}  // namespace

std::optional<crypto::HashAlgorithm> rsa_pkcs1_hash(std::uint16_t algorithm) {
    if (static_cast<std::uint8_t>(algorithm) != signature_rsa) return std::nullopt;
    switch (algorithm >> 8) {
        case 2: return crypto::HashAlgorithm::sha1;
        case 4: return crypto::HashAlgorithm::sha256;
        case 5: return crypto::HashAlgorithm::sha384;
        case 6: return crypto::HashAlgorithm::sha512;
        default: return std::nullopt;  // md5(1) is broken; sha224(3) nobody asks for
    }
}

// RFC 5246 §7.4.1.4.1 (and RFC 2246 §7.4.3 before TLS 1.2)
std::optional<std::uint16_t> choose_signature_algorithm(const std::optional<std::vector<std::uint16_t>>& peer_accepts,
                                                        std::uint16_t version) {
    if (version < 0x0303) return rsa_md5_sha1_before_tls12;
    const std::vector<std::uint16_t> assumed{rsa_pkcs1_sha1};
    const std::vector<std::uint16_t>& theirs = peer_accepts ? *peer_accepts : assumed;
    for (std::uint16_t ours : default_signature_algorithms()) {
        if (std::find(theirs.begin(), theirs.end(), ours) != theirs.end()) return ours;
    }
    return std::nullopt;
}

std::vector<std::uint16_t> accepted_signature_algorithms(std::uint16_t version) {
    if (version < 0x0303) return {rsa_md5_sha1_before_tls12};
    return default_signature_algorithms();
}

std::string signature_label(std::uint16_t algorithm) {
    if (algorithm == rsa_md5_sha1_before_tls12) return "rsa over MD5 || SHA-1 (TLS 1.0/1.1, RFC 2246 §7.4.3)";
    return signature_algorithm_name(algorithm);
}

// RFC 5246 §4.7 (RFC 2246 §4.7 before TLS 1.2: "the 36-byte structure of two hashes (one SHA and
// one MD5) is signed ... without ASN.1 DigestInfo")
DigitallySigned sign_handshake(const crypto::RsaPrivateKey& key, std::uint16_t algorithm, ByteView content,
                               crypto::RandomSource& rng) {
    if (algorithm == rsa_md5_sha1_before_tls12) {
        return DigitallySigned{algorithm, crypto::rsa_sign_tls_md5_sha1(key, crypto::md5_sha1(content), rng)};
    }
    const std::optional<crypto::HashAlgorithm> hash = rsa_pkcs1_hash(algorithm);
    if (!hash) throw Error("cannot sign with " + signature_algorithm_name(algorithm));
    return DigitallySigned{algorithm, crypto::rsassa_pkcs1_v15_sign(key, *hash, content, rng)};
}

void verify_handshake_signature(const crypto::RsaPublicKey& key, const DigitallySigned& signed_element,
                                ByteView content, const std::vector<std::uint16_t>& we_accept, std::string_view what) {
    const std::string algorithm = signature_label(signed_element.algorithm);
    const bool legacy = signed_element.algorithm == rsa_md5_sha1_before_tls12;
    const std::optional<crypto::HashAlgorithm> hash = rsa_pkcs1_hash(signed_element.algorithm);
    const bool asked_for =
        std::find(we_accept.begin(), we_accept.end(), signed_element.algorithm) != we_accept.end();
    if ((!hash && !legacy) || !asked_for) {
        throw TlsError(AlertDescription::illegal_parameter,
                       "the " + std::string(what) + " is signed with " + algorithm +
                           ", which is not one of the signature algorithms we accept (RFC 5246 §7.4.1.4.1)");
    }
    const crypto::SignatureCheck check =
        legacy ? crypto::rsa_verify_tls_md5_sha1(key, crypto::md5_sha1(content), signed_element.signature)
               : crypto::rsassa_pkcs1_v15_verify(key, *hash, content, signed_element.signature);
    if (!check) {
        throw TlsError(AlertDescription::decrypt_error,
                       "the " + std::string(what) + " signature (" + algorithm + ") does not verify: " +
                           check.reason + " (RFC 5246 §7.2.2 decrypt_error)");
    }
}

// RFC 5246 §7.4.8
SignedCertificateVerify sign_certificate_verify(const crypto::RsaPrivateKey& key, std::uint16_t algorithm,
                                                ByteView handshake_messages, crypto::RandomSource& rng) {
    SignedCertificateVerify out{sign_handshake(key, algorithm, handshake_messages, rng), {}};
    out.note = NoteTrace{"CertificateVerify: " + signature_label(algorithm) + " over the " +
                             std::to_string(handshake_messages.size()) + " bytes of handshake messages so far",
                         "RFC 5246 §7.4.8"};
    return out;
}

// RFC 5246 §7.4.8: "The hash and signature algorithms used in the signature MUST be one of those
// present in the supported_signature_algorithms field of the CertificateRequest message." A bad
// signature is decrypt_error (§7.2.2).
NoteTrace verify_certificate_verify(const crypto::RsaPublicKey& client_key, const DigitallySigned& signature,
                                    ByteView handshake_messages, const std::vector<std::uint16_t>& we_accept) {
    verify_handshake_signature(client_key, signature, handshake_messages, we_accept, "CertificateVerify");
    return NoteTrace{"CertificateVerify verified (" + signature_label(signature.algorithm) +
                         "): the client holds the key of its certificate",
                     "RFC 5246 §7.4.8"};
}

}  // namespace lucid::handshake
