// Fuzz target: the readers of `lucid vectors` (conformance/): NIST CAVP .rsp, RSA Labs text, JSON
// (the HMAC_DRBG file), the recorded-connection format, and the SHAVS Len/Msg helper.
// Input: byte 0 picks the reader; the rest is the file's text. Only the readers are fuzzed, not
// the runners that feed the cases through the primitives (a fuzzed RSA modulus of 10^5 bits would
// only measure GMP).
#include "conformance/json.h"
#include "conformance/len_msg.h"
#include "conformance/recorded_connection.h"
#include "conformance/rsa_labs_text.h"
#include "conformance/rsp_reader.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lucid;
    if (size < 1) return 0;
    std::string_view t = fuzz::text(data + 1, size - 1);
    fuzz::rejecting_is_fine([&] {
        switch (data[0] % 4) {
        case 0:
            for (const conformance::RspRecord& r : conformance::parse_rsp(t))
                fuzz::rejecting_is_fine([&] { conformance::len_msg_message(r); });
            break;
        case 1: conformance::parse_rsa_labs_text(t); break;
        case 2: conformance::parse_json(t); break;
        default: conformance::parse_recorded_connection(t); break;
        }
    });
    return 0;
}
