#include "x509/public_key.h"

#include "crypto/hex.h"
#include "x509/error.h"

namespace lucid::x509 {

std::size_t RsaPublicNumbers::bits() const {
    if (modulus.empty() || modulus[0] == 0) return 0;  // no leading zeros, so only the value 0 starts with 00
    std::size_t bits = modulus.size() * 8;
    for (std::uint8_t top = modulus[0]; (top & 0x80) == 0; top = static_cast<std::uint8_t>(top << 1)) --bits;
    return bits;
}

std::string PublicKeyInfo::description() const {
    if (rsa) {
        std::string e;
        if (rsa->public_exponent.size() <= 8) {
            std::uint64_t v = 0;
            for (std::uint8_t b : rsa->public_exponent) v = (v << 8) | b;
            e = std::to_string(v);
        } else {
            e = "0x" + to_hex(rsa->public_exponent);
        }
        return "RSA " + std::to_string(rsa->bits()) + " bits, e = " + e;
    }
    std::string out = algorithm.algorithm.display();
    // EC keys name their curve in the parameters (RFC 5480 §2.1.1).
    if (algorithm.parameters) {
        try {
            Element p = read_single(*algorithm.parameters, "parameters");
            if (p.tag == tags::object_identifier) out += " " + der_oid(p, "curve").display();
        } catch (const DecodeError&) {
        }
    }
    return out + " (not supported by lucid)";
}

// RFC 8017 Appendix A.1.1.
RsaPublicNumbers parse_rsa_public_key(ByteView der, std::size_t offset) {
    DerReader outer(der, offset);
    const Element seq = outer.read(tags::sequence, "RSAPublicKey");
    outer.expect_end("RSAPublicKey");
    DerReader r = DerReader::contents_of(seq);
    RsaPublicNumbers key;
    const Element n = r.read(tags::integer, "modulus");
    key.modulus = der_unsigned_integer(n, "modulus");
    const Element e = r.read(tags::integer, "publicExponent");
    key.public_exponent = der_unsigned_integer(e, "publicExponent");
    r.expect_end("RSAPublicKey");
    if (key.modulus.size() == 1 && key.modulus[0] == 0) throw DecodeError(n.offset, "RSA modulus is zero");
    if (key.public_exponent.size() == 1 && key.public_exponent[0] < 3) {
        throw DecodeError(e.offset, "RSA public exponent " + std::to_string(key.public_exponent[0]) + " is not usable");
    }
    return key;
}

// RFC 5280 §4.1.2.7, RFC 3279 §2.3.1.
PublicKeyInfo parse_public_key_info(const Element& e) {
    if (!(e.tag == tags::sequence)) {
        throw DecodeError(e.offset, "SubjectPublicKeyInfo: expected SEQUENCE, found " + tag_name(e.tag));
    }
    PublicKeyInfo info;
    info.der.assign(e.encoding.begin(), e.encoding.end());
    DerReader r = DerReader::contents_of(e);
    info.algorithm = parse_algorithm_identifier(r.read(tags::sequence, "SubjectPublicKeyInfo algorithm"), "SubjectPublicKeyInfo");
    const Element bits = r.read(tags::bit_string, "subjectPublicKey");
    info.subject_public_key = der_bit_string(bits, "subjectPublicKey");
    r.expect_end("SubjectPublicKeyInfo");
    if (info.algorithm.algorithm == oids::rsa_encryption) {
        if (!info.algorithm.parameters_are_null()) {
            throw DecodeError(info.algorithm.offset, "rsaEncryption: the parameters MUST be NULL (RFC 3279 §2.3.1)");
        }
        if (info.subject_public_key.unused_bits != 0) {
            throw DecodeError(bits.offset, "RSA subjectPublicKey has unused bits; it must hold whole DER bytes");
        }
        // The key's DER starts after the BIT STRING header and its unused-bits byte.
        info.rsa = parse_rsa_public_key(info.subject_public_key.bytes, bits.content_offset() + 1);
    }
    return info;
}

PublicKeyInfo parse_public_key_info(ByteView der) { return parse_public_key_info(read_single(der, "SubjectPublicKeyInfo")); }

Bytes encode_rsa_public_key(const RsaPublicNumbers& key) {
    DerWriter w;
    w.sequence([&](DerWriter& s) {
        s.unsigned_integer(key.modulus);
        s.unsigned_integer(key.public_exponent);
    });
    return w.take();
}

Bytes encode_public_key_info(const RsaPublicNumbers& key) {
    DerWriter w;
    w.sequence([&](DerWriter& s) {
        write_algorithm_identifier(s, oids::rsa_encryption, true);
        s.bit_string(encode_rsa_public_key(key));
    });
    return w.take();
}

}  // namespace lucid::x509
