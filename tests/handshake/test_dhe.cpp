// Tests of handshake/dhe.cpp: the DHE_RSA key exchange, RFC 5246 §7.4.3, §7.4.7.2, §8.1.2.
#include <doctest/doctest.h>

#include "crypto/bignum.h"
#include "crypto/hex.h"
#include "crypto/random.h"
#include "handshake/dhe.h"
#include "handshake/extensions.h"
#include "handshake/handshake_signatures.h"
#include "record/tls_error.h"
#include "tests/handshake/engine_harness.h"

using namespace lucid;
using namespace lucid::handshake;
using lucid::record::AlertDescription;
using lucid::record::TlsError;

namespace {

struct Fixture {
    const crypto::RsaPrivateKey& server_key = testing::test_pki().server_key;
    crypto::HmacDrbg server_rng{as_bytes("dhe server"), {}, {}};
    crypto::HmacDrbg client_rng{as_bytes("dhe client"), {}, {}};
    Bytes client_random = Bytes(32, 0xc1);
    Bytes server_random = Bytes(32, 0x5e);

    ServerDheStep server_step(const crypto::DhGroup& group, std::uint16_t algorithm = 0x0401) {
        return make_server_key_exchange(group, client_random, server_random, server_key, algorithm, server_rng);
    }
    AcceptedServerDh client_check(const ServerKeyExchange& m, std::size_t minimum_bits = crypto::dh_minimum_server_group_bits) {
        return check_server_key_exchange(m, client_random, server_random, server_key.public_key(),
                                         default_signature_algorithms(), minimum_bits);
    }
};

AlertDescription alert_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const TlsError& e) {
        return e.alert();
    }
    FAIL("no TlsError thrown");
    return AlertDescription::close_notify;
}

}  // namespace

TEST_CASE("RFC 5246 §8.1.2: client and server derive the same premaster over ffdhe2048") {
    Fixture f;
    ServerDheStep server = f.server_step(default_server_dh_group());
    CHECK(server.message.params.dh_p.size() == 256);
    CHECK(server.message.params.dh_g == Bytes{2});
    CHECK(server.message.signed_params.algorithm == 0x0401);

    const AcceptedServerDh accepted = f.client_check(server.message);
    CHECK(accepted.group.name == "ffdhe2048");  // recognised: RFC 7919 Appendix A.1
    ClientDheStep client = client_key_agreement(accepted, f.client_rng);
    const SecretBytes server_premaster = server_key_agreement(server.key, client.dh_Yc);
    CHECK(client.pre_master_secret.view().size() == server_premaster.view().size());
    CHECK(client.pre_master_secret.reveal() == server_premaster.reveal());
}

TEST_CASE("RFC 5246 §8.1.2: the premaster is Z = Ys^Xc mod p with its leading zero bytes stripped") {
    Fixture f;
    ServerDheStep server = f.server_step(default_server_dh_group());
    ClientDheStep client = client_key_agreement(f.client_check(server.message), f.client_rng);
    // Computed here independently, with GMP's plain (not constant-time) exponentiation.
    crypto::BigInt z;
    const crypto::BigInt ys = crypto::os2ip(server.message.params.dh_Ys);
    mpz_powm(z.get_mpz_t(), ys.get_mpz_t(), client.key.private_exponent().get_mpz_t(),
             default_server_dh_group().p.get_mpz_t());
    CHECK(client.pre_master_secret.reveal() == crypto::to_bytes_minimal(z));
    CHECK(client.dh_Yc == client.key.public_value_bytes());
    CHECK(client.pre_master_secret.view().front() != 0);
}

TEST_CASE("RFC 5246 §7.4.3: a ServerKeyExchange whose signature or parameters were changed is decrypt_error") {
    Fixture f;
    const ServerDheStep server = f.server_step(default_server_dh_group());
    ServerKeyExchange bad_signature = server.message;
    bad_signature.signed_params.signature[3] ^= 0x80;
    CHECK(alert_of([&] { f.client_check(bad_signature); }) == AlertDescription::decrypt_error);
    // An attacker who swaps in his own Ys (to learn the premaster) breaks the signature.
    ServerKeyExchange new_ys = server.message;
    new_ys.params.dh_Ys.back() ^= 0x01;
    CHECK(alert_of([&] { f.client_check(new_ys); }) == AlertDescription::decrypt_error);
    // Replayed into a handshake with other randoms.
    Fixture other;
    other.client_random[0] ^= 1;
    CHECK(alert_of([&] { other.client_check(server.message); }) == AlertDescription::decrypt_error);
}

TEST_CASE("RFC 5246 §7.4.3: a signature algorithm the client did not offer is illegal_parameter") {
    Fixture f;
    const ServerDheStep server = f.server_step(default_server_dh_group(), 0x0201);
    CHECK_NOTHROW(f.client_check(server.message));  // sha1 is in our list
    CHECK(alert_of([&] {
              check_server_key_exchange(server.message, f.client_random, f.server_random, f.server_key.public_key(),
                                        {0x0401}, crypto::dh_minimum_server_group_bits);
          }) == AlertDescription::illegal_parameter);
}

TEST_CASE("Logjam: a 1024-bit group is handshake_failure unless the minimum is lowered for a lab") {
    Fixture f;
    const ServerDheStep server = f.server_step(testing::oakley_group_2());
    try {
        f.client_check(server.message);
        FAIL("a 1024-bit group was accepted");
    } catch (const TlsError& e) {
        CHECK(e.alert() == AlertDescription::handshake_failure);
        CHECK(std::string(e.what()).find("1024-bit Diffie-Hellman group") != std::string::npos);
        CHECK(std::string(e.what()).find("at least 2048") != std::string::npos);
    }
    const AcceptedServerDh lab = f.client_check(server.message, 1024);
    CHECK(lab.group.bits() == 1024);
    CHECK(lab.group.exponent_bits == 0);  // not a group we know by name: a full-size exponent
    ClientDheStep client = client_key_agreement(lab, f.client_rng);
    CHECK(server_key_agreement(server.key, client.dh_Yc).reveal() == client.pre_master_secret.reveal());
}

TEST_CASE("RFC 7919 §5.1: Ys or Yc outside 1 < Y < p-1 is illegal_parameter, even when signed") {
    Fixture f;
    const crypto::DhGroup group = default_server_dh_group();
    for (const crypto::BigInt& bad : {crypto::BigInt(0), crypto::BigInt(1), crypto::BigInt(group.p - 1), crypto::BigInt(group.p)}) {
        ServerKeyExchange m = f.server_step(group).message;
        m.params.dh_Ys = crypto::to_bytes_minimal(bad);
        m.signed_params = sign_handshake(f.server_key, 0x0401, m.signed_content(f.client_random, f.server_random), f.server_rng);
        CHECK(alert_of([&] { f.client_check(m); }) == AlertDescription::illegal_parameter);
    }
    const ServerDheStep server = f.server_step(group);
    CHECK(alert_of([&] { server_key_agreement(server.key, Bytes{1}); }) == AlertDescription::illegal_parameter);
    CHECK(alert_of([&] { server_key_agreement(server.key, crypto::to_bytes_minimal(group.p - 1)); }) ==
          AlertDescription::illegal_parameter);
}

TEST_CASE("RFC 5246 §7.4.3: a malformed group (even p, g = 1) is illegal_parameter once signed") {
    Fixture f;
    ServerKeyExchange m = f.server_step(default_server_dh_group()).message;
    m.params.dh_g = Bytes{1};
    m.signed_params = sign_handshake(f.server_key, 0x0401, m.signed_content(f.client_random, f.server_random), f.server_rng);
    CHECK(alert_of([&] { f.client_check(m); }) == AlertDescription::illegal_parameter);
    m.params.dh_p.back() &= 0xFE;  // even
    m.params.dh_g = Bytes{2};
    m.signed_params = sign_handshake(f.server_key, 0x0401, m.signed_content(f.client_random, f.server_random), f.server_rng);
    CHECK(alert_of([&] { f.client_check(m); }) == AlertDescription::illegal_parameter);
}
