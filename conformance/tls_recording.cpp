// Recorded TLS sessions between openssl s_client and openssl s_server (vectors/tls/, made by
// vectors/tls/record.sh, which describes the file format): the independent check of lucidtls's
// key schedule and record layer.
//
// For each file:
//   1. Both byte streams go through a RecordLayer (record/record_layer.h) in the NULL state and
//      a HandshakeAssembler, up to each side's ChangeCipherSpec: ClientHello, ServerHello, ...
//   2. From the hellos: client and server random, the version and suite the server chose, and
//      whether extended_master_secret (RFC 7627) and encrypt_then_mac (RFC 7366) were negotiated.
//      The master secret is the keylog's (it cannot be recomputed without the server's private
//      key; with EMS it also depends on the session hash), after checking that the keylog's client
//      random is the ClientHello's.
//   3. derive_key_block() (RFC 5246 §6.3), make_cipher_state() per direction, installed at each
//      side's ChangeCipherSpec; every later record is decrypted by the RecordLayer.
//   4. Cases: every record decrypted (one case each: it decrypts, and an application_data record
//      carries the next bytes of the recorded plaintext, a Finished is a Finished, an alert is a
//      close_notify), both Finished messages (verify_data recomputed with our PRF over the
//      transcript hash, RFC 5246 §7.4.9), and both plaintext streams compared whole, byte for byte.
//
// The suite's sizes, MAC and PRF come from the one suite table (handshake/cipher_suites.h), so a
// recording made by OpenSSL also checks that table's columns: a wrong key or IV size would not
// decrypt.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "conformance/formats.h"
#include "conformance/rsp_reader.h"
#include "crypto/ct.h"
#include "crypto/error.h"
#include "crypto/hex.h"
#include "crypto/random.h"
#include "handshake/cipher_suites.h"
#include "handshake/key_schedule.h"
#include "record/codec.h"
#include "record/handshake_assembler.h"
#include "record/record_layer.h"
#include "record/tls_error.h"

namespace lucid::conformance {

namespace {

using record::ContentType;

constexpr std::uint8_t finished_type = 20;       // RFC 5246 §7.4
constexpr std::uint8_t client_hello_type = 1;
constexpr std::uint8_t server_hello_type = 2;
constexpr std::uint8_t server_hello_done_type = 14;
constexpr std::uint16_t ext_encrypt_then_mac = 22;        // RFC 7366
constexpr std::uint16_t ext_extended_master_secret = 23;  // RFC 7627

// Reading needs no randomness; sealing never happens here.
class NoRandom final : public crypto::RandomSource {
public:
    void fill(MutableByteView) override { throw Error("the recording runner draws no random bytes"); }
};

struct Hello {
    record::ProtocolVersion version;
    Bytes random;
    std::uint16_t cipher_suite = 0;  // ServerHello only
    std::vector<std::uint16_t> extensions;
    bool has(std::uint16_t ext) const {
        for (std::uint16_t e : extensions) {
            if (e == ext) return true;
        }
        return false;
    }
};

// RFC 5246 §7.4.1.4: Extension extensions<0..2^16-1>, each { ExtensionType type; opaque data<0..2^16-1> }.
void read_extensions(record::Reader& r, Hello& hello) {
    if (r.empty()) return;  // §7.4.1.2: the extensions field may be absent
    record::Reader list = r.vec(2, 0, 0xFFFF, "extensions");
    while (!list.empty()) {
        hello.extensions.push_back(list.u16("extension_type"));
        list.vec_bytes(2, 0, 0xFFFF, "extension_data");
    }
    r.expect_end();
}

// RFC 5246 §7.4.1.2
Hello parse_client_hello(ByteView body) {
    record::Reader r(body, "ClientHello");
    Hello h;
    h.version.major = r.u8("client_version.major");
    h.version.minor = r.u8("client_version.minor");
    ByteView random = r.bytes(32, "random");
    h.random.assign(random.begin(), random.end());
    r.vec_bytes(1, 0, 32, "session_id");
    r.vec_bytes(2, 2, 0xFFFE, "cipher_suites");
    r.vec_bytes(1, 1, 0xFF, "compression_methods");
    read_extensions(r, h);
    return h;
}

// RFC 5246 §7.4.1.3
Hello parse_server_hello(ByteView body) {
    record::Reader r(body, "ServerHello");
    Hello h;
    h.version.major = r.u8("server_version.major");
    h.version.minor = r.u8("server_version.minor");
    ByteView random = r.bytes(32, "random");
    h.random.assign(random.begin(), random.end());
    r.vec_bytes(1, 0, 32, "session_id");
    h.cipher_suite = r.u16("cipher_suite");
    r.u8("compression_method");
    read_extensions(r, h);
    return h;
}

// One side's stream: its records, read through a RecordLayer.
struct Side {
    const char* name;  // "client", "server"
    NoRandom rng;
    record::RecordLayer layer{rng};
    record::HandshakeAssembler assembler;
    std::vector<record::HandshakeMessage> before_ccs;  // handshake messages in the clear

    explicit Side(const char* n, ByteView stream) : name(n) { layer.feed(stream); }

    // RFC 5246 §7.1: everything up to ChangeCipherSpec is read with the NULL state.
    void read_until_change_cipher_spec() {
        while (auto r = layer.next_record()) {
            assembler.add(*r);
            if (r->type == ContentType::change_cipher_spec) {
                if (r->fragment != Bytes{1}) throw Error(std::string(name) + ": ChangeCipherSpec is not the byte 1");
                return;
            }
            if (r->type != ContentType::handshake) {
                throw Error(std::string(name) + ": a " + record::content_type_name(r->type) +
                            " record before ChangeCipherSpec");
            }
            while (auto m = assembler.next_message()) before_ccs.push_back(std::move(*m));
        }
        throw Error(std::string(name) + ": the stream ends before ChangeCipherSpec");
    }
};

Bytes raw_of(const std::vector<record::HandshakeMessage>& messages, std::size_t from, std::size_t to) {
    Bytes out;
    for (std::size_t i = from; i < to && i < messages.size(); ++i) append(out, messages[i].raw);
    return out;
}

std::size_t index_after(const std::vector<record::HandshakeMessage>& messages, std::uint8_t type) {
    for (std::size_t i = 0; i < messages.size(); ++i) {
        if (messages[i].type == type) return i + 1;
    }
    throw Error("the server's first flight has no message of type " + std::to_string(type));
}

struct Keylog {
    Bytes client_random;
    SecretBytes master_secret;
};

// NSS key log format: "CLIENT_RANDOM <64 hex digits> <96 hex digits>".
Keylog parse_keylog(const std::string& line) {
    const std::string prefix = "CLIENT_RANDOM ";
    const std::size_t space = line.find(' ', prefix.size());
    if (line.rfind(prefix, 0) != 0 || space == std::string::npos) throw Error("Keylog is not a CLIENT_RANDOM line");
    Keylog k;
    k.client_random = from_hex(line.substr(prefix.size(), space - prefix.size()));
    k.master_secret = SecretBytes::adopt(from_hex(line.substr(space + 1)));
    if (k.client_random.size() != 32 || k.master_secret.size() != handshake::master_secret_length) {
        throw Error("Keylog: client random or master secret has the wrong length");
    }
    return k;
}

// Steps 3 and 4 for one direction, after its ChangeCipherSpec.
void check_protected_records(Side& side, std::unique_ptr<record::CipherState> state, handshake::PrfAlgorithm prf,
                             const SecretBytes& master, handshake::Sender sender, const Bytes& transcript,
                             const Bytes& expected_plaintext, FileReport& report) {
    side.layer.set_read_cipher(std::move(state));
    const std::string who = side.name;
    Bytes received;
    bool finished_seen = false;
    std::size_t index = 0;
    try {
        while (auto r = side.layer.next_record()) {
            const std::string what = who + " record " + std::to_string(index++) + " after ChangeCipherSpec (" +
                                     record::content_type_name(r->type) + ")";
            switch (r->type) {
                case ContentType::handshake: {
                    side.assembler.add(*r);
                    auto m = side.assembler.next_message();
                    const bool ok = !finished_seen && m && m->type == finished_type &&
                                    m->body.size() == handshake::verify_data_length && !side.assembler.in_message();
                    report.check(ok, what + ": expected the Finished message alone");
                    if (!ok) return;
                    finished_seen = true;
                    // RFC 5246 §7.4.9
                    const handshake::VerifyData expected = handshake::compute_verify_data(
                        prf, master, sender, handshake::handshake_hash(prf, transcript));
                    report.check(std::ranges::equal(expected.verify_data, m->body),
                                 who + " Finished: verify_data " + to_hex(m->body) + ", computed " +
                                     to_hex(expected.verify_data));
                    break;
                }
                case ContentType::application_data: {
                    const std::size_t at = received.size();
                    const bool ok = finished_seen && at + r->fragment.size() <= expected_plaintext.size() &&
                                    std::equal(r->fragment.begin(), r->fragment.end(),
                                               expected_plaintext.begin() + static_cast<std::ptrdiff_t>(at));
                    report.check(ok, what + ": not the recorded plaintext at offset " + std::to_string(at));
                    append(received, r->fragment);
                    break;
                }
                case ContentType::alert:  // RFC 5246 §7.2.1: the session ends with close_notify
                    report.check(r->fragment == Bytes{1, 0}, what + ": not a warning close_notify");
                    break;
                default:
                    report.fail(what + ": unexpected content type");
                    return;
            }
        }
    } catch (const record::TlsError& e) {
        report.fail(who + " record " + std::to_string(index) + ": " + e.what());
        return;
    }
    if (side.layer.buffered() != 0) report.fail(who + ": " + std::to_string(side.layer.buffered()) + " trailing bytes");
    report.check(received == expected_plaintext,
                 who + ": the application data (" + std::to_string(received.size()) + " bytes) is not the " +
                     std::to_string(expected_plaintext.size()) + " bytes recorded");
}

}  // namespace

bool recognises_tls_recording(const std::filesystem::path& path, std::string_view) {
    const std::string name = path.filename().string();
    return name.rfind("openssl-tls1", 0) == 0 && path.extension() == ".txt";
}

void run_tls_recording(const std::filesystem::path&, std::string_view text, FileReport& report) {
    const std::vector<RspRecord> records = parse_rsp(text);
    if (records.size() != 1) throw Error("a recording holds exactly one block of fields");
    const RspRecord& rec = records.front();
    const Keylog keylog = parse_keylog(rec.at("Keylog"));

    Side client("client", rec.hex("ClientToServer"));
    Side server("server", rec.hex("ServerToClient"));
    client.read_until_change_cipher_spec();
    server.read_until_change_cipher_spec();
    if (client.before_ccs.empty() || client.before_ccs.front().type != client_hello_type ||
        server.before_ccs.empty() || server.before_ccs.front().type != server_hello_type) {
        throw Error("the streams do not start with ClientHello and ServerHello (a resumed session?)");
    }
    const Hello client_hello = parse_client_hello(client.before_ccs.front().body);
    const Hello server_hello = parse_server_hello(server.before_ccs.front().body);

    const handshake::CipherSuiteInfo* suite = handshake::find_cipher_suite(server_hello.cipher_suite);
    if (!suite) throw Error("the server chose suite 0x" + to_hex(Bytes{static_cast<std::uint8_t>(server_hello.cipher_suite >> 8), static_cast<std::uint8_t>(server_hello.cipher_suite)}) + ", which lucidtls does not implement");
    const record::CipherSpec spec = handshake::record_cipher_spec(*suite);
    if (rec.at("Cipher") != suite->openssl_name) throw Error("the server chose " + std::string(suite->openssl_name) + ", not " + rec.at("Cipher"));
    if (keylog.client_random != client_hello.random) throw Error("the keylog's client random is not the ClientHello's");
    const record::ProtocolVersion version = server_hello.version;
    if (version < record::tls10 || version > record::tls12) throw Error("the server chose " + record::version_name(version));
    // RFC 7366 §3: with encrypt_then_mac the records would be MACed after encryption, not what we read.
    if (server_hello.has(ext_encrypt_then_mac)) throw Error("encrypt_then_mac was negotiated; record with -no_etm");
    const bool ems = server_hello.has(ext_extended_master_secret) && client_hello.has(ext_extended_master_secret);

    // RFC 5246 §5 (TLS 1.2: the suite's PRF hash), RFC 2246 §5 before.
    const handshake::PrfAlgorithm prf =
        handshake::prf_algorithm(*suite, static_cast<std::uint16_t>(version.major << 8 | version.minor));
    report.algorithm = "TLS " + record::version_name(version).substr(4) + " " + std::string(suite->openssl_name) +
                       (ems ? " (OpenSSL, EMS)" : " (OpenSSL)");

    // RFC 5246 §6.3
    handshake::KeyBlock keys = handshake::derive_key_block(prf, keylog.master_secret, client_hello.random,
                                                           server_hello.random, record::key_material_sizes(spec));

    // RFC 5246 §7.4.9: the transcript of each Finished, in the order the messages were exchanged.
    // Full handshake: ClientHello; the server's flight up to ServerHelloDone; the client's flight
    // (ClientKeyExchange ...); then the client Finished; then the server's messages after
    // ServerHelloDone (NewSessionTicket, RFC 5077 §3.3) before its Finished.
    const std::size_t server_first_flight = index_after(server.before_ccs, server_hello_done_type);
    Bytes transcript = concat({client.before_ccs.front().raw, raw_of(server.before_ccs, 0, server_first_flight),
                               raw_of(client.before_ccs, 1, client.before_ccs.size())});

    const std::size_t cases_before = report.cases;
    check_protected_records(client, record::make_cipher_state(spec, version, keys.client_write), prf,
                            keylog.master_secret, handshake::Sender::client, transcript,
                            rec.hex("ClientPlaintext"), report);
    // The client Finished (its raw bytes, decrypted above) joins the server's transcript. The
    // assembler of the client side returned it; recompute its bytes from verify_data instead of
    // trusting the stream: the server's Finished covers the Finished the client *should* have sent.
    const handshake::VerifyData client_finished = handshake::compute_verify_data(
        prf, keylog.master_secret, handshake::Sender::client, handshake::handshake_hash(prf, transcript));
    append(transcript, Bytes{finished_type, 0, 0, static_cast<std::uint8_t>(handshake::verify_data_length)});
    append(transcript, client_finished.verify_data);
    append(transcript, raw_of(server.before_ccs, server_first_flight, server.before_ccs.size()));
    check_protected_records(server, record::make_cipher_state(spec, version, keys.server_write), prf,
                            keylog.master_secret, handshake::Sender::server, transcript,
                            rec.hex("ServerPlaintext"), report);
    if (report.cases == cases_before) throw Error("no protected record was found");
}

}  // namespace lucid::conformance
