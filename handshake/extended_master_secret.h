// The extended master secret rules of RFC 7627 §5.2-§5.4 (the derivation itself, §4, is in
// key_schedule.h): when a full or abbreviated handshake may go on, on each side.
//
//   full handshake (§5.2)      either side may refuse a peer without the extension (--require-ems)
//   abbreviated (§5.3), server: session EMS  hello EMS
//                                   no        yes      "MUST NOT perform the abbreviated handshake":
//                                                      a full handshake (a new session)
//                                   yes       no       "MUST abort the abbreviated handshake":
//                                                      handshake_failure
//                                   no        no       "SHOULD abort the handshake": lucidtls makes
//                                                      a full handshake instead (a new session whose
//                                                      master secret is fresh), never the insecure
//                                                      legacy resumption of §5.4
//                                   yes       yes      resume
//   abbreviated (§5.3), client: the ServerHello of a resumption must agree with the session, else
//                               "the client MUST abort the handshake"; and "The client SHOULD NOT
//                               offer an abbreviated handshake to resume a session that does not use
//                               an extended master secret."
//   §5.4: lucidtls exports no keying material and has no tls-unique, so nothing is left to
//         disable on a connection without the extension. Renegotiation needs RFC 5746 (the
//         verify_data binding); a renegotiation may not drop the extension (renegotiation.h).
#pragma once

#include <string>

namespace lucid::handshake {

enum class EmsResumption { resume, full_handshake, abort };

// RFC 7627 §5.3, the server's four cases (table above). `why` gets the reason unless resume.
inline EmsResumption server_ems_resumption(bool session_ems, bool hello_ems, std::string& why) {
    if (session_ems && hello_ems) return EmsResumption::resume;
    if (session_ems) {
        why = "the session used extended_master_secret but the new ClientHello lacks it: the server \"MUST abort "
              "the abbreviated handshake\" (RFC 7627 §5.3)";
        return EmsResumption::abort;
    }
    why = hello_ems ? "the session was made without extended_master_secret and the ClientHello has it (RFC 7627 §5.3)"
                    : "neither the session nor the ClientHello uses extended_master_secret; no legacy insecure "
                      "resumption (RFC 7627 §5.3, §5.4)";
    return EmsResumption::full_handshake;
}

}  // namespace lucid::handshake
