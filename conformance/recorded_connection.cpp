#include "conformance/recorded_connection.h"

#include <charconv>
#include <map>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "conformance/wire_diff.h"
#include "record/record.h"

namespace lucid::conformance {

using handshake::CipherSuite;
using handshake::Client;
using handshake::ClientAuth;
using handshake::ClientConfig;
using handshake::Engine;
using handshake::Event;
using handshake::make_deterministic_random;
using handshake::parse_cipher_list;
using handshake::Role;
using handshake::Server;
using handshake::ServerConfig;
using handshake::SessionCache;
using handshake::State;
using handshake::TraceSink;

namespace {

ClientConfig client_config(const RecordedConnection& c, const ReplayCredentials& credentials) {
    ClientConfig config;
    const std::int64_t time = c.time;
    config.clock = [time] { return time; };
    config.validation_time = time;
    config.cipher_suites = {c.suite};
    config.server_name = c.server_name;
    config.trust_anchors = credentials.trust_anchors;
    config.credentials = credentials.client;
    config.resume = credentials.resume;
    config.versions = c.client_versions;
    config.encrypt_then_mac = false;  // recorded before RFC 7366 was implemented: MAC-then-encrypt
    // The recordings were made before lucidtls had session tickets (RFC 5077): their ClientHellos
    // carry no SessionTicket extension.
    config.session_tickets = false;
    return config;
}

ServerConfig server_config(const RecordedConnection& c, const ReplayCredentials& credentials) {
    ServerConfig config;
    const std::int64_t time = c.time;
    config.clock = [time] { return time; };
    config.cipher_suites = {c.suite};
    config.credentials = credentials.server;
    config.client_auth = c.client_auth;
    config.versions = c.server_versions;
    config.encrypt_then_mac = false;  // recorded before RFC 7366 was implemented: MAC-then-encrypt
    if (c.client_auth != ClientAuth::none) {
        config.client_trust_anchors = credentials.trust_anchors;
        config.validation_time = time;
    }
    if (credentials.resume) {
        // The cache as the full handshake left it: this one session, made at the recording's time.
        config.session_cache = std::make_shared<SessionCache>();
        config.session_cache->store(*credentials.resume, time);
    }
    return config;
}

// "TLSv1.1" (one version) or "TLSv1..TLSv1.2" (a range), the names of openssl's -min_protocol.
handshake::VersionRange parse_version_range(const std::string& text, const char* key) {
    const auto one = [&](std::string_view name) {
        for (std::uint16_t v : {handshake::tls10_version, handshake::tls11_version, handshake::tls12_version}) {
            if (handshake::version_flag_name(v) == name) return v;
        }
        throw Error("recorded connection: " + std::string(key) + " must be TLSv1, TLSv1.1 or TLSv1.2, or a range such as TLSv1..TLSv1.2, not \"" +
                    text + "\"");
    };
    const std::size_t dots = text.find("..");
    const std::string_view view(text);
    handshake::VersionRange range{one(view.substr(0, dots)), 0};
    range.max = dots == std::string::npos ? range.min : one(view.substr(dots + 2));
    if (range.min > range.max) throw Error("recorded connection: " + std::string(key) + " is an empty range");
    return range;
}

std::string version_range_text(handshake::VersionRange range) {
    if (range.min == range.max) return handshake::version_flag_name(range.min);
    return handshake::version_flag_name(range.min) + ".." + handshake::version_flag_name(range.max);
}

const char* client_auth_name(ClientAuth a) {
    switch (a) {
        case ClientAuth::none: return "none";
        case ClientAuth::request: return "request";
        case ClientAuth::require: return "require";
    }
    return "none";
}

// Steps 2 to 4 of the script, for whichever side an event arrived at. Returns the application
// data received.
Bytes follow_script(Engine& engine, const RecordedConnection& c, std::optional<std::string>& problem) {
    Bytes data;
    for (const Event& e : engine.take_events()) {
        switch (e.kind) {
            case Event::Kind::handshake_complete:
                if (engine.role() == Role::server) {
                    engine.send(c.server_plaintext);
                } else {
                    engine.send(c.client_plaintext);
                    engine.close();
                }
                break;
            case Event::Kind::application_data: append(data, e.data); break;
            case Event::Kind::failed:
                if (!problem) problem = "the " + std::string(engine.role() == Role::client ? "client" : "server") +
                                        " failed: " + e.text;
                break;
            default: break;
        }
    }
    return data;
}

// The records of a stream, one by one (RFC 5246 §6.2.1 headers).
std::vector<ByteView> split_records(ByteView stream) {
    std::vector<ByteView> out;
    std::size_t start = 0;
    while (start < stream.size()) {
        std::size_t end = stream.size();
        if (start + record::record_header_length <= stream.size()) {
            const record::RecordHeader h =
                record::parse_record_header(stream.subspan(start, record::record_header_length));
            end = std::min(stream.size(), start + record::record_header_length + h.length);
        }
        out.push_back(stream.subspan(start, end - start));
        start = end;
    }
    return out;
}

ReplayResult replay(Engine& engine, const RecordedConnection& c, ByteView recorded_in, ByteView recorded_out,
                    const Bytes& expected_plaintext, std::string_view label) {
    ReplayResult result;
    engine.start();
    append(result.sent, engine.take_output());
    for (ByteView record : split_records(recorded_in)) {
        engine.receive(record);
        append(result.sent, engine.take_output());
        append(result.received_plaintext, follow_script(engine, c, result.problem));
        append(result.sent, engine.take_output());
    }
    result.difference = first_difference(label, recorded_out, result.sent);
    if (!result.problem && result.received_plaintext != expected_plaintext) {
        result.problem = std::string(label) + ": the application data received differs from the recording";
    }
    if (!result.problem && engine.state() != State::closed) {
        result.problem = std::string(label) + ": the connection ended in state " + std::string(state_name(engine.state())) +
                         ", not closed";
    }
    return result;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

}  // namespace

RecordedConnectionFile parse_recorded_connection(std::string_view text) {
    std::map<std::string, std::string, std::less<>> fields;
    std::size_t line_number = 0;
    while (!text.empty()) {
        const std::size_t cut = text.find('\n');
        const std::string_view line = trim(text.substr(0, cut));
        text = cut == std::string_view::npos ? std::string_view{} : text.substr(cut + 1);
        ++line_number;
        if (line.empty() || line.front() == '#') continue;
        const std::size_t eq = line.find('=');
        if (eq == std::string_view::npos) {
            throw Error("recorded connection, line " + std::to_string(line_number) + ": expected \"Key = value\"");
        }
        fields[std::string(trim(line.substr(0, eq)))] = std::string(trim(line.substr(eq + 1)));
    }
    auto field = [&](std::string_view key) -> const std::string& {
        const auto it = fields.find(key);
        if (it == fields.end()) throw Error("recorded connection: field " + std::string(key) + " is missing");
        return it->second;
    };
    RecordedConnectionFile out;
    RecordedConnection& c = out.connection;
    const std::vector<CipherSuite> suites = parse_cipher_list(field("Suite"));
    if (suites.size() != 1) throw Error("recorded connection: Suite must name one cipher suite");
    c.suite = suites.front();
    c.server_name = field("ServerName");
    // Strict: the whole value is a decimal number (std::stoll threw std::invalid_argument, a type
    // no caller catches, on "Time = x"; found by fuzz/fuzz_vector_files).
    const std::string& time = field("Time");
    const auto [end, problem] = std::from_chars(time.data(), time.data() + time.size(), c.time);
    if (problem != std::errc{} || end != time.data() + time.size()) {
        throw Error("recorded connection: Time must be Unix seconds, not \"" + time + "\"");
    }
    c.client_seed = from_hex(field("ClientSeed"));
    c.server_seed = from_hex(field("ServerSeed"));
    c.client_plaintext = from_hex(field("ClientPlaintext"));
    c.server_plaintext = from_hex(field("ServerPlaintext"));
    c.client_to_server = from_hex(field("ClientToServer"));
    c.server_to_client = from_hex(field("ServerToClient"));
    out.certificate_chain_file = field("CertificateChain");
    out.private_key_file = field("PrivateKey");
    out.trust_anchors_file = field("TrustAnchors");
    auto optional = [&](std::string_view key) {
        const auto it = fields.find(key);
        return it == fields.end() ? std::string() : it->second;
    };
    const std::string auth = optional("ClientAuth");
    if (auth == "request") {
        c.client_auth = ClientAuth::request;
    } else if (auth == "require") {
        c.client_auth = ClientAuth::require;
    } else if (!auth.empty() && auth != "none") {
        throw Error("recorded connection: ClientAuth must be none, request or require");
    }
    out.client_certificate_chain_file = optional("ClientCertificateChain");
    out.client_private_key_file = optional("ClientPrivateKey");
    if (out.client_certificate_chain_file.empty() != out.client_private_key_file.empty()) {
        throw Error("recorded connection: ClientCertificateChain and ClientPrivateKey go together");
    }
    out.resume_session_file = optional("ResumeSession");
    if (const std::string v = optional("ClientVersions"); !v.empty()) c.client_versions = parse_version_range(v, "ClientVersions");
    if (const std::string v = optional("ServerVersions"); !v.empty()) c.server_versions = parse_version_range(v, "ServerVersions");
    return out;
}

std::string format_recorded_connection(const RecordedConnectionFile& file, const std::vector<std::string>& header) {
    const RecordedConnection& c = file.connection;
    std::string out;
    for (const std::string& line : header) out += line.empty() ? "#\n" : "# " + line + "\n";
    out += "\n";
    out += "Suite = " + std::string(cipher_suite_info(c.suite).iana_name) + "\n";
    out += "ServerName = " + c.server_name + "\n";
    out += "Time = " + std::to_string(c.time) + "\n";
    out += "ClientSeed = " + to_hex(c.client_seed) + "\n";
    out += "ServerSeed = " + to_hex(c.server_seed) + "\n";
    out += "CertificateChain = " + file.certificate_chain_file + "\n";
    out += "PrivateKey = " + file.private_key_file + "\n";
    out += "TrustAnchors = " + file.trust_anchors_file + "\n";
    if (c.client_auth != ClientAuth::none) out += std::string("ClientAuth = ") + client_auth_name(c.client_auth) + "\n";
    if (!file.client_certificate_chain_file.empty()) {
        out += "ClientCertificateChain = " + file.client_certificate_chain_file + "\n";
        out += "ClientPrivateKey = " + file.client_private_key_file + "\n";
    }
    if (!file.resume_session_file.empty()) out += "ResumeSession = " + file.resume_session_file + "\n";
    const handshake::VersionRange tls12_only;
    if (c.client_versions.min != tls12_only.min || c.client_versions.max != tls12_only.max) {
        out += "ClientVersions = " + version_range_text(c.client_versions) + "\n";
    }
    if (c.server_versions.min != tls12_only.min || c.server_versions.max != tls12_only.max) {
        out += "ServerVersions = " + version_range_text(c.server_versions) + "\n";
    }
    out += "ClientPlaintext = " + to_hex(c.client_plaintext) + "\n";
    out += "ServerPlaintext = " + to_hex(c.server_plaintext) + "\n";
    out += "ClientToServer = " + to_hex(c.client_to_server) + "\n";
    out += "ServerToClient = " + to_hex(c.server_to_client) + "\n";
    return out;
}

void record_connection(RecordedConnection& c, const ReplayCredentials& credentials) {
    auto client_random = make_deterministic_random(c.client_seed, Role::client);
    auto server_random = make_deterministic_random(c.server_seed, Role::server);
    Client client(client_config(c, credentials), *client_random);
    Server server(server_config(c, credentials), *server_random);
    c.client_to_server.clear();
    c.server_to_client.clear();
    std::optional<std::string> problem;
    // Each side gets the other's bytes one record at a time and follows the script after each, as
    // replay() does: in a resumed handshake the client's Finished, its data and its close_notify
    // come in one flight, and the server must answer the Finished before it reads the rest.
    auto deliver = [&](Engine& to, ByteView bytes) {
        for (ByteView record : split_records(bytes)) {
            to.receive(record);
            follow_script(to, c, problem);
        }
    };
    client.start();
    for (int round = 0; round < 20; ++round) {
        const Bytes c2s = client.take_output();
        append(c.client_to_server, c2s);
        deliver(server, c2s);
        const Bytes s2c = server.take_output();
        append(c.server_to_client, s2c);
        deliver(client, s2c);
        if (c2s.empty() && s2c.empty()) break;
    }
    if (problem) throw Error("recording the connection failed: " + *problem);
    if (client.state() != State::closed || server.state() != State::closed) {
        throw Error("recording the connection failed: it did not end with close_notify both ways");
    }
}

ReplayResult replay_server(const RecordedConnection& c, const ReplayCredentials& credentials, TraceSink* trace) {
    auto random = make_deterministic_random(c.server_seed, Role::server);
    Server server(server_config(c, credentials), *random, trace);
    return replay(server, c, c.client_to_server, c.server_to_client, c.client_plaintext, "server_to_client");
}

ReplayResult replay_client(const RecordedConnection& c, const ReplayCredentials& credentials, TraceSink* trace) {
    auto random = make_deterministic_random(c.client_seed, Role::client);
    Client client(client_config(c, credentials), *random, trace);
    return replay(client, c, c.server_to_client, c.client_to_server, c.server_plaintext, "client_to_server");
}

}  // namespace lucid::conformance
