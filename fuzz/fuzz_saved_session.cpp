// Fuzz target: the saved-session file (net/saved_session.h, `lucid client --sess-in`).
// A file that parses must format back to a file that parses to the same session.
#include <algorithm>

#include "fuzz/fuzz_support.h"
#include "net/saved_session.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lucid;
    using namespace lucid::handshake;
    using namespace lucid::net;
    SessionState s;
    try {
        s = parse_saved_session(fuzz::input(data, size));
    } catch (const Error&) {
        return 0;
    }
    SecretBytes text = format_saved_session(s);
    SecretBytes again;
    try {
        again = format_saved_session(parse_saved_session(text.view()));
    } catch (const Error&) {
        __builtin_trap();  // we wrote a file we refuse to read
    }
    if (!(again.view().size() == text.view().size() &&
          std::equal(again.view().begin(), again.view().end(), text.view().begin())))
        __builtin_trap();
    return 0;
}
