// Fuzz target: what a server reads of session tickets (RFC 5077 §4): the ticket from a ClientHello
// (TicketKeyRing::open, handshake/server_ticket.h), the StatePlaintext inside one
// (handshake/session_state_codec.h) and the --ticket-key-file text (net/ticket_key_file.h).
// The first byte picks which; a ticket is never an error (nothing may throw), and a ticket that
// opens must hold a 48-byte master secret.
#include "crypto/random.h"
#include "fuzz/fuzz_support.h"
#include "handshake/server_ticket.h"
#include "handshake/session_state_codec.h"
#include "net/ticket_key_file.h"

namespace {

// One fixed key, so that tickets sealed by it (in the corpus) pass the MAC and reach the decoder.
lucid::handshake::TicketKeyRing& fixed_ring() {
    static lucid::handshake::TicketKeyRing ring = [] {
        lucid::crypto::HmacDrbg drbg(lucid::as_bytes("fuzz ticket key"), lucid::as_bytes("nonce"), lucid::as_bytes(""));
        std::vector<lucid::handshake::TicketKey> keys;
        keys.push_back(lucid::handshake::TicketKey::generate(drbg, 0));
        return lucid::handshake::TicketKeyRing(std::move(keys), {});
    }();
    return ring;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lucid;
    if (size == 0) return 0;
    const ByteView rest = fuzz::input(data + 1, size - 1);
    switch (data[0] % 3) {
        case 0: {
            const handshake::OpenedTicket opened = fixed_ring().open(rest, 1704067200);
            if (opened.session && opened.session->master_secret.size() != 48) __builtin_trap();
            break;
        }
        case 1: {
            const std::optional<handshake::SessionState> s = handshake::decode_session_state(rest);
            // What decodes encodes back to the same bytes.
            if (s) {
                const SecretBytes again = handshake::encode_session_state(*s);
                if (!std::equal(again.view().begin(), again.view().end(), rest.begin(), rest.end())) __builtin_trap();
            }
            break;
        }
        default:
            try {
                net::parse_ticket_keys(rest);
            } catch (const Error&) {
            }
            break;
    }
    return 0;
}
