#include "x509/private_key.h"

#include "crypto/bignum.h"
#include "crypto/ct.h"
#include "x509/certificate.h"
#include "x509/der.h"
#include "x509/error.h"
#include "x509/oid.h"
#include "x509/pem.h"

namespace lucid::x509 {

namespace {

// Wipes the DER of the key blocks a PEM file decoded to, whatever happens.
struct WipeBlocks {
    std::vector<PemBlock>& blocks;
    ~WipeBlocks() {
        for (PemBlock& b : blocks) {
            if (!b.der.empty()) ct::wipe(b.der.data(), b.der.size());
        }
    }
};

std::string_view as_text(ByteView data) { return {reinterpret_cast<const char*>(data.data()), data.size()}; }

// crypto/rsa.h checks the numbers; its errors become DecodeErrors at the key's offset.
template <typename F>
crypto::RsaPrivateKey checked(std::size_t offset, F&& make) {
    try {
        return make();
    } catch (const DecodeError&) {
        throw;
    } catch (const Error& e) {
        throw DecodeError(offset, e.what());
    }
}

// I2OSP of a secret number into secret memory, without leading zeros (DER adds the sign byte).
SecretBytes secret_bytes(const crypto::BigInt& x) { return crypto::i2osp_secret(x, std::max<std::size_t>(1, crypto::byte_length(x))); }

}  // namespace

// RFC 8017 Appendix A.1.2.
crypto::RsaPrivateKey parse_rsa_private_key_pkcs1(ByteView der) {
    const Element seq = read_single(der, "RSAPrivateKey");
    if (!(seq.tag == tags::sequence)) throw DecodeError(seq.offset, "RSAPrivateKey: expected SEQUENCE, found " + tag_name(seq.tag));
    DerReader r = DerReader::contents_of(seq);
    const Element version = r.read(tags::integer, "RSAPrivateKey version");
    if (der_small_integer(version, "RSAPrivateKey version", 0, 1) != 0) {
        throw DecodeError(version.offset, "RSAPrivateKey version 1 (multi-prime) is not supported");
    }
    // The fields are secret: they are read as views and go straight into GMP (wiped memory).
    const char* names[] = {"modulus", "publicExponent", "privateExponent", "prime1", "prime2",
                           "exponent1", "exponent2", "coefficient"};
    ByteView v[8];
    for (int i = 0; i < 8; ++i) {
        const Element e = r.read(tags::integer, names[i]);
        v[i] = der_integer(e, names[i]);
        if (v[i][0] & 0x80) throw DecodeError(e.offset, std::string("RSAPrivateKey ") + names[i] + " is negative");
    }
    r.expect_end("RSAPrivateKey");
    return checked(seq.offset, [&] { return crypto::RsaPrivateKey::from_components(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]); });
}

// RFC 5208 §5, RFC 5958 §2.
crypto::RsaPrivateKey parse_private_key_pkcs8(ByteView der) {
    const Element seq = read_single(der, "PrivateKeyInfo");
    if (!(seq.tag == tags::sequence)) throw DecodeError(seq.offset, "PrivateKeyInfo: expected SEQUENCE, found " + tag_name(seq.tag));
    DerReader r = DerReader::contents_of(seq);
    const std::int64_t version = der_small_integer(r.read(tags::integer, "PrivateKeyInfo version"), "version", 0, 1);
    const AlgorithmIdentifier alg = parse_algorithm_identifier(r.read(tags::sequence, "privateKeyAlgorithm"), "privateKeyAlgorithm");
    if (!(alg.algorithm == oids::rsa_encryption)) {
        throw DecodeError(alg.offset, "private key of type " + alg.algorithm.display() + ": lucid handles RSA keys only");
    }
    if (!alg.parameters_are_null()) throw DecodeError(alg.offset, "rsaEncryption: the parameters MUST be NULL (RFC 3279 §2.3.1)");
    const Element key = r.read(tags::octet_string, "privateKey");
    r.read_optional(tags::context(0, true));  // attributes: not used
    if (version == 1) r.read_optional(tags::context(1, false));  // RFC 5958 publicKey
    r.expect_end("PrivateKeyInfo");
    try {
        return parse_rsa_private_key_pkcs1(key.content);
    } catch (const DecodeError& e) {
        throw DecodeError(key.content_offset() + e.offset(), "privateKey: " + e.sentence());
    }
}

crypto::RsaPrivateKey parse_private_key(ByteView file_contents) {
    if (looks_like_pem(file_contents)) {
        std::vector<PemBlock> blocks = pem_decode_all(as_text(file_contents));
        WipeBlocks wipe{blocks};
        for (const PemBlock& b : blocks) {
            if (b.label == "ENCRYPTED PRIVATE KEY") {
                throw DecodeError(0, "encrypted PKCS #8 key (line " + std::to_string(b.line) + "): lucid reads unencrypted keys only");
            }
            if (b.label == "PRIVATE KEY") return parse_private_key_pkcs8(b.der);
            if (b.label == "RSA PRIVATE KEY") return parse_rsa_private_key_pkcs1(b.der);
        }
        throw DecodeError(0, "no PRIVATE KEY or RSA PRIVATE KEY block in the PEM text");
    }
    // DER: PKCS #8 has an AlgorithmIdentifier SEQUENCE as its second field, PKCS #1 an INTEGER.
    const Element seq = read_single(file_contents, "private key");
    DerReader r = DerReader::contents_of(seq);
    r.read(tags::integer, "version");
    if (r.peek_tag() == tags::sequence) return parse_private_key_pkcs8(file_contents);
    return parse_rsa_private_key_pkcs1(file_contents);
}

SecretBytes encode_rsa_private_key_pkcs1(const crypto::RsaPrivateKey& key) {
    DerWriter w;
    w.sequence([&](DerWriter& s) {
        s.integer(0);  // two-prime
        for (const crypto::BigInt* x : {&key.n(), &key.e(), &key.d(), &key.p(), &key.q(), &key.dp(), &key.dq(), &key.qinv()}) {
            s.unsigned_integer(secret_bytes(*x).view());
        }
    });
    return w.take_secret();
}

SecretBytes encode_private_key_pkcs8(const crypto::RsaPrivateKey& key) {
    SecretBytes inner = encode_rsa_private_key_pkcs1(key);
    DerWriter w;
    w.sequence([&](DerWriter& s) {
        s.integer(0);
        write_algorithm_identifier(s, oids::rsa_encryption, true);
        s.octet_string(inner.view());
    });
    return w.take_secret();
}

SecretBytes private_key_pem(const crypto::RsaPrivateKey& key) {
    return pem_encode_secret("PRIVATE KEY", encode_private_key_pkcs8(key).view());
}

crypto::RsaPublicKey rsa_public_key(const PublicKeyInfo& info) {
    if (!info.rsa) throw Error("the key is " + info.description() + ", not RSA");
    return crypto::RsaPublicKey(ByteView(info.rsa->modulus), ByteView(info.rsa->public_exponent));
}

RsaPublicNumbers rsa_public_numbers(const crypto::RsaPublicKey& key) { return {key.n_bytes(), key.e_bytes()}; }

crypto::RsaPublicKey parse_public_key(ByteView file_contents) {
    auto from_der = [](ByteView der, std::string_view label) -> crypto::RsaPublicKey {
        if (label == "RSA PUBLIC KEY") {
            RsaPublicNumbers n = parse_rsa_public_key(der);
            return crypto::RsaPublicKey(ByteView(n.modulus), ByteView(n.public_exponent));
        }
        return rsa_public_key(parse_public_key_info(der));
    };
    if (looks_like_pem(file_contents)) {
        std::vector<PemBlock> blocks = pem_decode_all(as_text(file_contents));
        WipeBlocks wipe{blocks};
        for (const PemBlock& b : blocks) {
            if (b.label == "PUBLIC KEY" || b.label == "RSA PUBLIC KEY") return from_der(b.der, b.label);
            if (b.label == "CERTIFICATE") return rsa_public_key(Certificate::parse(b.der).public_key());
            if (b.label == "PRIVATE KEY") return parse_private_key_pkcs8(b.der).public_key();
            if (b.label == "RSA PRIVATE KEY") return parse_rsa_private_key_pkcs1(b.der).public_key();
        }
        throw DecodeError(0, "no PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE or private key block in the PEM text");
    }
    // DER: SubjectPublicKeyInfo starts with a SEQUENCE (the algorithm), RSAPublicKey with an INTEGER.
    const Element seq = read_single(file_contents, "public key");
    DerReader r = DerReader::contents_of(seq);
    if (r.peek_tag() == tags::sequence) return from_der(file_contents, "PUBLIC KEY");
    return from_der(file_contents, "RSA PUBLIC KEY");
}

std::string public_key_pem(const crypto::RsaPublicKey& key) {
    return pem_encode("PUBLIC KEY", encode_public_key_info(rsa_public_numbers(key)));
}

}  // namespace lucid::x509
