// Fuzz target: the DER reader (x509/der.h), X.690 §8 with the DER rules of §10-§11.
// Walks every TLV of the input, descending into constructed ones, and runs every content decoder
// on every primitive element, so each decoder sees every shape of content.
#include "fuzz/fuzz_support.h"
#include "x509/asn1_time.h"
#include "x509/der.h"
#include "x509/oid.h"

namespace {

using namespace lucid;

void decode_contents(const x509::Element& e) {
    fuzz::rejecting_is_fine([&] { x509::der_integer(e, "fuzz"); });
    fuzz::rejecting_is_fine([&] { x509::der_unsigned_integer(e, "fuzz"); });
    fuzz::rejecting_is_fine([&] { x509::der_small_integer(e, "fuzz", -1000, 1000); });
    fuzz::rejecting_is_fine([&] { x509::der_boolean(e, "fuzz"); });
    fuzz::rejecting_is_fine([&] { x509::der_null(e, "fuzz"); });
    fuzz::rejecting_is_fine([&] { x509::der_bit_string(e, "fuzz"); });
    fuzz::rejecting_is_fine([&] { x509::der_string(e, "fuzz"); });
    fuzz::rejecting_is_fine([&] { x509::der_oid(e, "fuzz").display(); });
    fuzz::rejecting_is_fine([&] { x509::der_time(e, "fuzz"); });
}

void walk(x509::DerReader r, int depth) {
    while (!r.empty()) {
        x509::Element e = r.read();
        x509::tag_name(e.tag);
        if (e.tag.constructed) {
            if (depth < 64) walk(x509::DerReader::contents_of(e), depth + 1);
        } else {
            decode_contents(e);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::rejecting_is_fine([&] { walk(x509::DerReader(fuzz::input(data, size)), 0); });
    fuzz::rejecting_is_fine([&] { x509::read_single(fuzz::input(data, size), "fuzz"); });
    return 0;
}
