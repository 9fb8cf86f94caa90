// signature_algorithms, RFC 5246 §7.4.1.4.1.
//
//   enum { none(0), md5(1), sha1(2), sha224(3), sha256(4), sha384(5), sha512(6), (255) } HashAlgorithm;
//   enum { anonymous(0), rsa(1), dsa(2), ecdsa(3), (255) } SignatureAlgorithm;
//
//   struct {
//         HashAlgorithm hash;
//         SignatureAlgorithm signature;
//   } SignatureAndHashAlgorithm;
//
//   SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>;
//
// With RSA key exchange nothing in the handshake is signed, so the server only reads the list.
// A ClientHello WITHOUT this extension is valid: "If the client does not send the
// signature_algorithms extension, the server MUST ... behave as if client had sent the value
// {sha1,rsa}" (for RSA key exchange).
#include <cstdio>

#include "handshake/extensions.h"
#include "record/tls_error.h"

namespace lucid::handshake {

namespace {

const char* hash_part(std::uint8_t h) {
    switch (h) {
        case 0: return "none";
        case 1: return "md5";
        case 2: return "sha1";
        case 3: return "sha224";
        case 4: return "sha256";
        case 5: return "sha384";
        case 6: return "sha512";
        case 8: return "intrinsic";  // RFC 8446 §4.2.3 (ed25519, rsa_pss_*)
        default: return nullptr;
    }
}

const char* signature_part(std::uint8_t s) {
    switch (s) {
        case 0: return "anonymous";
        case 1: return "rsa_pkcs1";
        case 2: return "dsa";
        case 3: return "ecdsa";
        default: return nullptr;
    }
}

}  // namespace

std::string signature_algorithm_name(std::uint16_t algorithm) {
    const std::uint8_t hash = static_cast<std::uint8_t>(algorithm >> 8);
    const std::uint8_t sig = static_cast<std::uint8_t>(algorithm);
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%04x", static_cast<unsigned>(algorithm));
    const char* h = hash_part(hash);
    const char* s = signature_part(sig);
    if (h != nullptr && s != nullptr && hash != 8) return std::string(s) + "_" + h + " (" + hex + ")";
    return std::string("other (") + hex + ")";
}

std::vector<std::uint16_t> default_signature_algorithms() {
    // (hash << 8) | rsa(1): sha256, sha384, sha512, sha1
    return {0x0401, 0x0501, 0x0601, 0x0201};
}

Bytes encode_signature_algorithms(const std::vector<std::uint16_t>& algorithms) {
    record::Writer w;
    w.prefixed(2, [&](record::Writer& list) {
        for (std::uint16_t a : algorithms) list.u16(a);
    });
    return w.take();
}

std::vector<std::uint16_t> read_signature_algorithms(FieldReader& r) {
    std::vector<std::uint16_t> out;
    r.vec(2, 2, 0xFFFE, "supported_signature_algorithms", [&](FieldReader& list) {
        // An odd length cannot hold whole pairs: the u16 read below fails with decode_error.
        while (!list.empty()) out.push_back(list.u16("SignatureAndHashAlgorithm", signature_algorithm_name));
    });
    r.note_last(std::to_string(out.size()) + " algorithms");
    return out;
}

}  // namespace lucid::handshake
