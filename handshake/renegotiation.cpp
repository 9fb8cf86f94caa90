// RFC 5746 §3.5 and §3.7: what the hellos of a renegotiation carry, and their checks.
#include "handshake/renegotiation.h"

#include "crypto/ct.h"
#include "handshake/cipher_suites.h"
#include "handshake/encrypt_then_mac.h"
#include "record/tls_error.h"

namespace lucid::handshake {

using record::AlertDescription;
using record::TlsError;

namespace {

// The received renegotiated_connection against the expected one. The verify_data are secret
// until the peer has proved it knows them, so the bytes are compared in constant time (crypto/ct.h);
// the lengths are public (12 bytes per Finished, RFC 5246 §7.4.9).
bool same_binding(ByteView received, ByteView expected) { return ct::equal(received, expected); }

// RFC 7627 §5.3 forbids dropping the extended master secret when a session is resumed; the same
// holds for a renegotiation of a connection that used it (OpenSSL refuses it the same way), or the
// new handshake would be open to the triple handshake attack the extension prevents (RFC 7627 §1).
void check_extended_master_secret_kept(bool before, bool now, const char* who) {
    if (before && !now) {
        throw TlsError(AlertDescription::handshake_failure,
                       std::string("the ") + who + " dropped extended_master_secret in a renegotiation of a connection "
                       "that used it (RFC 7627 §5.3)");
    }
}

}  // namespace

// RFC 5746 §3.5: "The client MUST include the "renegotiation_info" extension in the ClientHello,
// containing the saved client_verify_data."
Bytes client_renegotiated_connection(const RenegotiationBinding& b) { return b.client_verify_data; }

// RFC 5746 §3.7: "the server MUST include a "renegotiation_info" extension containing the saved
// client_verify_data and server_verify_data in the ServerHello."
Bytes server_renegotiated_connection(const RenegotiationBinding& b) {
    Bytes out = b.client_verify_data;
    append(out, b.server_verify_data);
    return out;
}

// RFC 5746 §3.7
void check_renegotiating_client_hello(const RenegotiationBinding& b, const ClientHello& ch) {
    // "The server MUST verify that it does not contain the TLS_EMPTY_RENEGOTIATION_INFO_SCSV SCSV.
    // If the SCSV is present, the server MUST abort the handshake."
    if (ch.offers_suite(TLS_EMPTY_RENEGOTIATION_INFO_SCSV)) {
        throw TlsError(AlertDescription::handshake_failure,
                       "the renegotiating ClientHello carries TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.7)");
    }
    // "The server MUST verify that the "renegotiation_info" extension is present; if it is not,
    // the server MUST abort the handshake."
    if (!ch.extensions.renegotiation_info) {
        throw TlsError(AlertDescription::handshake_failure,
                       "the renegotiating ClientHello lacks renegotiation_info (RFC 5746 §3.7)");
    }
    // "The server MUST verify that the value of the "renegotiated_connection" field is equal to
    // the saved client_verify_data value; if it is not, the server MUST abort the handshake."
    if (!same_binding(*ch.extensions.renegotiation_info, client_renegotiated_connection(b))) {
        throw TlsError(AlertDescription::handshake_failure,
                       "the renegotiating ClientHello's renegotiation_info is not the client_verify_data of this "
                       "connection (RFC 5746 §3.7)");
    }
    check_extended_master_secret_kept(b.extended_master_secret, ch.extensions.extended_master_secret, "client");
}

// RFC 5746 §3.5
void check_renegotiating_server_hello(const RenegotiationBinding& b, const ServerHello& sh) {
    // "The client MUST then verify that the "renegotiation_info" extension is present; if it is
    // not, the client MUST abort the handshake."
    if (!sh.extensions.renegotiation_info) {
        throw TlsError(AlertDescription::handshake_failure,
                       "the ServerHello of the renegotiation lacks renegotiation_info (RFC 5746 §3.5)");
    }
    // "The client MUST then verify that the first half of the "renegotiated_connection" field is
    // equal to the saved client_verify_data value, and the second half is equal to the saved
    // server_verify_data value. If they are not, the client MUST abort the handshake."
    if (!same_binding(*sh.extensions.renegotiation_info, server_renegotiated_connection(b))) {
        throw TlsError(AlertDescription::handshake_failure,
                       "the ServerHello's renegotiation_info is not client_verify_data || server_verify_data of this "
                       "connection (RFC 5746 §3.5)");
    }
    check_extended_master_secret_kept(b.extended_master_secret, sh.extensions.extended_master_secret, "server");
}

// RFC 7366 §3.1: "if the mechanism for the current session is X, then the renegotiated session
// should also use X" (encrypt-then-MAC or MAC-then-encrypt). The one change that matters is the
// downgrade: a connection whose CBC records are encrypt-then-MAC would, after it, again decrypt
// before checking the MAC, the padding oracle of Lucky Thirteen (docs/record.md). We refuse it, as
// RFC 7627 §5.3 is applied to the extended master secret above. The other changes bring no oracle
// back and are accepted: MAC-then-encrypt to encrypt-then-MAC, or a move to an AEAD suite; the new
// records start with the new keys at ChangeCipherSpec (RFC 5246 §7.1), as OpenSSL has done since
// CVE-2017-3733, a crash when the mechanism changed in a renegotiation.
void check_encrypt_then_mac_kept(const RenegotiationBinding& b, const CipherSuiteInfo& suite, bool encrypt_then_mac) {
    if (b.encrypt_then_mac && encrypt_then_mac_applies(suite) && !encrypt_then_mac) {
        throw TlsError(AlertDescription::handshake_failure,
                       "the renegotiation agreed " + std::string(suite.iana_name) +
                           " without encrypt_then_mac, which would take this connection's records from encrypt-then-MAC "
                           "back to MAC-then-encrypt (RFC 7366 §3.1)");
    }
}

}  // namespace lucid::handshake
