#include "tools/protocol_options.h"

#include <optional>

namespace lucid::tools {

using handshake::tls10_version;
using handshake::tls11_version;
using handshake::tls12_version;

namespace {

struct VersionName {
    std::string_view name;       // as --min-protocol takes it
    std::string_view shorthand;  // the flag for exactly this version
    std::uint16_t version;
};
constexpr VersionName version_names[] = {
    {"TLSv1", "tls1", tls10_version},
    {"TLSv1.1", "tls1_1", tls11_version},
    {"TLSv1.2", "tls1_2", tls12_version},
};

std::uint16_t parse_version(const Args& args, std::string_view flag) {
    const std::string text = *args.value(flag);
    for (const VersionName& v : version_names) {
        if (text == v.name) return v.version;
    }
    if (text == "SSLv3") {
        throw UsageError("--" + std::string(flag) + " SSLv3: SSL 3.0 must not be used (RFC 7568); lucid speaks TLSv1, TLSv1.1, TLSv1.2");
    }
    throw UsageError("--" + std::string(flag) + ": expected TLSv1, TLSv1.1 or TLSv1.2, got '" + text + "'");
}

}  // namespace

std::vector<FlagSpec> protocol_flags() {
    return {
        {"min-protocol", true, "lowest protocol version: TLSv1, TLSv1.1 or TLSv1.2 (default TLSv1.2; below is deprecated, RFC 8996)"},
        {"max-protocol", true, "highest protocol version: TLSv1, TLSv1.1 or TLSv1.2 (default TLSv1.2)"},
        {"tls1", false, "DEPRECATED (RFC 8996): TLS 1.0 only, for labs and old peers"},
        {"tls1_1", false, "DEPRECATED (RFC 8996): TLS 1.1 only, for labs and old peers"},
        {"tls1_2", false, "TLS 1.2 only (the default)"},
    };
}

ProtocolOptions parse_protocol_options(const Args& args) {
    ProtocolOptions o;
    std::optional<std::uint16_t> only;
    for (const VersionName& v : version_names) {
        if (!args.has(v.shorthand)) continue;
        if (only) throw UsageError("--tls1, --tls1_1 and --tls1_2 each select one version: give only one");
        only = v.version;
    }
    if (only && (args.has("min-protocol") || args.has("max-protocol"))) {
        throw UsageError("--" + std::string(version_names[*only - tls10_version].shorthand) +
                         " selects exactly one version: do not combine it with --min-protocol/--max-protocol");
    }
    if (only) {
        o.versions = {*only, *only};
    } else {
        if (args.has("min-protocol")) o.versions.min = parse_version(args, "min-protocol");
        if (args.has("max-protocol")) o.versions.max = parse_version(args, "max-protocol");
        if (args.has("max-protocol") && !args.has("min-protocol") && o.versions.max < o.versions.min) {
            o.versions.min = o.versions.max;  // --max-protocol TLSv1.1 alone: that version
        }
    }
    if (o.versions.min > o.versions.max) {
        throw UsageError("--min-protocol " + handshake::version_flag_name(o.versions.min) + " is above --max-protocol " +
                         handshake::version_flag_name(o.versions.max));
    }
    if (o.versions.min < tls12_version) {
        o.warning = "WARNING: " + handshake::range_label(o.versions) +
                    " enabled: TLS 1.0 and 1.1 are deprecated (RFC 8996: they \"MUST NOT be used\"); for labs and old "
                    "peers only";
    }
    return o;
}

}  // namespace lucid::tools
