// Fuzz target: the handshake message assembler (record/handshake_assembler.h, RFC 5246 §6.2.1 and
// §7.4): fragments split anywhere, coalesced messages, lengths up to the limit, and ChangeCipherSpec
// records interleaved (which must come between whole messages).
//
// Input: a sequence of chunks, each one byte of header (bits 0-6 the length, bit 7: a
// ChangeCipherSpec record comes before this chunk) and that many bytes of handshake fragment.
// A small maximum message length (1000) makes the "announced length too long" path reachable.
#include <algorithm>

#include "fuzz/fuzz_support.h"
#include "record/handshake_assembler.h"
#include "record/record.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lucid;
    record::HandshakeAssembler assembler(1000);
    std::size_t total = 0;
    fuzz::rejecting_is_fine([&] {
        std::size_t at = 0;
        while (at < size) {
            const std::uint8_t header = data[at++];
            if (header & 0x80) assembler.add(record::Record{record::ContentType::change_cipher_spec, record::tls12, Bytes{1}});
            const std::size_t n = std::min<std::size_t>(header & 0x7F, size - at);
            assembler.add(record::Record{record::ContentType::handshake, record::tls12, Bytes(data + at, data + at + n)});
            at += n;
            while (auto m = assembler.next_message()) {
                // §7.4: the raw message is the 4-byte header followed by the body.
                if (m->raw.size() != m->body.size() + 4 || m->raw[0] != m->type) __builtin_trap();
                total += m->raw.size();
            }
        }
    });
    if (total > size) __builtin_trap();  // no message is made of bytes that were not fed
    return 0;
}
