// RFC 7919 §3 and §4: which finite-field group a DHE suite uses (see ffdhe_negotiation.h).
#include "handshake/ffdhe_negotiation.h"

#include <algorithm>

#include "crypto/error.h"
#include "handshake/extensions.h"
#include "record/tls_error.h"

namespace lucid::handshake {

// RFC 7919 §2
bool is_ffdhe_code_point(std::uint16_t named_group) { return named_group >= 0x0100 && named_group <= 0x01FF; }

std::optional<crypto::NamedDhGroup> ffdhe_group_for(std::uint16_t named_group) {
    for (const crypto::NamedDhGroupInfo& info : crypto::named_dh_groups()) {
        if (info.tls_named_group != 0 && info.tls_named_group == named_group) return info.id;
    }
    return std::nullopt;
}

std::vector<std::uint16_t> default_ffdhe_groups() {
    std::vector<std::uint16_t> out;
    for (const crypto::NamedDhGroupInfo& info : crypto::named_dh_groups()) {
        if (info.tls_named_group != 0) out.push_back(info.tls_named_group);
    }
    return out;
}

std::vector<std::uint16_t> parse_ffdhe_group_list(const std::string& list) {
    std::vector<std::uint16_t> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t cut = std::min(list.find_first_of(":,", start), list.size());
        const std::string name = list.substr(start, cut - start);
        const std::optional<crypto::NamedDhGroup> id = crypto::dh_group_from_name(name);
        const std::uint16_t code = id ? crypto::named_dh_group_info(*id).tls_named_group : 0;
        if (code == 0) {
            throw Error("unknown finite-field group '" + name + "' (known: ffdhe2048, ffdhe3072, ffdhe4096, ffdhe6144, ffdhe8192)");
        }
        if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
        start = cut + 1;
    }
    return out;
}

// RFC 7919 §4
FfdheChoice choose_ffdhe_group(const std::optional<std::vector<std::uint16_t>>& client_groups,
                               const std::vector<std::uint16_t>& server_accepts,
                               const std::optional<crypto::DhGroup>& configured) {
    const std::vector<std::uint16_t> ours = server_accepts.empty() ? default_ffdhe_groups() : server_accepts;
    const std::vector<std::uint16_t> theirs = client_groups.value_or(std::vector<std::uint16_t>{});
    if (std::none_of(theirs.begin(), theirs.end(), is_ffdhe_code_point)) {
        // "the server knows that the client is not compatible with this document ... MAY select
        // an FFDHE cipher suite and offer an FFDHE group of its choice"
        return {FfdheChoice::Rule::configured, configured,
                "the client lists no FFDHE group in supported_groups: a DHE suite uses this server's own group"};
    }
    for (std::uint16_t code : theirs) {
        if (std::find(ours.begin(), ours.end(), code) == ours.end()) continue;
        if (const std::optional<crypto::NamedDhGroup> id = ffdhe_group_for(code)) {
            // "MUST select one of the client's offered groups"
            return {FfdheChoice::Rule::negotiated, crypto::named_dh_group(*id),
                    "a DHE suite uses " + named_group_name(code) +
                        ", the first of the client's FFDHE groups this server accepts"};
        }
    }
    // "none of the client-proposed FFDHE groups are known and acceptable to the server, then the
    // server MUST NOT select an FFDHE cipher suite"
    return {FfdheChoice::Rule::none_acceptable, std::nullopt,
            "none of the client's FFDHE groups is acceptable here: no DHE suite may be chosen"};
}

// RFC 7919 §3, §4
std::string check_server_ffdhe_group(const crypto::DhGroup& group, const std::vector<std::uint16_t>& offered) {
    const std::optional<crypto::NamedDhGroup> id = crypto::dh_group_from_name(group.name);
    const std::uint16_t code = id ? crypto::named_dh_group_info(*id).tls_named_group : 0;
    if (code == 0) {
        return "the server's group is not one of the RFC 7919 groups (a custom group): accepted because p has " +
               std::to_string(group.bits()) + " bits, at least the minimum";
    }
    if (offered.empty()) {
        return "the server's p and g are " + named_group_name(code) + "; we listed no FFDHE group, so the server chose it";
    }
    if (std::find(offered.begin(), offered.end(), code) == offered.end()) {
        throw record::TlsError(record::AlertDescription::illegal_parameter,
                               "the server chose " + named_group_name(code) +
                                   ", which the client did not list in supported_groups (RFC 7919 §4)");
    }
    return "the server's p and g are " + named_group_name(code) + ", one of the groups we offered";
}

}  // namespace lucid::handshake
