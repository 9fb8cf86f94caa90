// tools/capture/tls_decoder.cpp: a connection read from outside, with a key log or the server's key.
#include <doctest/doctest.h>

#include "conformance/recorded_connection.h"
#include "conformance/rsp_reader.h"
#include "crypto/error.h"
#include "crypto/hex.h"
#include "crypto/rsa.h"
#include "tests/tools/engine_pair.h"
#include "tools/capture/tls_decoder.h"
#include "tools/trace_coverage.h"
#include "x509/private_key.h"

using namespace lucid;
using namespace lucid::tools;

namespace {

// Counts what the decoder reports, and checks every message is explained.
struct Collector final : handshake::TraceSink {
    bool secrets = false;
    std::size_t records = 0, messages = 0, unexplained = 0;
    std::vector<std::string> derivations, notes;
    bool wants_secrets() const override { return secrets; }
    void on_record(const handshake::RecordTrace&) override { ++records; }
    void on_message(const handshake::MessageTrace& m) override {
        ++messages;
        if (!check_coverage(m).complete()) ++unexplained;
    }
    void on_derivation(const handshake::DerivationTrace& d) override { derivations.push_back(d.name); }
    void on_note(const handshake::NoteTrace& n) override { notes.push_back(n.text); }
};

conformance::RecordedConnection lucid_recording(const std::string& name) {
    return conformance::parse_recorded_connection(testing::read_file(LUCID_SOURCE_DIR "/vectors/tls/" + name)).connection;
}

KeyMaterial server_key() {
    KeyMaterial k;
    k.server_key = std::make_shared<const crypto::RsaPrivateKey>(
        x509::parse_private_key(as_bytes(testing::read_file(LUCID_SOURCE_DIR "/vectors/tls/data/lucid-server.key"))));
    return k;
}

}  // namespace

TEST_CASE("RFC 5246 §7.4.7.1: with the server's RSA key, an RSA key exchange is opened and its data read") {
    const conformance::RecordedConnection c = lucid_recording("lucid-aes128-sha256.txt");
    Collector sink;
    const DecodeResult r = decode_connection(interleave_flights(c.client_to_server, c.server_to_client), server_key(), sink);
    CHECK(r.keys_found);
    CHECK(r.problems.empty());
    CHECK(r.client_plaintext == c.client_plaintext);
    CHECK(r.server_plaintext == c.server_plaintext);
    CHECK(sink.unexplained == 0);
    CHECK(std::find(sink.derivations.begin(), sink.derivations.end(), "pre_master_secret") != sink.derivations.end());
    CHECK(std::find(sink.derivations.begin(), sink.derivations.end(), "client verify_data") != sink.derivations.end());
    CHECK(std::find(sink.derivations.begin(), sink.derivations.end(), "server verify_data") != sink.derivations.end());
}

TEST_CASE("forward secrecy (RFC 5246 §8.1.2): the server's key does not open a DHE connection, and the decoder says why") {
    const conformance::RecordedConnection c = lucid_recording("lucid-dhe-rsa-aes128-sha256.txt");
    Collector sink;
    const DecodeResult r = decode_connection(interleave_flights(c.client_to_server, c.server_to_client), server_key(), sink);
    CHECK_FALSE(r.keys_found);
    CHECK(r.why_not.find("forward secrecy") != std::string::npos);
    CHECK(r.client_plaintext.empty());
    CHECK(r.problems.empty());
    CHECK(sink.records > 6);  // the sealed records are still shown
}

TEST_CASE("NSS key log: the master secret opens an OpenSSL recording (TLS 1.2 with EMS, and TLS 1.0)") {
    for (const char* name : {"openssl-tls12-aes128-sha256.txt", "openssl-tls10-aes256-sha.txt", "openssl-tls12-null-sha256.txt"}) {
        CAPTURE(name);
        const auto records = conformance::parse_rsp(testing::read_file(LUCID_SOURCE_DIR "/vectors/tls/" + std::string(name)));
        REQUIRE(records.size() == 1);
        KeyMaterial keys;
        keys.master_secrets = parse_keylog(records[0].at("Keylog"));
        Collector sink;
        const DecodeResult r =
            decode_connection(interleave_flights(records[0].hex("ClientToServer"), records[0].hex("ServerToClient")), keys, sink);
        CHECK(r.keys_found);
        CHECK(r.problems.empty());
        CHECK(r.client_plaintext == records[0].hex("ClientPlaintext"));
        CHECK(r.server_plaintext == records[0].hex("ServerPlaintext"));
    }
}

TEST_CASE("design, Secrets: the decoder hands secrets only to a sink that wants them") {
    const conformance::RecordedConnection c = lucid_recording("lucid-aes128-sha256.txt");
    struct Secrets final : handshake::TraceSink {
        bool any_secret_value = false;
        void on_derivation(const handshake::DerivationTrace& d) override {
            for (const auto* list : {&d.inputs, &d.outputs}) {
                for (const handshake::TraceValue& v : *list) any_secret_value |= v.secret && !v.value.empty();
            }
        }
    } sink;
    decode_connection(interleave_flights(c.client_to_server, c.server_to_client), server_key(), sink);
    CHECK_FALSE(sink.any_secret_value);
}

TEST_CASE("a stream cut in the middle of a record is reported, not a crash; garbage is a problem, not a crash") {
    const conformance::RecordedConnection c = lucid_recording("lucid-aes128-sha256.txt");
    for (std::size_t n : {std::size_t{1}, std::size_t{7}, c.client_to_server.size() / 2, c.client_to_server.size() - 1}) {
        CAPTURE(n);
        Collector sink;
        const Bytes cut(c.client_to_server.begin(), c.client_to_server.begin() + static_cast<std::ptrdiff_t>(n));
        const DecodeResult r = decode_connection(interleave_flights(cut, c.server_to_client), server_key(), sink);
        CHECK_FALSE(r.problems.empty());
    }
    Collector sink;
    const DecodeResult r = decode_connection({{true, to_bytes("GET / HTTP/1.1\r\n\r\n")}}, server_key(), sink);
    CHECK_FALSE(r.problems.empty());
}

TEST_CASE("NSS key log format: CLIENT_RANDOM lines are read, other labels skipped, a bad line named") {
    const auto keys = parse_keylog("# comment\nCLIENT_TRAFFIC_SECRET_0 aa bb\nCLIENT_RANDOM " + std::string(64, '1') + " " +
                                   std::string(96, '2') + "\n");
    CHECK(keys.size() == 1);
    CHECK_THROWS_WITH_AS(parse_keylog("CLIENT_RANDOM 11 22\n"), doctest::Contains("line 1"), Error);
}
