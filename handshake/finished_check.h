// The check of the peer's Finished message, and the proof that it passed.
//
// RFC 5246 §7.4.9: "Recipients of Finished messages MUST verify that the contents are correct."
// Once both Finished messages are verified, the handshake is authenticated: every earlier message
// (the offered suites, the chosen suite, the extensions) is confirmed by both sides, and only then
// may application data flow (§7.4.9: "Once a side has sent its Finished message and received and
// validated the Finished message from its peer, it may begin to send and receive application data").
//
// FinishedVerified is the proof: its only constructor is private, and verify_finished() is the only
// code that makes one. A handler hands it over with Engine::Impl::accept_finished, and the flow
// table (run_flow_table) enters `established` only with one, so application data cannot flow
// without a verified Finished. It is the last of the stages of handshake_stages.h.
#pragma once

#include "handshake/key_schedule.h"
#include "handshake/messages/finished.h"

namespace lucid::handshake {

class FinishedVerified {
public:
    FinishedVerified(const FinishedVerified&) = default;
    FinishedVerified& operator=(const FinishedVerified&) = default;

private:
    FinishedVerified() = default;
    friend FinishedVerified verify_finished(const Finished& received, const VerifyData& expected);
};

// Compares received.verify_data with expected in constant time (crypto/ct.h: verify_data is what
// an attacker would try to forge byte by byte). Throws TlsError(decrypt_error) if they differ
// (§7.2.2 decrypt_error: "unable to ... validate a finished message").
FinishedVerified verify_finished(const Finished& received, const VerifyData& expected);

}  // namespace lucid::handshake
