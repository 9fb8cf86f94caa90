// The anonymous Diffie-Hellman lab: see anonymous_lab.h.
#include "handshake/anonymous_lab.h"

#include "crypto/error.h"

namespace lucid::handshake {

void require_lab_flag_for_anonymous_suites(const std::vector<CipherSuite>& suites, bool lab_anonymous) {
    if (lab_anonymous) return;
    for (CipherSuite s : suites) {
        const CipherSuiteInfo& info = cipher_suite_info(s);
        if (is_anonymous(info)) {
            throw Error(std::string(info.iana_name) +
                        " authenticates nobody: anyone in the middle can read and change the connection; it is "
                        "allowed only in the anonymous lab (--lab-anonymous)");
        }
    }
}

// RFC 5246 Appendix F.1.1.1
NoteTrace anonymous_connection_warning() {
    return {"WARNING: anonymous Diffie-Hellman (lab): the server sends no certificate and does not sign its "
            "ServerKeyExchange, so nothing tells the client whose numbers these are. Someone in the middle can "
            "answer the client with their own g^X, run a second exchange with the server, hold both premaster "
            "secrets and read and change everything, and neither side can notice: the Finished messages only "
            "prove that each side agrees with whoever it talked to. Only passive eavesdroppers are kept out",
            "RFC 5246 Appendix F.1.1.1"};
}

}  // namespace lucid::handshake
