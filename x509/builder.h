// Issuing certificates: what `lucid cert` and the tests use to make a CA, intermediates, leaves,
// and certificates broken on purpose.
//
// A certificate is built as RFC 5280 §4.1 describes it: the TBSCertificate is encoded with
// DerWriter, signed by the issuer's key with RSASSA-PKCS1-v1_5 (sha256WithRSAEncryption by
// default), and wrapped with the algorithm and the signature. Key identifiers follow §4.2.1.2
// method (1): the SHA-1 of the subjectPublicKey bits; the authorityKeyIdentifier repeats the
// issuer's.
#pragma once

#include <optional>
#include <vector>

#include "crypto/hash.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "x509/asn1_time.h"
#include "x509/certificate.h"
#include "x509/extensions.h"
#include "x509/name.h"

namespace lucid::x509 {

// An extension written as given, for tests of unknown or malformed extensions.
struct RawExtension {
    Oid id;
    bool critical = false;
    Bytes value;  // the DER that goes inside extnValue
};

struct CertificateSpec {
    int version = 3;                   // 1 for an old-style certificate without extensions
    Bytes serial{0x01};                // unsigned big-endian; written as a positive INTEGER
    Name subject;
    Time not_before;
    Time not_after;
    std::optional<BasicConstraints> basic_constraints;  // written critical (RFC 5280 §4.2.1.9 for CAs)
    std::optional<KeyUsage> key_usage;                  // written critical (§4.2.1.3 SHOULD)
    std::vector<Oid> ext_key_usage;                     // written when not empty
    SubjectAltName subject_alt_name;                    // dNSName and iPAddress, written when not empty
    bool key_identifiers = true;                        // subjectKeyIdentifier and authorityKeyIdentifier
    std::vector<RawExtension> extra_extensions;
    crypto::HashAlgorithm signature_hash = crypto::HashAlgorithm::sha256;
};

// Who signs: the issuer's name, key and key identifier. For a self-signed certificate, the
// subject's own.
struct Issuer {
    Name name;
    const crypto::RsaPrivateKey* key = nullptr;
    std::optional<Bytes> key_identifier;

    // The issuer described by its certificate and private key. Throws lucid::Error if the key is
    // not the one the certificate names.
    static Issuer from_certificate(const Certificate& cert, const crypto::RsaPrivateKey& key);
};

// RFC 5280 §4.2.1.2 (1): SHA-1 over the BIT STRING subjectPublicKey (without tag, length and
// unused-bits byte).
Bytes key_identifier_of(const crypto::RsaPublicKey& key);

// The DER TBSCertificate.
Bytes encode_tbs_certificate(const CertificateSpec& spec, const crypto::RsaPublicKey& subject_key, const Issuer& issuer);
// Certificate ::= SEQUENCE { tbs, signatureAlgorithm, signatureValue }
Bytes assemble_certificate(ByteView tbs, crypto::HashAlgorithm hash, ByteView signature);

Certificate issue_certificate(const CertificateSpec& spec, const crypto::RsaPublicKey& subject_key, const Issuer& issuer,
                              crypto::RandomSource& rng);
Certificate self_sign(const CertificateSpec& spec, const crypto::RsaPrivateKey& key, crypto::RandomSource& rng);

}  // namespace lucid::x509
