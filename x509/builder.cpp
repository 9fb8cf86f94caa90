#include "x509/builder.h"

#include "crypto/error.h"
#include "x509/algorithm.h"
#include "x509/private_key.h"
#include "x509/signature.h"

namespace lucid::x509 {

Issuer Issuer::from_certificate(const Certificate& cert, const crypto::RsaPrivateKey& key) {
    // RFC 5280 §6.1.3 (a)(1): the signature must verify with the issuer certificate's public key.
    // A certificate signed with another key would be refused by every validator, so refuse it here.
    if (!cert.public_key().rsa || rsa_public_numbers(key.public_key()) != *cert.public_key().rsa) {
        throw Error("the issuer's private key does not match the issuer certificate's public key (" +
                    cert.subject_text() + ", " + cert.public_key().description() + "): a certificate signed with it "
                    "would not verify");
    }
    Issuer issuer;
    issuer.name = cert.subject();
    issuer.key = &key;
    issuer.key_identifier = cert.extensions().subject_key_identifier;
    if (!issuer.key_identifier) issuer.key_identifier = key_identifier_of(key.public_key());
    return issuer;
}

Bytes key_identifier_of(const crypto::RsaPublicKey& key) {
    return crypto::digest(crypto::HashAlgorithm::sha1, encode_rsa_public_key(rsa_public_numbers(key)));
}

// RFC 5280 §4.1.2.
Bytes encode_tbs_certificate(const CertificateSpec& spec, const crypto::RsaPublicKey& subject_key, const Issuer& issuer) {
    if (spec.subject.empty()) throw Error("certificate spec: the subject is empty");
    if (spec.serial.empty() || spec.serial.size() > 20) throw Error("certificate spec: the serial is 1 to 20 bytes (RFC 5280 §4.1.2.2)");
    const Oid& algorithm = rsa_pkcs1_signature_oid(spec.signature_hash);

    std::vector<RawExtension> extensions;
    auto add = [&](const Oid& id, bool critical, Bytes value) { extensions.push_back(RawExtension{id, critical, std::move(value)}); };
    if (spec.version == 3) {
        if (spec.basic_constraints) add(oids::basic_constraints, true, encode_basic_constraints(*spec.basic_constraints));
        if (spec.key_usage) add(oids::key_usage, true, encode_key_usage(*spec.key_usage));
        if (!spec.ext_key_usage.empty()) add(oids::ext_key_usage, false, encode_ext_key_usage(spec.ext_key_usage));
        if (!spec.subject_alt_name.dns_names.empty() || !spec.subject_alt_name.ip_addresses.empty()) {
            add(oids::subject_alt_name, false, encode_subject_alt_name(spec.subject_alt_name));
        }
        if (spec.key_identifiers) {
            DerWriter ski;
            ski.octet_string(key_identifier_of(subject_key));
            add(oids::subject_key_identifier, false, ski.take());
            if (issuer.key_identifier) add(oids::authority_key_identifier, false, encode_authority_key_identifier(*issuer.key_identifier));
        }
        for (const RawExtension& e : spec.extra_extensions) add(e.id, e.critical, e.value);
    } else if (spec.version != 1) {
        throw Error("certificate spec: lucid writes version 1 or version 3 certificates");
    }

    DerWriter w;
    w.sequence([&](DerWriter& tbs) {
        if (spec.version == 3) tbs.explicit_tag(0, [](DerWriter& v) { v.integer(2); });  // v3(2); v1 is the DEFAULT, left out
        tbs.unsigned_integer(spec.serial);
        write_algorithm_identifier(tbs, algorithm, true);
        tbs.raw(issuer.name.der());
        tbs.sequence([&](DerWriter& validity) {
            write_time(validity, spec.not_before);
            write_time(validity, spec.not_after);
        });
        tbs.raw(spec.subject.der());
        tbs.raw(encode_public_key_info(rsa_public_numbers(subject_key)));
        if (!extensions.empty()) {
            tbs.explicit_tag(3, [&](DerWriter& x) {
                x.sequence([&](DerWriter& list) {
                    for (const RawExtension& e : extensions) {
                        list.sequence([&](DerWriter& ext) {
                            write_oid(ext, e.id);
                            if (e.critical) ext.boolean(true);  // FALSE is the DEFAULT, left out
                            ext.octet_string(e.value);
                        });
                    }
                });
            });
        }
    });
    return w.take();
}

Bytes assemble_certificate(ByteView tbs, crypto::HashAlgorithm hash, ByteView signature) {
    DerWriter w;
    w.sequence([&](DerWriter& c) {
        c.raw(tbs);
        write_algorithm_identifier(c, rsa_pkcs1_signature_oid(hash), true);
        c.bit_string(signature);
    });
    return w.take();
}

Certificate issue_certificate(const CertificateSpec& spec, const crypto::RsaPublicKey& subject_key, const Issuer& issuer,
                              crypto::RandomSource& rng) {
    if (issuer.key == nullptr) throw Error("issue_certificate: the issuer has no private key");
    const Bytes tbs = encode_tbs_certificate(spec, subject_key, issuer);
    const Bytes signature = rsa_sign(tbs, *issuer.key, spec.signature_hash, rng);
    return Certificate::parse(assemble_certificate(tbs, spec.signature_hash, signature));
}

Certificate self_sign(const CertificateSpec& spec, const crypto::RsaPrivateKey& key, crypto::RandomSource& rng) {
    Issuer self;
    self.name = spec.subject;
    self.key = &key;
    self.key_identifier = key_identifier_of(key.public_key());
    return issue_certificate(spec, key.public_key(), self, rng);
}

}  // namespace lucid::x509
