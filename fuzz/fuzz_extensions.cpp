// Fuzz target: the hello extensions (handshake/extensions.h, RFC 5246 §7.4.1.4): the generic block
// reader (duplicates, unknown types kept) and each known extension's reader (server_name RFC 6066 §3,
// signature_algorithms §7.4.1.4.1, ALPN RFC 7301 §3.1, renegotiation_info RFC 5746 §3.2, the empty
// ones of RFC 7627 and RFC 7366).
//
// Input: byte 0: bit 0 ClientHello or ServerHello form, bit 7 build a trace tree, bits 1-3 which
// reader (0: the whole block, 1-5: one extension's extension_data). A block that reads must come
// back the same after write_extensions (the list, in wire order).
#include "fuzz/fuzz_support.h"
#include "handshake/extensions.h"
#include "handshake/field_reader.h"
#include "record/codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lucid;
    using namespace lucid::handshake;
    if (size < 1) return 0;
    const HelloKind kind = (data[0] & 1) ? HelloKind::server_hello : HelloKind::client_hello;
    Field root;
    Field* tree = (data[0] & 0x80) ? &root : nullptr;
    ByteView body = fuzz::input(data + 1, size - 1);
    fuzz::rejecting_is_fine([&] {
        FieldReader r(body, "fuzz", 0, tree);
        switch ((data[0] >> 1) & 7) {
        case 0: {
            HelloExtensions e = read_extensions(r, kind);
            for (const Extension& x : e.list) extension_name(x.type);
            record::Writer w;
            write_extensions(w, e);
            HelloExtensions again;
            try {
                FieldReader r2(w.data(), "again", 0, nullptr);
                again = read_extensions(r2, kind);
            } catch (const Error&) {
                __builtin_trap();  // written, then refused
            }
            if (again.list.size() != e.list.size()) __builtin_trap();
            for (std::size_t i = 0; i < e.list.size(); ++i)
                if (again.list[i].type != e.list[i].type || again.list[i].data != e.list[i].data) __builtin_trap();
            return;
        }
        case 1: read_server_name(r, kind); break;
        case 2:
            for (std::uint16_t a : read_signature_algorithms(r)) signature_algorithm_name(a);
            break;
        case 3: read_renegotiation_info(r); break;
        case 4: read_alpn(r, kind); break;
        default: read_empty_extension(r, "fuzz"); break;
        }
        r.expect_end();
    });
    return 0;
}
