// The DHE_RSA key exchange, RFC 5246 §7.4.3, §7.4.7.2, §8.1.2 (see dhe.h for the steps and alerts).
#include "handshake/dhe.h"

#include "crypto/error.h"
#include "handshake/handshake_signatures.h"
#include "record/tls_error.h"

namespace lucid::handshake {

using record::AlertDescription;
using record::TlsError;

// A group received or loaded that is one we know by name may use that group's short private
// exponent, because its structure (a safe prime) is known; any other keeps a full-size exponent.
crypto::DhGroup recognise_dh_group(crypto::DhGroup group) {
    for (const crypto::NamedDhGroupInfo& info : crypto::named_dh_groups()) {
        crypto::DhGroup named = crypto::named_dh_group(info.id);
        if (named.p == group.p && named.g == group.g) return named;
    }
    return group;
}

crypto::DhGroup default_server_dh_group() { return crypto::named_dh_group(crypto::NamedDhGroup::ffdhe2048); }

// RFC 5246 §7.4.3
ServerDheStep make_server_key_exchange(const crypto::DhGroup& group, ByteView client_random, ByteView server_random,
                                       const crypto::RsaPrivateKey& signing_key, std::uint16_t signature_algorithm,
                                       crypto::RandomSource& rng) {
    crypto::DhPrivateKey key = crypto::generate_dh_key(group, rng);
    ServerKeyExchange message;
    message.params.dh_p = crypto::to_bytes_minimal(group.p);
    message.params.dh_g = crypto::to_bytes_minimal(group.g);
    message.params.dh_Ys = key.public_value_bytes();
    message.signed_params =
        sign_handshake(signing_key, signature_algorithm, message.signed_content(client_random, server_random), rng);
    return ServerDheStep{std::move(key), std::move(message)};
}

// RFC 5246 §7.4.3, client side.
AcceptedServerDh check_server_key_exchange(const ServerKeyExchange& message, ByteView client_random,
                                           ByteView server_random, const crypto::RsaPublicKey& server_key,
                                           const std::vector<std::uint16_t>& we_accept,
                                           std::size_t minimum_group_bits) {
    // First the signature: until it verifies, the numbers may be anyone's.
    verify_handshake_signature(server_key, message.signed_params, message.signed_content(client_random, server_random),
                               we_accept, "ServerKeyExchange");

    return accept_server_dh_params(message.params, minimum_group_bits);
}

// RFC 5246 §7.4.3 ServerDHParams and RFC 7919 §5.1
AcceptedServerDh accept_server_dh_params(const ServerDhParams& params, std::size_t minimum_group_bits) {
    const std::size_t bits = crypto::bit_length(crypto::os2ip(params.dh_p));
    if (bits < minimum_group_bits) {
        // Logjam (Adrian et al. 2015): one precomputation per prime breaks every connection that
        // uses it; 1024-bit primes are within reach of a large budget, 512-bit ones of anybody.
        throw TlsError(AlertDescription::handshake_failure,
                       "the server offered a " + std::to_string(bits) + "-bit Diffie-Hellman group; at least " +
                           std::to_string(minimum_group_bits) +
                           " bits are required (weak DH groups are broken by precomputation: Logjam)");
    }
    AcceptedServerDh accepted{};
    try {
        accepted.group =
            recognise_dh_group(crypto::accept_server_dh_group(params.dh_p, params.dh_g, minimum_group_bits));
        accepted.server_public = crypto::os2ip(params.dh_Ys);
        // RFC 7919 §5.1: "Peers MUST validate each other's public key Y"
        crypto::check_dh_public_value(accepted.group, accepted.server_public);
    } catch (const TlsError&) {
        throw;
    } catch (const Error& e) {
        throw TlsError(AlertDescription::illegal_parameter,
                       std::string("the server's Diffie-Hellman parameters are not acceptable: ") + e.what());
    }
    return accepted;
}

// RFC 5246 §7.4.7.2 and §8.1.2
ClientDheStep client_key_agreement(const AcceptedServerDh& server, crypto::RandomSource& rng) {
    crypto::DhPrivateKey key = crypto::generate_dh_key(server.group, rng);
    Bytes yc = key.public_value_bytes();
    SecretBytes z;
    try {
        z = crypto::dh_shared_secret(key, server.server_public);
    } catch (const Error& e) {
        throw TlsError(AlertDescription::illegal_parameter,
                       std::string("the server's Diffie-Hellman public value is not acceptable: ") + e.what());
    }
    return ClientDheStep{std::move(yc), std::move(key), std::move(z)};
}

// RFC 5246 §8.1.2
SecretBytes server_key_agreement(const crypto::DhPrivateKey& key, ByteView client_public) {
    try {
        return crypto::dh_shared_secret(key, client_public);
    } catch (const Error& e) {
        throw TlsError(AlertDescription::illegal_parameter,
                       std::string("the client's Diffie-Hellman public value dh_Yc is not acceptable: ") + e.what());
    }
}

}  // namespace lucid::handshake
