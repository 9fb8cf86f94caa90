// Fuzz target: the DER reader (x509/der.h), X.690 §8 with the DER rules of §10-§11.
// Walks every TLV of the input, descending into constructed ones, and hands each primitive element
// to the content decoders its tag calls for, as the certificate parser does. The fuzzer steers any
// content into any decoder through the tag: a universal tag picks its own decoder, and the number of
// an application, context-specific or private tag ([n] IMPLICIT, X.680 §31) picks any one decoder.
// Calling every decoder on every element, as this target did until 2026-12-07, reached the same code
// at a ninth of the speed: most of the calls only threw, and a throw under ASan costs a system call.
#include "fuzz/fuzz_support.h"
#include "x509/asn1_time.h"
#include "x509/der.h"
#include "x509/oid.h"

namespace {

using namespace lucid;

// The content decoders, numbered for decoder_for.
void run_decoder(int decoder, const x509::Element& e) {
    switch (decoder) {
        case 0:
            fuzz::rejecting_is_fine([&] { x509::der_integer(e, "fuzz"); });
            fuzz::rejecting_is_fine([&] { x509::der_unsigned_integer(e, "fuzz"); });
            fuzz::rejecting_is_fine([&] { x509::der_small_integer(e, "fuzz", -1000, 1000); });
            break;
        case 1: fuzz::rejecting_is_fine([&] { x509::der_boolean(e, "fuzz"); }); break;
        case 2: fuzz::rejecting_is_fine([&] { x509::der_null(e, "fuzz"); }); break;
        case 3: fuzz::rejecting_is_fine([&] { x509::der_bit_string(e, "fuzz"); }); break;
        case 4: fuzz::rejecting_is_fine([&] { x509::der_string(e, "fuzz"); }); break;
        case 5: fuzz::rejecting_is_fine([&] { x509::der_oid(e, "fuzz").display(); }); break;
        default: fuzz::rejecting_is_fine([&] { x509::der_time(e, "fuzz"); }); break;
    }
}

// A universal tag names its decoder; the number of an [n] IMPLICIT tag picks any of the seven
// (the first four read any tag's content; the last three check the tag first and must reject it).
int decoder_for(const x509::Tag& tag) {
    using namespace x509::tags;
    if (tag.tag_class != x509::TagClass::universal) return static_cast<int>(tag.number % 7);
    if (tag == integer || tag == enumerated) return 0;
    if (tag == boolean) return 1;
    if (tag == null) return 2;
    if (tag == bit_string) return 3;
    if (tag == object_identifier) return 5;
    if (tag == utc_time || tag == generalized_time) return 6;
    return 4;  // the string types, and every other universal tag, which der_string must reject
}

void walk(x509::DerReader r, int depth) {
    while (!r.empty()) {
        x509::Element e = r.read();
        x509::tag_name(e.tag);
        if (e.tag.constructed) {
            if (depth < 64) walk(x509::DerReader::contents_of(e), depth + 1);
        } else {
            run_decoder(decoder_for(e.tag), e);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::rejecting_is_fine([&] { walk(x509::DerReader(fuzz::input(data, size)), 0); });
    fuzz::rejecting_is_fine([&] { x509::read_single(fuzz::input(data, size), "fuzz"); });
    return 0;
}
