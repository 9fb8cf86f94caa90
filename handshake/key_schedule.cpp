#include "handshake/key_schedule.h"

#include <algorithm>

#include "crypto/error.h"
#include "crypto/hash.h"

namespace lucid::handshake {

namespace {

PrfInputs inputs(PrfAlgorithm alg, std::string_view label, ByteView seed, std::size_t length) {
    return PrfInputs{alg, std::string(label), Bytes(seed.begin(), seed.end()), length};
}

void check_random(ByteView random, const char* which) {
    if (random.size() != 32) {
        throw Error(std::string(which) + " must be 32 bytes (RFC 5246 §7.4.1.2), not " + std::to_string(random.size()));
    }
}

}  // namespace

// RFC 5246 §8.1
MasterSecret derive_master_secret(PrfAlgorithm alg, const SecretBytes& pre_master_secret, ByteView client_random,
                                  ByteView server_random) {
    check_random(client_random, "ClientHello.random");
    check_random(server_random, "ServerHello.random");
    MasterSecret ms;
    ms.prf = inputs(alg, "master secret", concat({client_random, server_random}), master_secret_length);
    ms.master_secret = prf(alg, pre_master_secret.view(), ms.prf.label, ms.prf.seed, master_secret_length);
    return ms;
}

// RFC 7627 §4: "master_secret = PRF(pre_master_secret, "extended master secret", session_hash)[0..47];"
MasterSecret derive_extended_master_secret(PrfAlgorithm alg, const SecretBytes& pre_master_secret,
                                           ByteView session_hash) {
    MasterSecret ms;
    ms.prf = inputs(alg, "extended master secret", session_hash, master_secret_length);
    ms.master_secret = prf(alg, pre_master_secret.view(), ms.prf.label, ms.prf.seed, master_secret_length);
    return ms;
}

// RFC 5246 §6.3
KeyBlock derive_key_block(PrfAlgorithm alg, const SecretBytes& master_secret, ByteView client_random,
                          ByteView server_random, const record::KeyMaterialSizes& sizes) {
    check_random(client_random, "ClientHello.random");
    check_random(server_random, "ServerHello.random");
    KeyBlock kb;
    kb.sizes = sizes;
    // "key_block = PRF(SecurityParameters.master_secret, "key expansion",
    //                  SecurityParameters.server_random + SecurityParameters.client_random);"
    kb.prf = inputs(alg, "key expansion", concat({server_random, client_random}), sizes.key_block_length());
    kb.key_block = prf(alg, master_secret.view(), kb.prf.label, kb.prf.seed, kb.prf.length);

    // "until enough output has been generated. Then, the key_block is partitioned as follows:"
    ByteView rest = kb.key_block.view();
    auto take = [&rest](std::size_t n) {
        SecretBytes part(rest.first(n));
        rest = rest.subspan(n);
        return part;
    };
    kb.client_write.mac_key = take(sizes.mac_key_length);  // client_write_MAC_key[mac_key_length]
    kb.server_write.mac_key = take(sizes.mac_key_length);  // server_write_MAC_key[mac_key_length]
    kb.client_write.enc_key = take(sizes.enc_key_length);  // client_write_key[enc_key_length]
    kb.server_write.enc_key = take(sizes.enc_key_length);  // server_write_key[enc_key_length]
    kb.client_write.iv = take(sizes.iv_length);            // client_write_IV[fixed_iv_length]
    kb.server_write.iv = take(sizes.iv_length);            // server_write_IV[fixed_iv_length]
    return kb;
}

// RFC 5246 §7.4.9: verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11]
VerifyData compute_verify_data(PrfAlgorithm alg, const SecretBytes& master_secret, Sender sender,
                               ByteView handshake_hash) {
    VerifyData v;
    // "For Finished messages sent by the client, the string "client finished". For Finished
    // messages sent by the server, the string "server finished"."
    v.prf = inputs(alg, sender == Sender::client ? "client finished" : "server finished", handshake_hash,
                   verify_data_length);
    SecretBytes out = prf(alg, master_secret.view(), v.prf.label, v.prf.seed, verify_data_length);
    std::copy_n(out.view().begin(), verify_data_length, v.verify_data.begin());
    return v;
}

Bytes handshake_hash(PrfAlgorithm alg, ByteView handshake_messages) {
    switch (alg) {
        case PrfAlgorithm::tls12_sha256: return crypto::digest(crypto::HashAlgorithm::sha256, handshake_messages);
        case PrfAlgorithm::tls12_sha384: return crypto::digest(crypto::HashAlgorithm::sha384, handshake_messages);
        case PrfAlgorithm::tls10_md5_sha1:  // RFC 2246 §7.4.9: MD5(handshake_messages) + SHA(handshake_messages)
            return concat({crypto::digest(crypto::HashAlgorithm::md5, handshake_messages),
                           crypto::digest(crypto::HashAlgorithm::sha1, handshake_messages)});
    }
    throw Error("unknown PRF algorithm");
}

}  // namespace lucid::handshake
