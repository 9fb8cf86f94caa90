#include "x509/certificate.h"

#include "x509/error.h"
#include "x509/pem.h"

namespace lucid::x509 {

// RFC 5280 §4.1.
Certificate Certificate::parse(ByteView der) {
    Certificate c;
    c.der_.assign(der.begin(), der.end());
    const Element cert = read_single(c.der_, "Certificate");
    if (!(cert.tag == tags::sequence)) throw DecodeError(0, "Certificate: expected SEQUENCE, found " + tag_name(cert.tag));
    DerReader outer = DerReader::contents_of(cert);

    const Element tbs = outer.read(tags::sequence, "tbsCertificate");
    c.tbs_offset_ = tbs.offset;
    c.tbs_length_ = tbs.encoding.size();
    const AlgorithmIdentifier outer_algorithm =
        parse_algorithm_identifier(outer.read(tags::sequence, "signatureAlgorithm"), "signatureAlgorithm");
    const Element sig = outer.read(tags::bit_string, "signatureValue");
    c.signature_ = der_bit_string(sig, "signatureValue");
    outer.expect_end("Certificate");

    DerReader r = DerReader::contents_of(tbs);
    // §4.1.2.1: Version ::= INTEGER { v1(0), v2(1), v3(2) }, [0] EXPLICIT, DEFAULT v1.
    if (auto v = r.read_optional(tags::context(0, true))) {
        DerReader vr = DerReader::contents_of(*v);
        const Element vi = vr.read(tags::integer, "version");
        vr.expect_end("version");
        const std::int64_t value = der_small_integer(vi, "version", 0, 2);
        if (value == 0) {
            throw DecodeError(v->offset, "version v1 written out, but DER omits a value equal to its DEFAULT (X.690 §11.5)");
        }
        c.version_ = static_cast<int>(value) + 1;
    }
    // §4.1.2.2: positive and at most 20 octets for conforming CAs, but users "SHOULD be prepared to
    // gracefully handle" others, so only the DER rules are enforced here.
    const ByteView serial = der_integer(r.read(tags::integer, "serialNumber"), "serialNumber");
    c.serial_.assign(serial.begin(), serial.end());

    // §4.1.2.3: "This field MUST contain the same algorithm identifier as the signatureAlgorithm
    // field in the sequence Certificate."
    const AlgorithmIdentifier inner_algorithm = parse_algorithm_identifier(r.read(tags::sequence, "signature"), "signature");
    if (inner_algorithm.der != outer_algorithm.der) {
        throw DecodeError(outer_algorithm.offset, "signatureAlgorithm (" + outer_algorithm.algorithm.display() +
                                                      ") differs from the signature field of the TBSCertificate (" +
                                                      inner_algorithm.algorithm.display() + ") (RFC 5280 §4.1.1.2)");
    }
    c.signature_algorithm_ = x509::signature_algorithm(outer_algorithm);

    c.issuer_ = Name::parse(r.read(tags::sequence, "issuer"));
    // §4.1.2.4: "The issuer field MUST contain a non-empty distinguished name (DN)."
    if (c.issuer_.empty()) throw DecodeError(tbs.offset, "issuer is an empty name (RFC 5280 §4.1.2.4)");

    DerReader validity = r.sequence("validity");
    c.not_before_ = der_time(validity.read(), "notBefore");
    c.not_after_ = der_time(validity.read(), "notAfter");
    validity.expect_end("validity");

    c.subject_ = Name::parse(r.read(tags::sequence, "subject"));
    c.public_key_ = parse_public_key_info(r.read(tags::sequence, "subjectPublicKeyInfo"));

    // §4.1.2.8: unique identifiers "MUST only appear if the version is 2 or 3".
    for (std::uint32_t n : {1u, 2u}) {
        if (auto uid = r.read_optional(tags::context(n, false))) {
            if (c.version_ < 2) {
                throw DecodeError(uid->offset, std::string(n == 1 ? "issuerUniqueID" : "subjectUniqueID") +
                                                   " in a version 1 certificate (RFC 5280 §4.1.2.8)");
            }
            der_bit_string(*uid, n == 1 ? "issuerUniqueID" : "subjectUniqueID");
        }
    }
    // §4.1.2.9: "This field MUST only appear if the version is 3".
    if (auto ext = r.read_optional(tags::context(3, true))) {
        if (c.version_ != 3) {
            throw DecodeError(ext->offset, "extensions in a version " + std::to_string(c.version_) +
                                               " certificate (RFC 5280 §4.1.2.9)");
        }
        DerReader er = DerReader::contents_of(*ext);
        c.extensions_ = parse_extensions(er.read(tags::sequence, "extensions"));
        er.expect_end("extensions");
    }
    r.expect_end("TBSCertificate");

    // §4.1.2.6: an empty subject needs a critical subjectAltName.
    if (c.subject_.empty()) {
        const Extension* san = c.extensions_.find(oids::subject_alt_name);
        if (san == nullptr || !san->critical) {
            throw DecodeError(tbs.offset, "the subject is empty and there is no critical subjectAltName (RFC 5280 §4.1.2.6)");
        }
    }
    return c;
}

std::string Certificate::subject_text() const {
    return subject_.empty() ? std::string("(empty subject)") : subject_.to_string();
}

std::vector<Certificate> parse_certificates(ByteView file_contents) {
    std::vector<Certificate> out;
    if (!looks_like_pem(file_contents)) {
        if (const std::string why = neither_pem_nor_der(file_contents); !why.empty()) throw Error(why);
        out.push_back(Certificate::parse(file_contents));
        return out;
    }
    std::string_view text(reinterpret_cast<const char*>(file_contents.data()), file_contents.size());
    for (const PemBlock& block : pem_decode_all(text)) {
        if (block.label != "CERTIFICATE" && block.label != "X509 CERTIFICATE" && block.label != "X.509 CERTIFICATE") continue;
        try {
            out.push_back(Certificate::parse(block.der));
        } catch (const DecodeError& e) {
            throw DecodeError(e.offset(), "certificate in the PEM block of line " + std::to_string(block.line) + ": " + e.sentence());
        }
    }
    if (out.empty()) throw DecodeError(0, "no CERTIFICATE block in the PEM text");
    return out;
}

}  // namespace lucid::x509
