#include "x509/algorithm.h"

#include "crypto/error.h"
#include "x509/error.h"

namespace lucid::x509 {

bool AlgorithmIdentifier::parameters_are_null() const {
    return parameters.has_value() && parameters->size() == 2 && (*parameters)[0] == 0x05 && (*parameters)[1] == 0x00;
}

// RFC 5280 §4.1.1.2.
AlgorithmIdentifier parse_algorithm_identifier(const Element& e, std::string_view what) {
    if (!(e.tag == tags::sequence)) {
        throw DecodeError(e.offset, std::string(what) + ": expected SEQUENCE (AlgorithmIdentifier), found " + tag_name(e.tag));
    }
    AlgorithmIdentifier id;
    id.offset = e.offset;
    id.der.assign(e.encoding.begin(), e.encoding.end());
    DerReader r = DerReader::contents_of(e);
    id.algorithm = der_oid(r.read(tags::object_identifier, std::string(what) + " algorithm"), what);
    if (!r.empty()) {
        const Element params = r.read();
        id.parameters = Bytes(params.encoding.begin(), params.encoding.end());
    }
    r.expect_end(std::string(what) + " (AlgorithmIdentifier)");
    return id;
}

void write_algorithm_identifier(DerWriter& w, const Oid& algorithm, bool null_parameters) {
    w.sequence([&](DerWriter& s) {
        write_oid(s, algorithm);
        if (null_parameters) s.null();
    });
}

SignatureAlgorithm signature_algorithm(const AlgorithmIdentifier& id) {
    struct Row {
        const Oid* oid;
        crypto::HashAlgorithm hash;
    };
    const Row rows[] = {
        {&oids::sha1_with_rsa, crypto::HashAlgorithm::sha1},
        {&oids::sha256_with_rsa, crypto::HashAlgorithm::sha256},
        {&oids::sha384_with_rsa, crypto::HashAlgorithm::sha384},
        {&oids::sha512_with_rsa, crypto::HashAlgorithm::sha512},
    };
    SignatureAlgorithm sa;
    sa.identifier = id;
    for (const Row& row : rows) {
        if (id.algorithm == *row.oid) {
            if (id.parameters && !id.parameters_are_null()) {
                throw DecodeError(id.offset, id.algorithm.display() + ": parameters must be NULL or absent (RFC 4055 §5)");
            }
            sa.rsa_pkcs1_hash = row.hash;
        }
    }
    return sa;
}

const Oid& rsa_pkcs1_signature_oid(crypto::HashAlgorithm hash) {
    switch (hash) {
        case crypto::HashAlgorithm::sha1: return oids::sha1_with_rsa;
        case crypto::HashAlgorithm::sha256: return oids::sha256_with_rsa;
        case crypto::HashAlgorithm::sha384: return oids::sha384_with_rsa;
        case crypto::HashAlgorithm::sha512: return oids::sha512_with_rsa;
        default: throw Error("no RSASSA-PKCS1-v1_5 certificate signature OID for this hash in lucid");
    }
}

}  // namespace lucid::x509
