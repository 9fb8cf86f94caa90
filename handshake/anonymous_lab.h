// The anonymous Diffie-Hellman lab (TLS_DH_anon_*, RFC 5246 §7.4.2, §7.4.3, Appendix F.1.1.1):
// what keeps those suites behind a flag that says they are insecure, and the sentence the trace
// gives to whoever uses them.
#pragma once

#include <vector>

#include "handshake/cipher_suites.h"
#include "handshake/trace.h"

namespace lucid::handshake {

// Throws lucid::Error if `suites` names a DH_anon suite and `lab_anonymous` is false: such a
// suite must never be negotiated by accident (secure defaults).
void require_lab_flag_for_anonymous_suites(const std::vector<CipherSuite>& suites, bool lab_anonymous);

// RFC 5246 Appendix F.1.1.1: why anyone in the middle can read a DH_anon connection.
NoteTrace anonymous_connection_warning();

}  // namespace lucid::handshake
