#include "tools/capture/tls_decoder.h"

#include <algorithm>
#include <sstream>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "crypto/rsa_pkcs1_encryption.h"
#include "handshake/aead_record_details.h"
#include "handshake/cipher_suites.h"
#include "handshake/encrypt_then_mac.h"
#include "handshake/key_schedule.h"
#include "handshake/messages/change_cipher_spec.h"
#include "handshake/messages/client_hello.h"
#include "handshake/messages/client_key_exchange.h"
#include "handshake/messages/handshake_type.h"
#include "handshake/messages/server_hello.h"
#include "record/handshake_assembler.h"
#include "record/record_layer.h"
#include "record/tls_error.h"

namespace lucid::tools {

namespace {

using handshake::DerivationTrace;
using handshake::Direction;
using handshake::TraceValue;
using record::ContentType;

// Reading needs no randomness (RSA decryption with a given key blinds with it: give it the OS's).
class NoRandom final : public crypto::RandomSource {
public:
    void fill(MutableByteView) override { throw Error("the decoder draws no random bytes"); }
};

constexpr std::uint8_t client_hello_type = 1, server_hello_type = 2, server_hello_done_type = 14,
                       client_key_exchange_type = 16, finished_type = 20, certificate_type = 11;

int step_of(std::uint8_t type, bool from_client) {
    switch (type) {
        case 1: return 1;
        case 2: return 2;
        case 11: return from_client ? 5 : 3;
        case 12: case 13: return 3;
        case 14: return 4;
        case 16: case 15: return 5;
        case 20: return from_client ? 8 : 10;
        default: return 0;
    }
}

struct Side {
    bool from_client;
    NoRandom rng;
    record::RecordLayer layer{rng};
    record::HandshakeAssembler assembler;
    bool sealed = false;   // after its ChangeCipherSpec without keys: records cannot be opened
    bool broken = false;   // a record could not be read: the rest of this direction is skipped
    Bytes pending;         // bytes not yet fed once broken or sealed
    explicit Side(bool c) : from_client(c) {}
};

class Decoder {
public:
    Decoder(const KeyMaterial& keys, handshake::TraceSink& sink) : keys_(keys), sink_(sink) {
        for (Side* s : {&client_, &server_}) {
            s->layer.set_observer([this, s](const record::RecordEvent& e) { on_record_event(*s, e); });
        }
    }

    // Whole records only go to the record layer, one at a time, so that the bytes after a
    // ChangeCipherSpec whose keys are unknown can be kept aside (sealed) instead.
    void feed(const Chunk& chunk) {
        Side& side = chunk.from_client ? client_ : server_;
        if (side.broken) return;
        append(side.pending, chunk.bytes);
        if (side.sealed) {
            read_sealed(side);
            return;
        }
        try {
            while (!side.sealed && side.pending.size() >= 5) {
                const std::size_t length = 5 + (static_cast<std::size_t>(side.pending[3]) << 8 | side.pending[4]);
                if (side.pending.size() < length) break;
                side.layer.feed(ByteView(side.pending).first(length));
                side.pending.erase(side.pending.begin(), side.pending.begin() + static_cast<std::ptrdiff_t>(length));
                while (std::optional<record::Record> r = side.layer.next_record()) on_record(side, *r);
            }
        } catch (const std::exception& e) {
            side.broken = true;
            problem(std::string(side.from_client ? "client" : "server") + " stream: " + e.what());
            return;
        }
        if (side.sealed) read_sealed(side);
    }

    DecodeResult finish() {
        for (Side* s : {&client_, &server_}) {
            if (!s->broken && !s->pending.empty()) {
                problem(std::string(s->from_client ? "client" : "server") + " stream ends inside a record (" +
                        std::to_string(s->pending.size()) + " bytes left): the capture is truncated");
            }
        }
        return std::move(result_);
    }

private:
    void problem(std::string text) {
        sink_.on_note({"problem: " + text, ""});
        result_.problems.push_back(std::move(text));
    }

    TraceValue public_value(std::string name, ByteView v, std::string note = "") {
        return TraceValue{std::move(name), false, v.size(), Bytes(v.begin(), v.end()), std::move(note)};
    }
    TraceValue secret_value(std::string name, ByteView v, std::string note = "") {
        TraceValue t{std::move(name), true, v.size(), {}, std::move(note)};
        if (sink_.wants_secrets()) t.value.assign(v.begin(), v.end());
        return t;
    }

    void on_record_event(Side& side, const record::RecordEvent& e) {
        handshake::RecordTrace t;
        t.direction = side.from_client ? Direction::sent : Direction::received;
        t.sequence_number = e.sequence_number;
        t.content_type = static_cast<std::uint8_t>(e.type);
        t.version = static_cast<std::uint16_t>(e.version.major << 8 | e.version.minor);
        t.wire = e.wire;
        t.protected_record = e.cipher != "NULL";
        t.plaintext = e.plaintext;
        t.details.push_back({"cipher state", false, 0, {}, e.cipher});
        if (!e.trace.iv.empty()) {
            t.details.push_back(public_value("IV", e.trace.iv,
                                             e.trace.iv_explicit ? "explicit: the first block of the fragment (RFC 5246 §6.2.3.2)"
                                                                 : "chained from the previous record"));
        }
        if (!e.trace.mac_input.empty()) {
            t.details.push_back(public_value("MAC input", e.trace.mac_input,
                                             "seq_num + type + version + length + content (RFC 5246 §6.2.3.1)"));
        }
        if (!e.trace.mac.empty()) t.details.push_back(public_value("MAC", e.trace.mac, "RFC 5246 §6.2.3.1"));
        if (e.trace.padding_length) {
            t.details.push_back(public_value("padding_length", Bytes{*e.trace.padding_length},
                                             "each padding byte holds this value (RFC 5246 §6.2.3.2)"));
        }
        for (handshake::TraceValue& v : handshake::aead_record_details(e.trace, e.cipher, sink_.wants_secrets())) {
            t.details.push_back(std::move(v));
        }
        sink_.on_record(t);
    }

    // Records after a ChangeCipherSpec whose keys are unknown: shown sealed, header by header.
    void read_sealed(Side& side) {
        while (side.pending.size() >= 5) {
            const std::size_t length = static_cast<std::size_t>(side.pending[3] << 8 | side.pending[4]);
            if (side.pending.size() < 5 + length) return;
            handshake::RecordTrace t;
            t.direction = side.from_client ? Direction::sent : Direction::received;
            t.sequence_number = sealed_sequence_[side.from_client]++;
            t.content_type = side.pending[0];
            t.version = static_cast<std::uint16_t>(side.pending[1] << 8 | side.pending[2]);
            t.wire.assign(side.pending.begin(), side.pending.begin() + static_cast<std::ptrdiff_t>(5 + length));
            t.protected_record = true;
            t.details.push_back({"cipher state", false, 0, {}, "unknown keys: " + result_.why_not});
            sink_.on_record(t);
            side.pending.erase(side.pending.begin(), side.pending.begin() + static_cast<std::ptrdiff_t>(5 + length));
        }
    }

    void on_record(Side& side, const record::Record& r) {
        const Direction d = side.from_client ? Direction::sent : Direction::received;
        switch (r.type) {
            case ContentType::handshake:
                side.assembler.add(r);
                while (auto m = side.assembler.next_message()) on_handshake(side, *m);
                break;
            case ContentType::change_cipher_spec: {
                handshake::MessageTrace m;
                m.direction = d;
                m.content_type = 20;
                m.raw = r.fragment;
                m.name = m.root.name = "ChangeCipherSpec";
                m.rfc_section = "RFC 5246 §7.1";
                m.step = side.from_client ? 7 : 9;
                m.root.length = r.fragment.size();
                try {
                    handshake::ChangeCipherSpec::parse(r.fragment, &m.root);
                } catch (const std::exception& e) {
                    m.root.note = std::string("malformed: ") + e.what();
                }
                sink_.on_message(m);
                // RFC 5246 §7.1: from here on this direction is read with the new keys.
                if (!key_block_ && suite_ && !candidates_.empty()) choose_candidate(side);
                if (key_block_ && suite_) {
                    side.layer.set_read_cipher(record::make_cipher_state(
                        handshake::connection_cipher_spec(*suite_, etm_), version_, side.from_client ? key_block_->client_write : key_block_->server_write));
                } else {
                    side.sealed = true;
                    if (result_.why_not.empty()) result_.why_not = "no key material for this connection";
                    sink_.on_note({"the " + std::string(side.from_client ? "client" : "server") +
                                       "'s records from here on are encrypted with keys we do not have: " + result_.why_not,
                                   ""});
                }
                break;
            }
            case ContentType::alert: {
                handshake::MessageTrace m;
                m.direction = d;
                m.content_type = 21;
                m.raw = r.fragment;
                m.name = m.root.name = "Alert";
                m.rfc_section = "RFC 5246 §7.2";
                m.root.length = r.fragment.size();
                try {
                    const handshake::AlertMessage a = handshake::AlertMessage::parse(r.fragment, &m.root);
                    m.root.value = record::alert_level_name(a.level) + " " + record::alert_name(a.description);
                    if (a.description == record::AlertDescription::close_notify) m.step = 12;
                } catch (const std::exception& e) {
                    m.root.note = std::string("malformed: ") + e.what();
                }
                sink_.on_message(m);
                break;
            }
            case ContentType::application_data:
                append(side.from_client ? result_.client_plaintext : result_.server_plaintext, r.fragment);
                break;
            default: break;
        }
    }

    void on_handshake(Side& side, const record::HandshakeMessage& msg) {
        handshake::MessageTrace m;
        m.direction = side.from_client ? Direction::sent : Direction::received;
        m.content_type = 22;
        m.handshake_type = msg.type;
        m.name = handshake::handshake_type_name(msg.type);
        m.rfc_section = std::string(handshake::handshake_type_section(msg.type));
        m.step = step_of(msg.type, side.from_client);
        m.raw = msg.raw;
        try {
            handshake::describe_handshake_message(msg.type, msg.raw, m.root,
                                                  suite_ ? suite_->key_exchange : handshake::KeyExchange::rsa,
                                                  static_cast<std::uint16_t>(version_.major << 8 | version_.minor));
        } catch (const std::exception& e) {
            m.root.note = std::string("malformed: ") + e.what();
        }
        sink_.on_message(m);

        if (msg.type == finished_type) {
            check_finished(side, msg);
            append(transcript_, msg.raw);
            return;
        }
        if (msg.type != 0) append(transcript_, msg.raw);  // HelloRequest is never in the transcript
        try {
            if (msg.type == client_hello_type && side.from_client) {
                const handshake::ClientHello hello = handshake::ClientHello::parse(msg.body);
                result_.handshake_seen = true;
                client_random_.assign(hello.random.begin(), hello.random.end());
                client_session_id_ = hello.session_id;
                client_version_ = hello.client_version;
                client_ems_ = hello.extensions.extended_master_secret;
            } else if (msg.type == server_hello_type && !side.from_client) {
                on_server_hello(handshake::ServerHello::parse(msg.body));
            } else if (msg.type == client_key_exchange_type && side.from_client) {
                on_client_key_exchange(msg);
            }
        } catch (const std::exception& e) {
            problem(m.name + ": " + e.what());
        }
    }

    void on_server_hello(const handshake::ServerHello& hello) {
        server_random_.assign(hello.random.begin(), hello.random.end());
        version_ = record::ProtocolVersion{static_cast<std::uint8_t>(hello.server_version >> 8),
                                           static_cast<std::uint8_t>(hello.server_version)};
        suite_ = handshake::find_cipher_suite(hello.cipher_suite);
        result_.suite = handshake::cipher_suite_label(hello.cipher_suite);
        ems_ = client_ems_ && hello.extensions.extended_master_secret;
        if (!suite_) {
            result_.why_not = "the server chose " + result_.suite + ", which lucidtls does not implement";
            return;
        }
        // RFC 7366 §3: with encrypt_then_mac the CBC records are MACed after encryption.
        etm_ = hello.extensions.encrypt_then_mac;
        prf_ = handshake::prf_algorithm(*suite_, static_cast<std::uint16_t>(version_.major << 8 | version_.minor));
        const bool resumed = !client_session_id_.empty() && hello.session_id == client_session_id_;
        for (auto [it, end] = keys_.master_secrets.equal_range(client_random_); it != end; ++it) {
            candidates_.push_back(it->second.clone());
        }
        if (candidates_.size() == 1) {
            // The key log gives the master secret itself; the key block can be derived at once
            // (for a resumed session there is no ClientKeyExchange to wait for).
            use_logged_master_secret(std::move(candidates_.front()));
            candidates_.clear();
        } else if (candidates_.size() > 1) {
            sink_.on_note({"the key log has " + std::to_string(candidates_.size()) +
                               " master secrets for this client random (connections made with the same --seed): "
                               "the one whose keys open the client's Finished is used",
                           ""});
        } else if (resumed) {
            result_.why_not = "the session is resumed (RFC 5246 §7.3, Figure 2): its master secret comes from an earlier "
                              "connection, and only a key log line for this connection's client random gives it";
        } else if (suite_->key_exchange == handshake::KeyExchange::ecdhe_rsa) {
            result_.why_not = std::string("the key exchange is elliptic-curve Diffie-Hellman (") + std::string(suite_->iana_name) +
                              "): the premaster is X25519(d, Qc), made from two private keys that never crossed the wire "
                              "and were thrown away; the server's RSA key only signed its public key (RFC 8422 §5.4), so "
                              "it cannot recover the premaster. That is forward secrecy. Only a key log opens this connection.";
        } else if (suite_->key_exchange != handshake::KeyExchange::rsa) {
            result_.why_not = std::string("the key exchange is Diffie-Hellman (") + std::string(suite_->iana_name) +
                              "): the premaster is g^(xy) mod p, made from two private exponents that never crossed the wire "
                              "and were thrown away; the server's RSA key only signed the parameters (RFC 5246 §7.4.3), so "
                              "it cannot recover the premaster. That is forward secrecy. Only a key log opens this connection.";
        } else if (!keys_.server_key) {
            result_.why_not = "no key log line for this client random, and no server key (--key) to decrypt the premaster";
        }
        if (!result_.why_not.empty()) sink_.on_note({"cannot decrypt: " + result_.why_not, ""});
    }

    void on_client_key_exchange(const record::HandshakeMessage& msg) {
        if (!suite_ || master_ || !candidates_.empty()) return;
        if (suite_->key_exchange != handshake::KeyExchange::rsa || !keys_.server_key) return;
        const handshake::ClientKeyExchange cke = handshake::ClientKeyExchange::parse(msg.body);
        SecretBytes premaster;
        try {
            premaster = crypto::rsaes_pkcs1_v15_decrypt(*keys_.server_key, cke.encrypted_pre_master_secret, crypto::os_random());
        } catch (const std::exception& e) {
            result_.why_not = std::string("the server key given does not decrypt the premaster (is it this server's key?): ") + e.what();
            sink_.on_note({"cannot decrypt: " + result_.why_not, "RFC 5246 §7.4.7.1"});
            return;
        }
        DerivationTrace d;
        d.name = "pre_master_secret";
        d.rfc_section = "RFC 5246 §7.4.7.1";
        d.step = 5;
        d.inputs.push_back(public_value("EncryptedPreMasterSecret", cke.encrypted_pre_master_secret));
        d.outputs.push_back(secret_value("pre_master_secret", premaster.view(), "RSA-decrypted with the server's key (--key)"));
        sink_.on_derivation(d);

        DerivationTrace master;
        master.rfc_section = "RFC 5246 §8.1";
        master.step = 6;
        master.inputs.push_back(secret_value("pre_master_secret", premaster.view()));
        handshake::MasterSecret ms;
        if (ems_) {
            const Bytes session_hash = handshake::handshake_hash(prf_, transcript_);
            ms = handshake::derive_extended_master_secret(prf_, premaster, session_hash);
            master.name = "extended master secret";
            master.rfc_section = "RFC 7627 §4";
            master.inputs.push_back(public_value("label", as_bytes(ms.prf.label), "\"" + ms.prf.label + "\""));
            master.inputs.push_back(public_value("session_hash", session_hash, "hash of every handshake message up to ClientKeyExchange"));
        } else {
            ms = handshake::derive_master_secret(prf_, premaster, client_random_, server_random_);
            master.name = "master secret";
            master.inputs.push_back(public_value("label", as_bytes(ms.prf.label), "\"" + ms.prf.label + "\""));
            master.inputs.push_back(public_value("seed", ms.prf.seed, "ClientHello.random + ServerHello.random"));
        }
        master.outputs.push_back(secret_value("master_secret", ms.master_secret.view()));
        sink_.on_derivation(master);
        master_ = std::move(ms.master_secret);
        result_.key_source = "the premaster, decrypted with the server's RSA key (--key)";
        derive_key_block();
    }

    void use_logged_master_secret(SecretBytes master) {
        master_ = std::move(master);
        result_.key_source = "the key log (--keylog)";
        DerivationTrace d;
        d.name = "master secret (from the key log)";
        d.rfc_section = "NSS key log format";
        d.step = 6;
        d.inputs.push_back(public_value("client_random", client_random_, "the CLIENT_RANDOM line that lists it"));
        d.outputs.push_back(secret_value("master_secret", master_->view()));
        sink_.on_derivation(d);
        derive_key_block();
    }

    // Several logged master secrets for one client random: the one whose client keys open the
    // record after the client's ChangeCipherSpec (its Finished) is the right one.
    void choose_candidate(const Side& side) {
        std::size_t chosen = 0;
        if (side.pending.size() >= 5) {
            const std::size_t length = static_cast<std::size_t>(side.pending[3]) << 8 | side.pending[4];
            if (side.pending.size() >= 5 + length) {
                const ByteView fragment = ByteView(side.pending).subspan(5, length);
                for (std::size_t i = 0; i < candidates_.size(); ++i) {
                    const handshake::KeyBlock kb = handshake::derive_key_block(
                        prf_, candidates_[i], client_random_, server_random_, record::key_material_sizes(handshake::record_cipher_spec(*suite_)));
                    try {
                        const Bytes plain = record::make_cipher_state(handshake::connection_cipher_spec(*suite_, etm_), version_, kb.client_write)
                                                ->unprotect(ContentType::handshake, version_, 0, fragment);
                        if (!plain.empty() && plain[0] == finished_type) {
                            chosen = i;
                            break;
                        }
                    } catch (const std::exception&) {
                        // not this one
                    }
                }
            }
        }
        use_logged_master_secret(std::move(candidates_[chosen]));
        candidates_.clear();
    }

    void derive_key_block() {
        const record::KeyMaterialSizes sizes = record::key_material_sizes(handshake::record_cipher_spec(*suite_));
        key_block_ = handshake::derive_key_block(prf_, *master_, client_random_, server_random_, sizes);
        result_.keys_found = true;
        DerivationTrace d;
        d.name = "key block";
        d.rfc_section = "RFC 5246 §6.3";
        d.step = 6;
        d.inputs.push_back(secret_value("master_secret", master_->view()));
        d.inputs.push_back(public_value("label", as_bytes(key_block_->prf.label), "\"" + key_block_->prf.label + "\""));
        d.inputs.push_back(public_value("seed", key_block_->prf.seed, "ServerHello.random + ClientHello.random (server first)"));
        d.outputs.push_back(secret_value("key_block", key_block_->key_block.view()));
        d.outputs.push_back(secret_value("client_write_MAC_key", key_block_->client_write.mac_key.view()));
        d.outputs.push_back(secret_value("server_write_MAC_key", key_block_->server_write.mac_key.view()));
        d.outputs.push_back(secret_value("client_write_key", key_block_->client_write.enc_key.view()));
        d.outputs.push_back(secret_value("server_write_key", key_block_->server_write.enc_key.view()));
        if (!key_block_->client_write.iv.empty()) {
            d.outputs.push_back(secret_value("client_write_IV", key_block_->client_write.iv.view(), "TLS 1.0: the first CBC IV"));
            d.outputs.push_back(secret_value("server_write_IV", key_block_->server_write.iv.view(), "TLS 1.0: the first CBC IV"));
        }
        sink_.on_derivation(d);
    }

    void check_finished(Side& side, const record::HandshakeMessage& msg) {
        if (!master_) return;
        const handshake::Sender sender = side.from_client ? handshake::Sender::client : handshake::Sender::server;
        const Bytes hash = handshake::handshake_hash(prf_, transcript_);
        const handshake::VerifyData vd = handshake::compute_verify_data(prf_, *master_, sender, hash);
        DerivationTrace d;
        d.name = side.from_client ? "client verify_data" : "server verify_data";
        d.rfc_section = "RFC 5246 §7.4.9";
        d.step = side.from_client ? 8 : 10;
        d.inputs.push_back(secret_value("master_secret", master_->view()));
        d.inputs.push_back(public_value("label", as_bytes(vd.prf.label), "\"" + vd.prf.label + "\""));
        d.inputs.push_back(public_value("handshake_hash", hash, "Hash(every handshake message before this Finished)"));
        d.outputs.push_back(public_value("verify_data", vd.verify_data, "PRF(master_secret, label, hash)[0..11]"));
        sink_.on_derivation(d);
        if (msg.body != Bytes(vd.verify_data.begin(), vd.verify_data.end())) {
            problem(std::string(side.from_client ? "client" : "server") + " Finished: verify_data " + to_hex(msg.body) +
                    ", computed " + to_hex(vd.verify_data) + " (wrong keys, or a transcript we did not see whole)");
        } else {
            sink_.on_note({std::string(side.from_client ? "client" : "server") + " Finished verified: the keys are right", "RFC 5246 §7.4.9"});
        }
    }

    const KeyMaterial& keys_;
    handshake::TraceSink& sink_;
    Side client_{true};
    Side server_{false};
    DecodeResult result_;
    Bytes transcript_;
    Bytes client_random_, server_random_, client_session_id_;
    std::uint16_t client_version_ = 0;
    bool client_ems_ = false, ems_ = false;
    bool etm_ = false;  // RFC 7366 negotiated
    record::ProtocolVersion version_ = record::tls12;
    const handshake::CipherSuiteInfo* suite_ = nullptr;
    handshake::PrfAlgorithm prf_ = handshake::PrfAlgorithm::tls12_sha256;
    std::optional<SecretBytes> master_;
    std::vector<SecretBytes> candidates_;  // several key log lines for this client random
    std::optional<handshake::KeyBlock> key_block_;
    std::uint64_t sealed_sequence_[2] = {0, 0};
};

std::vector<std::pair<std::size_t, std::size_t>> record_spans(ByteView stream) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t at = 0;
    while (at < stream.size()) {
        std::size_t end = stream.size();
        if (at + 5 <= stream.size()) end = std::min(stream.size(), at + 5 + (static_cast<std::size_t>(stream[at + 3]) << 8 | stream[at + 4]));
        out.emplace_back(at, end);
        at = end;
    }
    return out;
}

// Where the flights of one direction end: after the record holding a message of type `first_end`
// (ClientHello / ServerHelloDone) if there is one, and after the first record that follows a
// ChangeCipherSpec (the Finished).
std::vector<std::size_t> flight_ends(ByteView stream, std::uint8_t first_end) {
    std::vector<std::size_t> ends;
    bool after_ccs = false;
    for (const auto& [begin, end] : record_spans(stream)) {
        const std::uint8_t type = stream[begin];
        if (ends.empty() && !after_ccs && type == 22) {
            // a message of that type starting in this record
            for (std::size_t i = begin + 5; i + 4 <= end; ) {
                const std::size_t length = static_cast<std::size_t>(stream[i + 1]) << 16 | stream[i + 2] << 8 | stream[i + 3];
                if (stream[i] == first_end) { ends.push_back(end); break; }
                i += 4 + length;
            }
        }
        if (type == 20) after_ccs = true;
        else if (after_ccs) {
            ends.push_back(end);
            break;
        }
    }
    return ends;
}

}  // namespace

std::multimap<Bytes, SecretBytes> parse_keylog(std::string_view text) {
    std::multimap<Bytes, SecretBytes> out;
    std::istringstream in{std::string(text)};
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.rfind("CLIENT_RANDOM ", 0) != 0) continue;
        std::istringstream words(line);
        std::string label, random, secret;
        words >> label >> random >> secret;
        try {
            Bytes r = from_hex(random);
            SecretBytes s = SecretBytes::adopt(from_hex(secret));
            if (r.size() != 32 || s.size() != handshake::master_secret_length) throw Error("wrong lengths");
            bool duplicate = false;
            for (auto [it, end] = out.equal_range(r); it != end; ++it) {
                duplicate |= std::equal(it->second.view().begin(), it->second.view().end(), s.view().begin(), s.view().end());
            }
            if (!duplicate) out.emplace(std::move(r), std::move(s));
        } catch (const std::exception& e) {
            throw Error("key log line " + std::to_string(number) + ": not 'CLIENT_RANDOM <64 hex digits> <96 hex digits>'");
        }
    }
    return out;
}

std::vector<Chunk> interleave_flights(ByteView c2s, ByteView s2c) {
    std::vector<std::size_t> client_ends = flight_ends(c2s, client_hello_type);
    std::vector<std::size_t> server_ends = flight_ends(s2c, server_hello_done_type);
    client_ends.push_back(c2s.size());
    server_ends.push_back(s2c.size());
    std::vector<Chunk> out;
    std::size_t c = 0, s = 0;
    for (std::size_t i = 0; i < std::max(client_ends.size(), server_ends.size()); ++i) {
        if (i < client_ends.size() && client_ends[i] > c) {
            out.push_back({true, Bytes(c2s.begin() + static_cast<std::ptrdiff_t>(c), c2s.begin() + static_cast<std::ptrdiff_t>(client_ends[i]))});
            c = client_ends[i];
        }
        if (i < server_ends.size() && server_ends[i] > s) {
            out.push_back({false, Bytes(s2c.begin() + static_cast<std::ptrdiff_t>(s), s2c.begin() + static_cast<std::ptrdiff_t>(server_ends[i]))});
            s = server_ends[i];
        }
    }
    return out;
}

DecodeResult decode_connection(const std::vector<Chunk>& chunks, const KeyMaterial& keys, handshake::TraceSink& sink) {
    Decoder decoder(keys, sink);
    for (const Chunk& c : chunks) decoder.feed(c);
    return decoder.finish();
}

}  // namespace lucid::tools
