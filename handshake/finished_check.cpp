#include "handshake/finished_check.h"

#include "crypto/ct.h"
#include "record/tls_error.h"

namespace lucid::handshake {

// RFC 5246 §7.4.9
FinishedVerified verify_finished(const Finished& received, const VerifyData& expected) {
    // Secret until the verdict: the expected verify_data (a forger must not learn how many leading
    // bytes were right). Public: the length (12) and the single yes/no decided here.
    if (!ct::equal(received.verify_data, expected.verify_data)) {
        throw record::TlsError(record::AlertDescription::decrypt_error,
                               "the peer's Finished message does not match the handshake (wrong verify_data): "
                               "the keys or the transcript differ (RFC 5246 §7.4.9)");
    }
    return FinishedVerified{};
}

}  // namespace lucid::handshake
