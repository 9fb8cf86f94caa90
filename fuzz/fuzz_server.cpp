// Fuzz target: the server engine (handshake/engine.h) fed a client's flights (engine_scenarios.h).
// Input: byte 0 picks the scenario (bits 0-2) and the size of the pieces the bytes arrive in
// (bits 3-7, times 7; 0 = all at once); the rest is what the client sends. Seeds: the recorded
// client bytes of each scenario, which complete the handshake.
//
// Receiving must never throw: every bad input becomes a fatal alert and the failed state.
#include "fuzz/engine_scenarios.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lucid;
    if (size < 1) return 0;
    const fuzz::Scenario& s = fuzz::scenario(data[0] & 7);
    auto random = handshake::make_deterministic_random(s.connection.server_seed, handshake::Role::server);
    handshake::Server server(fuzz::server_config(s), *random);
    fuzz::drive(server, fuzz::input(data + 1, size - 1), static_cast<std::size_t>(data[0] >> 3) * 7);
    return 0;
}
