// A recorded lucidtls-client/lucidtls-server connection (vectors/tls/lucid-*.txt, format and
// script in conformance/recorded_connection.h): the check that the engines still produce exactly
// the bytes they produced when it was recorded.
//
// Cases, per file: (1) a server fed the recorded client bytes sends the recorded server bytes and
// receives the recorded client plaintext, ending closed; (2) the same for a client fed the
// recorded server bytes. A failure names the first differing field (conformance/wire_diff.h).
#include <filesystem>
#include <fstream>
#include <sstream>

#include "conformance/formats.h"
#include "conformance/recorded_connection.h"
#include "crypto/error.h"
#include "net/saved_session.h"

namespace lucid::conformance {

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

bool recognises_lucid_recording(const std::filesystem::path& path, std::string_view) {
    const std::string name = path.filename().string();
    return name.rfind("lucid-", 0) == 0 && path.extension() == ".txt" && path.parent_path().filename() == "tls";
}

void run_lucid_recording(const std::filesystem::path& path, std::string_view text, FileReport& report) {
    const RecordedConnectionFile file = parse_recorded_connection(text);
    ReplayCredentials credentials;
    credentials.server = handshake::ServerCredentials::from_pem(read_beside(path, file.certificate_chain_file),
                                                                read_beside(path, file.private_key_file));
    credentials.trust_anchors = handshake::certificates_from_pem(read_beside(path, file.trust_anchors_file));
    if (!file.client_certificate_chain_file.empty()) {
        credentials.client = handshake::ServerCredentials::from_pem(read_beside(path, file.client_certificate_chain_file),
                                                                    read_beside(path, file.client_private_key_file));
    }
    if (!file.resume_session_file.empty()) {
        credentials.resume = std::make_shared<const handshake::SessionState>(
            net::parse_saved_session(as_bytes(read_beside(path, file.resume_session_file))));
    }

    const ReplayResult server = replay_server(file.connection, credentials);
    report.check(server.ok(), "server replay: " + server.difference.value_or("") + server.problem.value_or(""));
    const ReplayResult client = replay_client(file.connection, credentials);
    report.check(client.ok(), "client replay: " + client.difference.value_or("") + client.problem.value_or(""));
}

}  // namespace lucid::conformance
