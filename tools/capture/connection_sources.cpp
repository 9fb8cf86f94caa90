#include "tools/capture/connection_sources.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "conformance/recorded_connection.h"
#include "conformance/rsp_reader.h"
#include "crypto/error.h"
#include "handshake/credentials.h"
#include "net/saved_session.h"

namespace lucid::tools::capture {

namespace {

std::string read_beside(const std::filesystem::path& recording, const std::string& relative) {
    const std::filesystem::path p = recording.parent_path() / relative;
    std::ifstream in(p, std::ios::binary);
    if (!in) throw Error("cannot read " + p.string() + ", named in " + recording.filename().string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

SourceKind source_kind(const std::string&, ByteView contents) {
    if (contents.size() >= 4) {
        const std::uint32_t be = std::uint32_t{contents[0]} << 24 | std::uint32_t{contents[1]} << 16 |
                                 std::uint32_t{contents[2]} << 8 | contents[3];
        for (std::uint32_t magic : {0xa1b2c3d4u, 0xd4c3b2a1u, 0xa1b23c4du, 0x4d3cb2a1u, 0x0a0d0d0au}) {
            if (be == magic) return SourceKind::capture;
        }
    }
    const std::string_view text(reinterpret_cast<const char*>(contents.data()), contents.size());
    if (text.find("\nKeylog = ") != std::string_view::npos) return SourceKind::openssl_recording;
    return SourceKind::lucid_recording;
}

LucidReplay replay_lucid_recording(const std::string& path, std::string_view text, bool client_side,
                                   handshake::TraceSink& sink) {
    const std::filesystem::path p(path);
    const conformance::RecordedConnectionFile file = conformance::parse_recorded_connection(text);
    conformance::ReplayCredentials credentials;
    credentials.server = handshake::ServerCredentials::from_pem(read_beside(p, file.certificate_chain_file),
                                                                read_beside(p, file.private_key_file));
    credentials.trust_anchors = handshake::certificates_from_pem(read_beside(p, file.trust_anchors_file));
    if (!file.client_certificate_chain_file.empty()) {
        credentials.client = handshake::ServerCredentials::from_pem(read_beside(p, file.client_certificate_chain_file),
                                                                    read_beside(p, file.client_private_key_file));
    }
    if (!file.resume_session_file.empty()) {
        credentials.resume = std::make_shared<const handshake::SessionState>(
            net::parse_saved_session(as_bytes(read_beside(p, file.resume_session_file))));
    }
    const conformance::ReplayResult result = client_side ? conformance::replay_client(file.connection, credentials, &sink)
                                                       : conformance::replay_server(file.connection, credentials, &sink);
    if (!result.ok()) {
        throw Error(path + " no longer replays: " + result.difference.value_or("") + result.problem.value_or(""));
    }
    return LucidReplay{(p.parent_path() / file.private_key_file).lexically_normal().string()};
}

OpensslRecording read_openssl_recording(std::string_view text) {
    const std::vector<conformance::RspRecord> records = conformance::parse_rsp(text);
    if (records.size() != 1) throw Error("a recording holds exactly one block of fields");
    OpensslRecording out;
    out.chunks = interleave_flights(records.front().hex("ClientToServer"), records.front().hex("ServerToClient"));
    out.keylog = records.front().at("Keylog");
    return out;
}

std::vector<Chunk> lucid_recording_chunks(std::string_view text) {
    const conformance::RecordedConnectionFile file = conformance::parse_recorded_connection(text);
    return interleave_flights(file.connection.client_to_server, file.connection.server_to_client);
}

std::vector<TcpConnection> tls_connections(ByteView capture_file) {
    std::vector<TcpConnection> out;
    for (TcpConnection& c : reassemble_tcp(read_capture(capture_file))) {
        for (const Chunk& chunk : c.chunks) {
            if (chunk.from_client) {
                if (chunk.bytes.size() >= 3 && chunk.bytes[0] == 22 && chunk.bytes[1] == 3) out.push_back(std::move(c));
                break;
            }
        }
    }
    return out;
}

}  // namespace lucid::tools::capture
