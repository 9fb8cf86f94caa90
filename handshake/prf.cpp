#include "handshake/prf.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "crypto/error.h"
#include "crypto/hmac.h"

namespace lucid::handshake {

std::string_view prf_name(PrfAlgorithm alg) {
    switch (alg) {
        case PrfAlgorithm::tls10_md5_sha1: return "md5-sha1";
        case PrfAlgorithm::tls12_sha256: return "sha256";
        case PrfAlgorithm::tls12_sha384: return "sha384";
    }
    return "unknown";
}

std::optional<PrfAlgorithm> prf_from_name(std::string_view name) {
    std::string n;
    for (char c : name) {
        if (c != '-' && c != '_') n.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    if (n == "md5sha1") return PrfAlgorithm::tls10_md5_sha1;
    if (n == "sha256") return PrfAlgorithm::tls12_sha256;
    if (n == "sha384") return PrfAlgorithm::tls12_sha384;
    return std::nullopt;
}

// RFC 5246 §5: P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) + HMAC_hash(secret, A(2) + seed) + ...
SecretBytes p_hash(crypto::HashAlgorithm hash, ByteView secret, ByteView seed, std::size_t length) {
    crypto::Hmac hmac(hash, secret);
    SecretBytes out(length);
    SecretBytes a(hmac.mac_size());
    SecretBytes chunk(hmac.mac_size());
    hmac.update(seed);  // A(1) = HMAC_hash(secret, A(0)), A(0) = seed
    hmac.final(a.mutable_view());
    std::size_t written = 0;
    while (written < length) {
        hmac.update(a.view());  // HMAC_hash(secret, A(i) + seed)
        hmac.update(seed);
        hmac.final(chunk.mutable_view());
        const std::size_t take = std::min(chunk.size(), length - written);
        std::copy_n(chunk.view().begin(), take, out.mutable_view().begin() + static_cast<std::ptrdiff_t>(written));
        written += take;
        hmac.update(a.view());  // A(i+1) = HMAC_hash(secret, A(i))
        hmac.final(a.mutable_view());
    }
    return out;
}

SecretBytes prf(PrfAlgorithm alg, ByteView secret, std::string_view label, ByteView seed, std::size_t length) {
    const Bytes label_and_seed = concat({as_bytes(label), seed});
    switch (alg) {
        case PrfAlgorithm::tls12_sha256:  // RFC 5246 §5: PRF(secret, label, seed) = P_<hash>(secret, label + seed)
            return p_hash(crypto::HashAlgorithm::sha256, secret, label_and_seed, length);
        case PrfAlgorithm::tls12_sha384:
            return p_hash(crypto::HashAlgorithm::sha384, secret, label_and_seed, length);
        case PrfAlgorithm::tls10_md5_sha1: {
            // RFC 2246 §5: "L_S = length in bytes of secret; L_S1 = L_S2 = ceil(L_S / 2); ... S1 is
            // taken from the first L_S1 bytes of the secret and S2 from the last L_S2 bytes."
            const std::size_t half = (secret.size() + 1) / 2;
            SecretBytes md5_part = p_hash(crypto::HashAlgorithm::md5, secret.first(half), label_and_seed, length);
            SecretBytes sha1_part = p_hash(crypto::HashAlgorithm::sha1, secret.last(half), label_and_seed, length);
            // PRF(secret, label, seed) = P_MD5(S1, label + seed) XOR P_SHA-1(S2, label + seed)
            for (std::size_t i = 0; i < length; ++i) md5_part.mutable_view()[i] ^= sha1_part.view()[i];
            return md5_part;
        }
    }
    throw Error("unknown PRF algorithm");
}

}  // namespace lucid::handshake
