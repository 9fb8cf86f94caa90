// Where `lucid illustrate` and `lucid decrypt` get a connection from: a recording in vectors/tls/
// (lucid's own, replayed through an engine; OpenSSL's, decoded with its key log) or a capture
// (pcap/pcapng, TCP reassembled). Each source ends as trace events into a TraceSink.
#pragma once

#include <string>
#include <vector>

#include "handshake/trace.h"
#include "tools/capture/tcp_reassembly.h"
#include "tools/capture/tls_decoder.h"

namespace lucid::tools::capture {

enum class SourceKind { lucid_recording, openssl_recording, capture };
SourceKind source_kind(const std::string& path, ByteView contents);

// A lucid recording replayed by the engine of one side (client: role client), its events to sink.
// The files it names are read beside it. Throws lucid::Error if it no longer replays.
struct LucidReplay {
    std::string server_key_file;  // the PrivateKey file, as a path from the current directory
};
LucidReplay replay_lucid_recording(const std::string& path, std::string_view text, bool client_side,
                                   handshake::TraceSink& sink);

// The two streams of an OpenSSL recording, interleaved into flights, and its key log line.
struct OpensslRecording {
    std::vector<Chunk> chunks;
    std::string keylog;
};
OpensslRecording read_openssl_recording(std::string_view text);

// The two streams of a lucid recording, interleaved into flights (for --pcap).
std::vector<Chunk> lucid_recording_chunks(std::string_view text);

// The TCP connections of a capture that carry TLS (the client's first byte is a handshake record).
std::vector<TcpConnection> tls_connections(ByteView capture_file);

}  // namespace lucid::tools::capture
