// Fuzz target: every handshake message parser (handshake/messages/*.h, RFC 5246 §7.4) and the
// trace annotations built from the same reads (describe_handshake_message).
//
// Input: byte 0 picks the message (below) and whether a trace tree is built (bit 7); the rest is
// the body (the bytes after the 4-byte header), or the record fragment for ChangeCipherSpec and
// Alert. A message that parses must survive its own round trip: encode it, parse that, encode
// again, and get the same bytes (parse and encode agree on the format; a failure traps).
#include "fuzz/fuzz_support.h"
#include "handshake/cipher_suites.h"
#include "handshake/field_reader.h"
#include "handshake/messages/certificate.h"
#include "handshake/messages/certificate_request.h"
#include "handshake/messages/certificate_verify.h"
#include "handshake/messages/change_cipher_spec.h"
#include "handshake/messages/client_hello.h"
#include "handshake/messages/client_key_exchange.h"
#include "handshake/messages/client_key_exchange_dh.h"
#include "handshake/messages/client_key_exchange_ecdhe.h"
#include "handshake/messages/digitally_signed.h"
#include "handshake/messages/finished.h"
#include "handshake/messages/handshake_type.h"
#include "handshake/messages/server_hello.h"
#include "handshake/messages/server_hello_done.h"
#include "handshake/messages/server_key_exchange.h"
#include "handshake/messages/server_key_exchange_ecdhe.h"

namespace {

using namespace lucid;
using namespace lucid::handshake;

// header_length: 4 for handshake messages (encode() frames them), 0 for the record-level ones.
template <typename Message>
void round_trip(ByteView body, Field* tree, std::size_t header_length) {
    Message first;
    try {
        first = Message::parse(body, tree);
    } catch (const Error&) {
        return;  // rejected: fine
    }
    Bytes e1 = first.encode();
    if (e1.size() < header_length) __builtin_trap();
    Bytes e2;
    try {
        e2 = Message::parse(ByteView(e1).subspan(header_length)).encode();
    } catch (const Error&) {
        __builtin_trap();  // we wrote something we refuse to read
    }
    if (e1 != e2) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    Field root;
    Field* tree = (data[0] & 0x80) ? &root : nullptr;
    ByteView body = fuzz::input(data + 1, size - 1);
    switch (data[0] & 0x7F) {
    case 0: round_trip<ClientHello>(body, tree, 4); break;
    case 1: round_trip<ServerHello>(body, tree, 4); break;
    case 2: round_trip<CertificateMessage>(body, tree, 4); break;
    case 3: round_trip<ServerKeyExchange>(body, tree, 4); break;
    case 4: round_trip<CertificateRequest>(body, tree, 4); break;
    case 5: round_trip<ServerHelloDone>(body, tree, 4); break;
    case 6: round_trip<CertificateVerify>(body, tree, 4); break;
    case 7: round_trip<ClientKeyExchange>(body, tree, 4); break;
    case 8: round_trip<ClientKeyExchangeDh>(body, tree, 4); break;
    case 9: round_trip<Finished>(body, tree, 4); break;
    case 10: round_trip<HelloRequest>(body, tree, 4); break;
    case 11: round_trip<ChangeCipherSpec>(body, tree, 0); break;
    case 12: round_trip<AlertMessage>(body, tree, 0); break;
    case 14: round_trip<ServerKeyExchangeEcdhe>(body, tree, 4); break;
    case 15: round_trip<ClientKeyExchangeEcdhe>(body, tree, 4); break;
    case 13:
        fuzz::rejecting_is_fine([&] {
            FieldReader r(body, "fuzz", 0, tree);
            DigitallySigned::read(r, "signature");
            r.expect_end();
        });
        break;
    default:
        // The whole message, header included, as the trace renderer sees it: type from byte 1.
        if (body.empty()) break;
        fuzz::rejecting_is_fine([&] {
            // The key exchange picks the form of ServerKeyExchange and ClientKeyExchange.
            const KeyExchange forms[] = {KeyExchange::rsa, KeyExchange::dhe_rsa, KeyExchange::ecdhe_rsa, KeyExchange::dh_anon};
            describe_handshake_message(body[0], body, root, forms[data[0] & 3]);
        });
        handshake_type_name(body[0]);
        break;
    }
    return 0;
}
