// X.509 v3 certificates, RFC 5280 §4.1.
//
//   Certificate ::= SEQUENCE {
//       tbsCertificate       TBSCertificate,      -- the signed part, kept byte for byte
//       signatureAlgorithm   AlgorithmIdentifier,
//       signatureValue       BIT STRING }
//
//   TBSCertificate ::= SEQUENCE {
//       version         [0]  EXPLICIT Version DEFAULT v1,
//       serialNumber         CertificateSerialNumber,
//       signature            AlgorithmIdentifier,
//       issuer               Name,
//       validity             Validity,            -- notBefore, notAfter
//       subject              Name,
//       subjectPublicKeyInfo SubjectPublicKeyInfo,
//       issuerUniqueID  [1]  IMPLICIT UniqueIdentifier OPTIONAL,  -- v2, v3
//       subjectUniqueID [2]  IMPLICIT UniqueIdentifier OPTIONAL,  -- v2, v3
//       extensions      [3]  EXPLICIT Extensions OPTIONAL }       -- v3
//
// Parsing checks the encoding (strict DER, x509/der.h) and the rules of §4.1 that concern the
// certificate alone. Whether it is *acceptable* (signature, dates, constraints, unknown critical
// extensions) is the validator's job (x509/validation.h), so `lucid x509` can show a certificate
// that validation would reject, and say why.
#pragma once

#include <string>
#include <vector>

#include "crypto/bytes.h"
#include "x509/algorithm.h"
#include "x509/der.h"
#include "x509/extensions.h"
#include "x509/name.h"
#include "x509/public_key.h"
#include "x509/asn1_time.h"

namespace lucid::x509 {

class Certificate {
public:
    // One DER certificate filling all of der. Throws DecodeError with the offset of the problem.
    static Certificate parse(ByteView der);

    const Bytes& der() const { return der_; }
    // The bytes the issuer signed: the whole TBSCertificate TLV (§4.1.1.3).
    ByteView tbs() const { return ByteView(der_).subspan(tbs_offset_, tbs_length_); }

    int version() const { return version_; }  // 1, 2 or 3
    const Bytes& serial() const { return serial_; }  // two's complement, as encoded
    const SignatureAlgorithm& signature_algorithm() const { return signature_algorithm_; }
    const Name& issuer() const { return issuer_; }
    const Name& subject() const { return subject_; }
    Time not_before() const { return not_before_; }
    Time not_after() const { return not_after_; }
    const PublicKeyInfo& public_key() const { return public_key_; }
    const Extensions& extensions() const { return extensions_; }
    const BitString& signature() const { return signature_; }

    // §6.1: "self-issued" when subject and issuer are the same name (§7.1 comparison).
    bool is_self_issued() const { return subject_.matches(issuer_); }
    // Subject in RFC 4514 form, or "(empty subject)".
    std::string subject_text() const;
    // For the validator: a CA certificate by basicConstraints (§4.2.1.9).
    bool is_ca() const { return extensions_.basic_constraints && extensions_.basic_constraints->ca; }

private:
    Bytes der_;
    std::size_t tbs_offset_ = 0, tbs_length_ = 0;
    int version_ = 1;
    Bytes serial_;
    SignatureAlgorithm signature_algorithm_;
    Name issuer_, subject_;
    Time not_before_, not_after_;
    PublicKeyInfo public_key_;
    Extensions extensions_;
    BitString signature_;
};

// Every certificate in a file's contents: PEM (every CERTIFICATE block; RFC 7468 §5.1 also lets
// parsers take the legacy labels "X509 CERTIFICATE" and "X.509 CERTIFICATE"; other blocks, such as
// keys, are skipped) or a single DER certificate. Errors name the block and carry the offset.
std::vector<Certificate> parse_certificates(ByteView file_contents);

}  // namespace lucid::x509
