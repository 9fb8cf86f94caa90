// lucid asn1 FILE: every TLV of a DER or PEM file as a tree, with offsets, header and content
// lengths, tag names, OID names and decoded values; OCTET STRINGs and BIT STRINGs that hold DER
// (extension values, public keys) are opened too. Like `openssl asn1parse -i`, but it says more,
// and a file that is not strict DER stops at the offending byte with the rule it breaks.
#include <cstdio>
#include <limits>
#include <iostream>
#include <string>

#include "crypto/hex.h"
#include "tools/command.h"
#include "tools/pki_files.h"
#include "x509/asn1_time.h"
#include "x509/der.h"
#include "x509/error.h"
#include "x509/oid.h"
#include "x509/pem.h"

namespace lucid::tools {

namespace {

using namespace x509;

struct Options {
    bool full = false;  // every byte of long values, not the first 16
};

// True when bytes are one or more complete TLVs, strict DER all the way down: then an OCTET
// STRING or BIT STRING holding them is shown opened ("encapsulates").
bool parses_as_der(ByteView bytes, std::size_t base, int depth = 0) {
    if (bytes.empty() || depth > 40) return false;
    try {
        DerReader r(bytes, base);
        while (!r.empty()) {
            Element e = r.read();
            if (e.tag.constructed && !parses_as_der(e.content, e.content_offset(), depth + 1) && !e.content.empty()) return false;
        }
        return true;
    } catch (const DecodeError&) {
        return false;
    }
}

std::string hex_value(ByteView v, const Options& o) {
    if (v.empty()) return "(empty)";
    if (o.full || v.size() <= 16) return to_hex(v);
    return to_hex(v.first(16)) + "... (" + std::to_string(v.size()) + " bytes)";
}

bool printable_ascii(ByteView v) {
    for (std::uint8_t c : v) {
        if (c < 0x20 || c > 0x7E) return false;
    }
    return !v.empty();
}

// The value column of one element.
std::string describe(const Element& e, const Options& o, bool& open_contents, ByteView& inner, std::size_t& inner_base) {
    open_contents = false;
    if (e.tag.constructed) {
        open_contents = true;
        inner = e.content;
        inner_base = e.content_offset();
        return "";
    }
    if (e.tag.tag_class == TagClass::universal) {
        if (e.tag == tags::boolean) return der_boolean(e, "") ? "TRUE" : "FALSE";
        if (e.tag == tags::null) {
            der_null(e, "");
            return "";
        }
        if (e.tag == tags::integer || e.tag == tags::enumerated) {
            ByteView v = der_integer(e, "");
            if (v.size() <= 8) {
                std::int64_t n = der_small_integer(e, "", std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max());
                return std::to_string(n) + (n > 9 || n < 0 ? " (0x" + to_hex(v) + ")" : "");
            }
            return "0x" + hex_value(v, o);
        }
        if (e.tag == tags::object_identifier) {
            Oid oid = der_oid(e, "");
            std::string_view name = oid.name();
            return oid.dotted() + (name.empty() ? "" : "  " + std::string(name));
        }
        if (e.tag == tags::utc_time || e.tag == tags::generalized_time) {
            Time t = der_time(e, "");
            return std::string(e.content.begin(), e.content.end()) + "  (" + t.iso8601() + ")";
        }
        if (is_string_tag(e.tag)) return "\"" + der_string(e, "") + "\"";
        if (e.tag == tags::bit_string) {
            BitString b = der_bit_string(e, "");
            if (b.unused_bits == 0 && parses_as_der(b.bytes, e.content_offset() + 1)) {
                open_contents = true;
                inner = e.content.subspan(1);
                inner_base = e.content_offset() + 1;
                return "(" + std::to_string(b.bit_length()) + " bits) encapsulates:";
            }
            return "(" + std::to_string(b.bit_length()) + " bits) " + hex_value(b.bytes, o);
        }
        if (e.tag == tags::octet_string) {
            if (parses_as_der(e.content, e.content_offset())) {
                open_contents = true;
                inner = e.content;
                inner_base = e.content_offset();
                return "encapsulates:";
            }
            return hex_value(e.content, o);
        }
    }
    // A primitive context-specific value (an IMPLICIT tag): text if it reads as text, else hex.
    if (printable_ascii(e.content)) return "\"" + std::string(e.content.begin(), e.content.end()) + "\"";
    return hex_value(e.content, o);
}

void print_level(ByteView data, std::size_t base, int indent, const Options& o) {
    DerReader r(data, base);
    while (!r.empty()) {
        const Element e = r.read();
        bool open = false;
        ByteView inner;
        std::size_t inner_base = 0;
        const std::string value = describe(e, o, open, inner, inner_base);
        char head[64];
        std::snprintf(head, sizeof head, "%7zu %4zu %6zu  ", e.offset, e.header_length, e.content.size());
        std::cout << head << std::string(static_cast<std::size_t>(indent) * 2, ' ') << tag_name(e.tag)
                  << (value.empty() ? "" : " " + value) << "\n";
        if (open) print_level(inner, inner_base, indent + 1, o);
    }
}

void dump(ByteView der, const Options& o) {
    std::cout << " offset  hdr    len  structure\n";
    print_level(der, 0, 0, o);
}

int run_asn1_command(const Args& args) {
    if (args.positional.size() != 1) throw UsageError("give exactly one FILE (PEM or DER, - for standard input)");
    Options o;
    o.full = args.has("full");
    const std::string& path = args.positional[0];
    const Bytes data = read_file(path);
    if (const std::string why = neither_pem_nor_der(data); !why.empty()) {
        std::cerr << "lucid asn1: " << path << ": " << why << "\n";
        return 1;
    }
    try {
        if (looks_like_pem(data)) {
            const std::vector<PemBlock> blocks =
                pem_decode_all(std::string_view(reinterpret_cast<const char*>(data.data()), data.size()));
            for (std::size_t i = 0; i < blocks.size(); ++i) {
                if (i > 0) std::cout << "\n";
                std::cout << "PEM block " << (i + 1) << " of " << blocks.size() << ": " << blocks[i].label << " (line "
                          << blocks[i].line << "), " << blocks[i].der.size() << " bytes of DER\n";
                dump(blocks[i].der, o);
            }
        } else {
            dump(data, o);
        }
    } catch (const DecodeError& e) {
        std::cout.flush();
        std::cerr << "lucid asn1: " << path << ": not strict DER: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

extern const Command asn1_command = {
    "asn1",
    "show the DER structure of a file (PEM or DER) as a tree: offsets, lengths, tags, OIDs, values (X.690)",
    "lucid asn1 [--full] FILE",
    {{"full", false, "print long values whole instead of their first 16 bytes"}},
    run_asn1_command,
};

}  // namespace lucid::tools
