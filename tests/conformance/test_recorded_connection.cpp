// Tests of conformance/recorded_connection.cpp: the recorded lucid-client/lucid-server connections in
// vectors/tls/lucid-*.txt (the RSA handshake, and one per variant: DHE_RSA, a client certificate,
// a resumed session) replay byte for byte, both ways; if one does not, the failure names the first
// field that changed (conformance/wire_diff.h).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "handshake/messages/handshake_type.h"
#include "conformance/recorded_connection.h"
#include "net/saved_session.h"
#include "tests/handshake/test_pki.h"
#include "x509/pem.h"
#include "x509/private_key.h"

using namespace lucid;
using namespace lucid::handshake;
using namespace lucid::conformance;
using lucid::net::format_saved_session;
using lucid::net::parse_saved_session;
namespace fs = std::filesystem;

namespace {

const fs::path tls_dir = fs::path(LUCID_VECTORS_DIR) / "tls";
const fs::path recording = tls_dir / "lucid-aes128-sha256.txt";

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw Error("cannot read " + p.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const fs::path& p, std::string_view text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

ReplayCredentials credentials_for(const RecordedConnectionFile& file) {
    ReplayCredentials c;
    c.server = ServerCredentials::from_pem(read_file(tls_dir / file.certificate_chain_file),
                                           read_file(tls_dir / file.private_key_file));
    c.trust_anchors = certificates_from_pem(read_file(tls_dir / file.trust_anchors_file));
    if (!file.client_certificate_chain_file.empty()) {
        c.client = ServerCredentials::from_pem(read_file(tls_dir / file.client_certificate_chain_file),
                                               read_file(tls_dir / file.client_private_key_file));
    }
    if (!file.resume_session_file.empty()) {
        c.resume = std::make_shared<const SessionState>(
            parse_saved_session(as_bytes(read_file(tls_dir / file.resume_session_file))));
    }
    return c;
}

// The recordings of the variants (docs/handshake.md), each replayed like the RSA one.
const char* const variant_recordings[] = {
    "lucid-dhe-rsa-aes128-sha256.txt",
    "lucid-client-cert-aes128-sha256.txt",
    "lucid-resumed-aes128-sha256.txt",
    "lucid-ecdhe-rsa-aes128-gcm-sha256.txt",
    "lucid-tls10-dhe-rsa-aes128-sha.txt",
    "lucid-tls11-aes128-sha.txt",
};

// The messages in one direction of a recording, by name, in order ("ServerHello", "Finished" ...);
// only the handshake records in the clear are named, the encrypted ones are "(encrypted)".
std::vector<std::string> clear_handshake_messages(ByteView stream) {
    std::vector<std::string> out;
    bool encrypted = false;
    for (std::size_t at = 0; at + 5 <= stream.size();) {
        const std::uint8_t type = stream[at];
        const std::size_t length = static_cast<std::size_t>(stream[at + 3] << 8 | stream[at + 4]);
        const ByteView fragment = stream.subspan(at + 5, std::min(length, stream.size() - at - 5));
        if (type == 20) {
            out.push_back("ChangeCipherSpec");
            encrypted = true;
        } else if (type == 22 && encrypted) {
            out.push_back("(encrypted)");
        } else if (type == 22) {
            for (std::size_t m = 0; m + 4 <= fragment.size();) {
                out.push_back(handshake_type_name(fragment[m]));
                m += 4 + (static_cast<std::size_t>(fragment[m + 1]) << 16 | fragment[m + 2] << 8 | fragment[m + 3]);
            }
        }
        at += 5 + length;
    }
    return out;
}

}  // namespace

TEST_CASE("vectors/tls/lucid-aes128-sha256.txt: a server fed the recorded client bytes sends the recorded server bytes") {
    const RecordedConnectionFile file = parse_recorded_connection(read_file(recording));
    const ReplayResult r = replay_server(file.connection, credentials_for(file));
    INFO(r.difference.value_or("") << r.problem.value_or(""));
    CHECK(r.ok());
    CHECK(r.received_plaintext == file.connection.client_plaintext);
}

TEST_CASE("vectors/tls/lucid-aes128-sha256.txt: a client fed the recorded server bytes sends the recorded client bytes") {
    const RecordedConnectionFile file = parse_recorded_connection(read_file(recording));
    const ReplayResult r = replay_client(file.connection, credentials_for(file));
    INFO(r.difference.value_or("") << r.problem.value_or(""));
    CHECK(r.ok());
    CHECK(r.received_plaintext == file.connection.server_plaintext);
}

TEST_CASE("a changed recording is caught, and the sentence names the field that differs") {
    RecordedConnectionFile file = parse_recorded_connection(read_file(recording));
    // Byte 5 + 4 + 2 + 10 of the server's stream: inside ServerHello.random.random_bytes.
    file.connection.server_to_client[5 + 4 + 2 + 10] ^= 0xFF;
    const ReplayResult r = replay_server(file.connection, credentials_for(file));
    REQUIRE(r.difference);
    CHECK(r.difference->find("record 0 (handshake)") != std::string::npos);
    CHECK(r.difference->find("ServerHello.random.random_bytes") != std::string::npos);
}

TEST_CASE("recording format: parse and format are inverses") {
    const std::string text = read_file(recording);
    const RecordedConnectionFile file = parse_recorded_connection(text);
    const RecordedConnectionFile again = parse_recorded_connection(format_recorded_connection(file, {"x"}));
    CHECK(again.connection.client_to_server == file.connection.client_to_server);
    CHECK(again.connection.server_to_client == file.connection.server_to_client);
    CHECK(again.connection.suite == file.connection.suite);
    CHECK(again.private_key_file == file.private_key_file);
    CHECK_THROWS_AS(parse_recorded_connection("Suite = AES128-SHA\n"), Error);
}

TEST_CASE("recording format: a Time that is not a number is a lucid::Error (fuzz/corpus/vector_files/regression-time-not-a-number)") {
    std::string text = read_file(recording);
    const std::size_t at = text.find("Time = ");
    REQUIRE(at != std::string::npos);
    for (const char* bad : {"Time = Suite067200", "Time = 17040672OO", "Time = 99999999999999999999", "Time = "}) {
        std::string changed = text;
        changed.replace(at, text.find('\n', at) - at, bad);
        INFO(bad);
        CHECK_THROWS_AS(parse_recorded_connection(changed), Error);
    }
}

// The walkthrough's connection for a suite: the test PKI's files, the seeds and the HTTP exchange
// every lucid-*.txt recording shares.
namespace {
RecordedConnectionFile walkthrough_recording(CipherSuite suite) {
    RecordedConnectionFile file;
    file.certificate_chain_file = "data/lucid-server.pem";
    file.private_key_file = "data/lucid-server.key";
    file.trust_anchors_file = "data/lucid-ca.pem";
    RecordedConnection& c = file.connection;
    c.suite = suite;
    c.server_name = "localhost";
    c.time = deterministic_gmt_unix_time;
    c.client_seed = from_hex("6c756369642d636c69656e742d736565642d3031");  // "lucid-client-seed-01"
    c.server_seed = from_hex("6c756369642d7365727665722d736565642d3031");  // "lucid-server-seed-01"
    c.client_plaintext = to_bytes("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n");
    c.server_plaintext = to_bytes("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello from lucidtls\n");
    return file;
}
// Records the connection that `file` describes, writes it to vectors/tls/NAME with the header
// comment, and checks that it reads back.
void record_and_save(const char* name, RecordedConnectionFile& file, const std::vector<std::string>& header) {
    record_connection(file.connection, credentials_for(file));
    write_file(tls_dir / name, format_recorded_connection(file, header));
    CHECK(parse_recorded_connection(read_file(tls_dir / name)).connection.server_to_client == file.connection.server_to_client);
}
}  // namespace

// Writes the recording and its certificate files anew from the test PKI. Skipped in normal runs:
//   build-*/tests/handshake/test_handshake --no-skip -tc='recorded connection: regenerate*'
TEST_CASE("recorded connection: regenerate vectors/tls/lucid-aes128-sha256.txt" * doctest::skip()) {
    const testing::TestPki& pki = testing::test_pki();
    fs::create_directories(tls_dir / "data");
    const std::string ca_pem = x509::pem_encode("CERTIFICATE", pki.ca_cert);
    write_file(tls_dir / "data/lucid-ca.pem", ca_pem);
    write_file(tls_dir / "data/lucid-server.pem", x509::pem_encode("CERTIFICATE", pki.server_cert) + ca_pem);
    const SecretBytes key_pem = x509::private_key_pem(pki.server_key);
    write_file(tls_dir / "data/lucid-server.key",
               std::string_view(reinterpret_cast<const char*>(key_pem.data()), key_pem.size()));

    RecordedConnectionFile file = walkthrough_recording(CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256);
    RecordedConnection& c = file.connection;
    record_connection(c, credentials_for(file));
    write_file(recording,
               format_recorded_connection(
                   file, {"A lucidtls client talking to a lucidtls server, recorded in deterministic mode.",
                          "",
                          "Made by tests/conformance/test_recorded_connection.cpp (the skipped test case",
                          "\"recorded connection: regenerate ...\"); replayed by the same file and by",
                          "conformance/lucid_recording.cpp (`lucid vectors`). The format and the script both",
                          "sides follow are described in conformance/recorded_connection.h. The randoms come from",
                          "make_deterministic_random(seed, role) (handshake/engine.h); gmt_unix_time and the",
                          "certificate check use Time. The server's certificate and key are in data/."}));
    CHECK(parse_recorded_connection(read_file(recording)).connection.client_to_server == c.client_to_server);
}

TEST_CASE("vectors/tls/lucid-*.txt: each variant's recording replays byte for byte, both ways") {
    for (const char* name : variant_recordings) {
        CAPTURE(name);
        const RecordedConnectionFile file = parse_recorded_connection(read_file(tls_dir / name));
        const ReplayResult server = replay_server(file.connection, credentials_for(file));
        INFO(server.difference.value_or("") << server.problem.value_or(""));
        CHECK(server.ok());
        const ReplayResult client = replay_client(file.connection, credentials_for(file));
        INFO(client.difference.value_or("") << client.problem.value_or(""));
        CHECK(client.ok());
    }
}

TEST_CASE("vectors/tls/lucid-*.txt: each variant's recording holds the messages of its variant") {
    using V = std::vector<std::string>;
    auto messages = [](const char* name, bool from_server) {
        const RecordedConnectionFile file = parse_recorded_connection(read_file(tls_dir / name));
        return clear_handshake_messages(from_server ? file.connection.server_to_client : file.connection.client_to_server);
    };
    // RFC 5246 §7.4.3: DHE_RSA adds ServerKeyExchange.
    CHECK(messages("lucid-dhe-rsa-aes128-sha256.txt", true) ==
          V{"ServerHello", "Certificate", "ServerKeyExchange", "ServerHelloDone", "ChangeCipherSpec", "(encrypted)"});
    // RFC 5246 §7.4.4, §7.4.6, §7.4.8: CertificateRequest; the client's Certificate and CertificateVerify.
    CHECK(messages("lucid-client-cert-aes128-sha256.txt", true) ==
          V{"ServerHello", "Certificate", "CertificateRequest", "ServerHelloDone", "ChangeCipherSpec", "(encrypted)"});
    CHECK(messages("lucid-client-cert-aes128-sha256.txt", false) ==
          V{"ClientHello", "Certificate", "ClientKeyExchange", "CertificateVerify", "ChangeCipherSpec", "(encrypted)"});
    // RFC 5246 §7.3, Figure 2: the server finishes first; no certificate, no key exchange.
    CHECK(messages("lucid-resumed-aes128-sha256.txt", true) == V{"ServerHello", "ChangeCipherSpec", "(encrypted)"});
    CHECK(messages("lucid-resumed-aes128-sha256.txt", false) == V{"ClientHello", "ChangeCipherSpec", "(encrypted)"});
    // RFC 8422 §5.4: ECDHE_RSA adds ServerKeyExchange (the named curve, the point, the signature).
    CHECK(messages("lucid-ecdhe-rsa-aes128-gcm-sha256.txt", true) ==
          V{"ServerHello", "Certificate", "ServerKeyExchange", "ServerHelloDone", "ChangeCipherSpec", "(encrypted)"});
    CHECK(messages("lucid-tls10-dhe-rsa-aes128-sha.txt", true) ==
          V{"ServerHello", "Certificate", "ServerKeyExchange", "ServerHelloDone", "ChangeCipherSpec", "(encrypted)"});
}

// RFC 5246 Appendix E.1: "The server will send a ServerHello containing the lower of that suggested
// by the client in the client hello and the highest supported by the server." Read from the bytes.
TEST_CASE("vectors/tls/lucid-tls1*.txt: the recorded versions are the ones RFC 5246 Appendix E.1 chooses, with the RFC 8446 sentinel") {
    struct Expected {
        const char* name;
        std::uint16_t client_hello_version, server_hello_version;
    };
    for (const Expected& e : {Expected{"lucid-tls10-dhe-rsa-aes128-sha.txt", 0x0301, 0x0301},
                              Expected{"lucid-tls11-aes128-sha.txt", 0x0302, 0x0302}}) {
        CAPTURE(e.name);
        const RecordedConnection c = parse_recorded_connection(read_file(tls_dir / e.name)).connection;
        // Record header (5 bytes), handshake header (4), then client_version / server_version.
        REQUIRE(c.client_to_server.size() > 11);
        REQUIRE(c.server_to_client.size() > 43);
        CHECK(((c.client_to_server[9] << 8) | c.client_to_server[10]) == e.client_hello_version);
        CHECK(((c.server_to_client[9] << 8) | c.server_to_client[10]) == e.server_hello_version);
        // The server allows TLS 1.2 and chose less: the last 8 bytes of ServerHello.random say so.
        const ByteView random_tail = ByteView(c.server_to_client).subspan(11 + 32 - 8, 8);
        CHECK(Bytes(random_tail.begin(), random_tail.end()) == Bytes(handshake::downgrade_sentinel_tls11.begin(),
                                                                       handshake::downgrade_sentinel_tls11.end()));
    }
}

// Writes the three variant recordings anew (the certificate files of the RSA recording must exist,
// and data/lucid-client.pem is written here). Skipped in normal runs:
//   build-*/tests/handshake/test_handshake --no-skip -tc='recorded connection: regenerate the variants*'
TEST_CASE("recorded connection: regenerate the variants (DHE, client certificate, resumption)" * doctest::skip()) {
    const testing::TestPki& pki = testing::test_pki();
    write_file(tls_dir / "data/lucid-client.pem", x509::pem_encode("CERTIFICATE", pki.client_cert));

    auto base = [] { return walkthrough_recording(CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256); };
    const std::vector<std::string> common = {
        "",
        "Made by tests/conformance/test_recorded_connection.cpp (the skipped test case",
        "\"recorded connection: regenerate the variants ...\"); replayed by the same file and by",
        "conformance/lucid_recording.cpp (`lucid vectors`). The format and the script both sides",
        "follow are described in conformance/recorded_connection.h; the variant in docs/handshake.md."};
    auto save = [&](const char* name, RecordedConnectionFile& file, std::vector<std::string> header) {
        header.insert(header.end(), common.begin(), common.end());
        record_and_save(name, file, header);
    };

    RecordedConnectionFile dhe = base();
    dhe.connection.suite = CipherSuite::TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;
    save("lucid-dhe-rsa-aes128-sha256.txt", dhe,
         {"DHE_RSA (RFC 5246 §7.4.3, §8.1.2): a lucidtls client and server, deterministic mode.",
          "The server's ServerKeyExchange carries the ffdhe2048 group (RFC 7919 Appendix A.1), its",
          "public value and an RSA signature; the client's ClientKeyExchange carries dh_Yc."});

    RecordedConnectionFile cert = base();
    cert.connection.client_auth = ClientAuth::require;
    cert.client_certificate_chain_file = "data/lucid-client.pem";
    cert.client_private_key_file = "data/lucid-server.key";
    save("lucid-client-cert-aes128-sha256.txt", cert,
         {"A client certificate (RFC 5246 §7.4.4, §7.4.6, §7.4.8): the server requires one, the client",
          "sends Certificate and CertificateVerify. The client certificate (CN=Test Client, clientAuth)",
          "is issued by the same test CA and, to keep the test PKI small, holds the server's key."});

    // The session being resumed: a fixed ID and master secret, as a full handshake would leave them.
    SessionState session;
    crypto::HmacDrbg session_rng(as_bytes("lucid-resumed-session-01"), as_bytes("lucidtls deterministic mode"), {});
    session.session_id = session_rng.bytes(32);
    session.cipher_suite = static_cast<std::uint16_t>(CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256);
    session.master_secret = session_rng.secret(48);
    session.extended_master_secret = true;
    session.server_name = "localhost";
    session.peer_certificates = {pki.server_cert, pki.ca_cert};
    session.peer_verified = true;
    session.created = deterministic_gmt_unix_time;
    const SecretBytes session_text = format_saved_session(session);
    write_file(tls_dir / "data/lucid-resume-session.txt",
               std::string_view(reinterpret_cast<const char*>(session_text.data()), session_text.size()));
    RecordedConnectionFile resumed = base();
    resumed.resume_session_file = "data/lucid-resume-session.txt";
    save("lucid-resumed-aes128-sha256.txt", resumed,
         {"Session resumption by ID (RFC 5246 §7.3, Figure 2): the client offers the session in",
          "data/lucid-resume-session.txt, the server finds it in its cache and answers ServerHello,",
          "ChangeCipherSpec and Finished at once; both derive new keys from the saved master secret.",
          "The session file holds that master secret: a test value, public like the seeds."});
}

// Writes the TLS 1.0 and TLS 1.1 recordings anew (the certificate files of the RSA recording must
// exist). Skipped in normal runs:
//   build-*/tests/conformance/test_conformance --no-skip -tc='recorded connection: regenerate the TLS 1.0*'
TEST_CASE("recorded connection: regenerate the TLS 1.0 and 1.1 recordings" * doctest::skip()) {
    const std::vector<std::string> common = {
        "",
        "INSECURE versions (RFC 8996), recorded for teaching: lucid needs --min-protocol TLSv1 for them.",
        "Made by tests/conformance/test_recorded_connection.cpp (the skipped test case",
        "\"recorded connection: regenerate the TLS 1.0 and 1.1 recordings\"); replayed by the same file",
        "and by conformance/lucid_recording.cpp (`lucid vectors`). The format and the script both",
        "sides follow are described in conformance/recorded_connection.h."};
    auto save = [&](const char* name, RecordedConnectionFile& file, std::vector<std::string> header) {
        header.insert(header.end(), common.begin(), common.end());
        record_and_save(name, file, header);
    };
    const handshake::VersionRange server_range{handshake::tls10_version, handshake::tls12_version};

    RecordedConnectionFile tls10 = walkthrough_recording(CipherSuite::TLS_DHE_RSA_WITH_AES_128_CBC_SHA);
    tls10.connection.client_versions = {handshake::tls10_version, handshake::tls10_version};
    tls10.connection.server_versions = server_range;
    save("lucid-tls10-dhe-rsa-aes128-sha.txt", tls10,
         {"TLS 1.0 (RFC 2246) with DHE_RSA and AES-128-CBC-SHA: a client allowing TLS 1.0 only and a server",
          "allowing TLS 1.0 to 1.2 agree on TLS 1.0. The PRF is MD5 xor SHA-1 (RFC 2246 §5); the",
          "ServerKeyExchange signature is over MD5 || SHA-1 with no algorithm field (§7.4.3); records",
          "chain their CBC IV (§6.2.3.2) and application data is split 1/n-1 against BEAST."});

    RecordedConnectionFile tls11 = walkthrough_recording(CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA);
    tls11.connection.client_versions = {handshake::tls10_version, handshake::tls11_version};
    tls11.connection.server_versions = server_range;
    save("lucid-tls11-aes128-sha.txt", tls11,
         {"TLS 1.1 (RFC 4346), the walkthrough's example of version negotiation: the client supports up to",
          "TLS 1.1, the server up to TLS 1.2, and TLS 1.1 is chosen, the highest both support (RFC 5246",
          "Appendix E.1). The server writes the RFC 8446 §4.1.3 sentinel DOWNGRD\\x00 at the end of its",
          "random. Records carry an explicit IV (RFC 4346 §6.2.3.2)."});
}

// Writes the ECDHE-GCM recording anew (the certificate files of the RSA recording must exist).
// Skipped in normal runs:
//   build-*/tests/conformance/test_conformance --no-skip -tc='recorded connection: regenerate the ECDHE*'
TEST_CASE("recorded connection: regenerate the ECDHE-GCM recording" * doctest::skip()) {
    RecordedConnectionFile file = walkthrough_recording(CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    RecordedConnection& c = file.connection;
    record_connection(c, credentials_for(file));
    const char* const name = "lucid-ecdhe-rsa-aes128-gcm-sha256.txt";
    write_file(tls_dir / name,
               format_recorded_connection(
                   file, {"ECDHE_RSA with AES-128-GCM (RFC 8422 §5.4, RFC 5288): a lucidtls client and server,",
                          "deterministic mode. The ServerKeyExchange names the curve x25519 (RFC 7748), carries",
                          "the server's point and an RSA signature; the client's ClientKeyExchange carries its",
                          "point. Each record has an 8-byte explicit nonce and a 16-byte tag (RFC 5246 §6.2.3.3).",
                          "",
                          "Made by tests/conformance/test_recorded_connection.cpp (the skipped test case",
                          "\"recorded connection: regenerate the ECDHE-GCM recording\"); replayed by the same file",
                          "and by conformance/lucid_recording.cpp (`lucid vectors`). The format and the script both",
                          "sides follow are described in conformance/recorded_connection.h."}));
    CHECK(parse_recorded_connection(read_file(tls_dir / name)).connection.server_to_client == c.server_to_client);
}
