// Fuzz target: record framing (record/record_layer.h, RFC 5246 §6.2) with the initial NULL cipher
// state, and the bare header parser. The first input byte picks the sizes of the pieces the rest
// is fed in (records split anywhere, RFC 5246 §6.2.1), so buffering across feed() calls is fuzzed too.
#include "crypto/random.h"
#include "fuzz/fuzz_support.h"
#include "record/record.h"
#include "record/record_layer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lucid;
    if (size < 1) return 0;
    const std::size_t piece = data[0] == 0 ? size : data[0];
    ByteView in = fuzz::input(data + 1, size - 1);
    fuzz::rejecting_is_fine([&] { record::parse_record_header(in); });

    crypto::HmacDrbg rng(as_bytes("fuzz record entropy"), as_bytes("nonce"), {});
    record::RecordLayer records(rng);
    fuzz::rejecting_is_fine([&] {
        for (std::size_t at = 0; at < in.size(); at += piece) {
            records.feed(in.subspan(at, std::min(piece, in.size() - at)));
            while (auto r = records.next_record()) {
                record::content_type_name(r->type);
                record::version_name(r->version);
            }
        }
    });
    return 0;
}
