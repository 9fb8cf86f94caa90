// PKCS #3 DHParameter files (see dh_parameters.h).
#include "x509/dh_parameters.h"

#include "x509/der.h"
#include "x509/error.h"
#include "x509/pem.h"

namespace lucid::x509 {

crypto::DhGroup DhParameters::group(std::string name) const {
    crypto::DhGroup out;
    out.name = std::move(name);
    out.p = p;
    out.g = g;
    out.exponent_bits = 0;
    return out;
}

// PKCS #3 §9
DhParameters parse_dh_parameters_der(ByteView der) {
    const Element seq = read_single(der, "DHParameter");
    if (seq.tag != tags::sequence) throw DecodeError(seq.offset, "DHParameter: expected a SEQUENCE, found " + tag_name(seq.tag));
    DerReader r = DerReader::contents_of(seq);
    const Element prime = r.read(tags::integer, "prime");
    const Element base = r.read(tags::integer, "base");
    DhParameters out;
    out.p = crypto::os2ip(der_unsigned_integer(prime, "prime"));
    out.g = crypto::os2ip(der_unsigned_integer(base, "base"));
    if (std::optional<Element> length = r.read_optional(tags::integer)) {
        out.private_value_length = static_cast<std::size_t>(der_small_integer(*length, "privateValueLength", 1, 1 << 20));
    }
    r.expect_end("DHParameter");
    if (out.p < 5 || mpz_even_p(out.p.get_mpz_t())) {
        throw DecodeError(prime.offset, "DHParameter: the prime p is even or too small");
    }
    if (out.g <= 1 || out.g >= out.p - 1) {
        throw DecodeError(base.offset, "DHParameter: the base g must satisfy 1 < g < p-1");
    }
    return out;
}

DhParameters parse_dh_parameters(ByteView file_contents) {
    if (looks_like_pem(file_contents)) {
        const std::string_view text(reinterpret_cast<const char*>(file_contents.data()), file_contents.size());
        for (const PemBlock& block : pem_decode_all(text)) {
            if (block.label == "DH PARAMETERS") return parse_dh_parameters_der(block.der);
        }
        throw DecodeError(0, "no DH PARAMETERS block in the PEM text (X9.42 DH PARAMETERS are not supported)");
    }
    return parse_dh_parameters_der(file_contents);
}

Bytes encode_dh_parameters(const crypto::BigInt& p, const crypto::BigInt& g) {
    DerWriter w;
    w.sequence([&](DerWriter& s) {
        s.unsigned_integer(crypto::to_bytes_minimal(p));
        s.unsigned_integer(crypto::to_bytes_minimal(g));
    });
    return w.take();
}

std::string dh_parameters_pem(const crypto::BigInt& p, const crypto::BigInt& g) {
    return pem_encode("DH PARAMETERS", encode_dh_parameters(p, g));
}

}  // namespace lucid::x509
