// Tests of handshake/key_schedule.cpp: each derivation is the PRF call of its RFC section, with the
// randoms in the right order, and the key block is cut in the order of RFC 5246 §6.3. The OpenSSL
// recordings (vectors/tls/) check the whole schedule against another implementation.
#include <doctest/doctest.h>

#include "crypto/hash.h"
#include "crypto/hex.h"
#include "crypto/error.h"
#include "handshake/cipher_suites.h"
#include "handshake/key_schedule.h"
#include "handshake/key_schedule_trace.h"

using namespace lucid;
using namespace lucid::handshake;

namespace {
Bytes counting(std::size_t n, std::uint8_t start) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(start + 13 * i);
    return b;
}
const Bytes client_random = counting(32, 0x10);
const Bytes server_random = counting(32, 0x90);
}  // namespace

TEST_CASE("RFC 5246 §8.1: master_secret = PRF(pre_master_secret, \"master secret\", client_random + server_random)[0..47]") {
    const SecretBytes premaster(counting(48, 3));
    for (PrfAlgorithm alg : {PrfAlgorithm::tls10_md5_sha1, PrfAlgorithm::tls12_sha256, PrfAlgorithm::tls12_sha384}) {
        const MasterSecret ms = derive_master_secret(alg, premaster, client_random, server_random);
        CHECK(ms.master_secret.size() == 48);
        CHECK(to_hex(ms.master_secret.view()) ==
              to_hex(prf(alg, premaster.view(), "master secret", concat({client_random, server_random}), 48).view()));
        CHECK(ms.prf.label == "master secret");
        CHECK(ms.prf.seed == concat({client_random, server_random}));
        CHECK(ms.prf.length == 48);
        CHECK(ms.prf.algorithm == alg);
    }
    CHECK_THROWS_AS(derive_master_secret(PrfAlgorithm::tls12_sha256, premaster, counting(31, 0), server_random), Error);
}

TEST_CASE("RFC 7627 §4: the extended master secret uses the session hash as its seed") {
    const SecretBytes premaster(counting(48, 3));
    const Bytes session_hash = crypto::digest(crypto::HashAlgorithm::sha256, as_bytes("ClientHello...ClientKeyExchange"));
    const MasterSecret ms = derive_extended_master_secret(PrfAlgorithm::tls12_sha256, premaster, session_hash);
    CHECK(ms.prf.label == "extended master secret");
    CHECK(ms.prf.seed == session_hash);
    CHECK(to_hex(ms.master_secret.view()) ==
          to_hex(prf(PrfAlgorithm::tls12_sha256, premaster.view(), "extended master secret", session_hash, 48).view()));
}

TEST_CASE("RFC 5246 §6.3: the key block is PRF(master, \"key expansion\", server_random + client_random), cut in order") {
    const SecretBytes master(counting(48, 0x55));
    const record::CipherSpec spec = record_cipher_spec(cipher_suite_info(CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA));
    const record::KeyMaterialSizes sizes = record::key_material_sizes(spec);
    const KeyBlock kb = derive_key_block(PrfAlgorithm::tls12_sha256, master, client_random, server_random, sizes);
    CHECK(kb.prf.seed == concat({server_random, client_random}));  // server first, unlike §8.1
    CHECK(kb.prf.label == "key expansion");
    CHECK(kb.key_block.size() == 104);
    CHECK(to_hex(kb.key_block.view()) ==
          to_hex(prf(PrfAlgorithm::tls12_sha256, master.view(), "key expansion",
                     concat({server_random, client_random}), 104).view()));
    // client MAC | server MAC | client key | server key | client IV | server IV
    const Bytes joined = concat({kb.client_write.mac_key.view(), kb.server_write.mac_key.view(),
                                 kb.client_write.enc_key.view(), kb.server_write.enc_key.view(),
                                 kb.client_write.iv.view(), kb.server_write.iv.view()});
    CHECK(to_hex(joined) == to_hex(kb.key_block.view()));
    CHECK(kb.client_write.mac_key.size() == 20);
    CHECK(kb.server_write.enc_key.size() == 16);
    CHECK(kb.server_write.iv.size() == 16);

    SUBCASE("NULL-SHA256: only MAC keys") {
        const KeyBlock null = derive_key_block(PrfAlgorithm::tls12_sha256, master, client_random, server_random,
                                               record::key_material_sizes(record_cipher_spec(
                                                   cipher_suite_info(CipherSuite::TLS_RSA_WITH_NULL_SHA256))));
        CHECK(null.key_block.size() == 64);
        CHECK(null.client_write.enc_key.empty());
        CHECK(null.server_write.iv.empty());
        CHECK(to_hex(null.server_write.mac_key.view()) == to_hex(null.key_block.view().subspan(32)));
    }
}

TEST_CASE("RFC 5246 §7.4.9: verify_data = PRF(master, finished_label, Hash(handshake_messages))[0..11]") {
    const SecretBytes master(counting(48, 0x21));
    const Bytes messages = counting(500, 1);
    for (PrfAlgorithm alg : {PrfAlgorithm::tls10_md5_sha1, PrfAlgorithm::tls12_sha256, PrfAlgorithm::tls12_sha384}) {
        const Bytes hash = handshake_hash(alg, messages);
        const VerifyData client = compute_verify_data(alg, master, Sender::client, hash);
        const VerifyData server = compute_verify_data(alg, master, Sender::server, hash);
        CHECK(client.prf.label == "client finished");
        CHECK(server.prf.label == "server finished");
        CHECK(client.prf.seed == hash);
        CHECK(to_hex(client.verify_data) == to_hex(prf(alg, master.view(), "client finished", hash, 12).view()));
        CHECK(to_hex(server.verify_data) == to_hex(prf(alg, master.view(), "server finished", hash, 12).view()));
        CHECK(client.verify_data != server.verify_data);
    }
}

TEST_CASE("RFC 5246 §7.4.9 / RFC 2246 §7.4.9: the handshake hash of each PRF") {
    const Bytes messages = counting(100, 4);
    CHECK(handshake_hash(PrfAlgorithm::tls12_sha256, messages) == crypto::digest(crypto::HashAlgorithm::sha256, messages));
    CHECK(handshake_hash(PrfAlgorithm::tls12_sha384, messages) == crypto::digest(crypto::HashAlgorithm::sha384, messages));
    CHECK(handshake_hash(PrfAlgorithm::tls10_md5_sha1, messages) ==
          concat({crypto::digest(crypto::HashAlgorithm::md5, messages), crypto::digest(crypto::HashAlgorithm::sha1, messages)}));
}

// The trace names the PRF and the hash the suite really uses: a *_SHA384 suite (RFC 5289 §3.2) is
// not "P_SHA256" (it was, until the key schedule's records learned to read PrfInputs.algorithm).
TEST_CASE("key schedule trace: the master secret and verify_data notes name the suite's PRF and hash") {
    const Bytes client_random(32, 0x11), server_random(32, 0x22);
    const SecretBytes pre_master_secret{ByteView(Bytes(48, 0x33))};
    struct Case {
        handshake::PrfAlgorithm alg;
        const char* prf;
        const char* hash;
    };
    for (const Case c : {Case{handshake::PrfAlgorithm::tls12_sha256, "PRF = P_SHA256", "SHA-256 of 100 bytes"},
                         Case{handshake::PrfAlgorithm::tls12_sha384, "PRF = P_SHA384", "SHA-384 of 100 bytes"}}) {
        CAPTURE(c.prf);
        const handshake::MasterSecret ms =
            handshake::derive_master_secret(c.alg, pre_master_secret, client_random, server_random);
        const handshake::DerivationTrace master = handshake::master_secret_derivation(pre_master_secret, ms);
        REQUIRE(master.outputs.size() == 1);
        CHECK(master.outputs[0].note.find(c.prf) != std::string::npos);
        const Bytes hash = handshake::handshake_hash(c.alg, Bytes(100, 0x44));
        const handshake::VerifyData vd =
            handshake::compute_verify_data(c.alg, ms.master_secret, handshake::Sender::client, hash);
        const handshake::DerivationTrace finished =
            handshake::verify_data_derivation(ms.master_secret, handshake::Sender::client, vd, 100);
        bool named = false;
        for (const handshake::TraceValue& v : finished.inputs) named |= v.note.find(c.hash) != std::string::npos;
        CHECK(named);
    }
}

TEST_CASE("key schedule trace: a CBC key block's IVs are the first chained IVs in TLS 1.0 (RFC 2246 §6.2.3.2), unused from TLS 1.1 (RFC 4346 §6.2.3.2)") {
    const SecretBytes master(counting(48, 0x55));
    const record::CipherSpec spec = record_cipher_spec(cipher_suite_info(CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA));
    const KeyBlock kb = derive_key_block(PrfAlgorithm::tls10_md5_sha1, master, client_random, server_random,
                                         record::key_material_sizes(spec));
    auto iv_note = [&](std::uint16_t version) {
        for (const TraceValue& v : key_block_derivation(master, kb, spec, version).outputs) {
            if (v.name == "client_write_IV") return v.note;
        }
        return std::string("(no client_write_IV)");
    };
    CHECK(iv_note(0x0301).find("TLS 1.0: the first record's CBC IV") != std::string::npos);
    CHECK(iv_note(0x0302).find("unused in TLS 1.1") != std::string::npos);
    CHECK(iv_note(0x0303).find("unused in TLS 1.2") != std::string::npos);
}
