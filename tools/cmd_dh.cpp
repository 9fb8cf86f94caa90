// lucid dh: one side of a finite-field Diffie-Hellman exchange, by hand.
//
//   lucid dh --group ffdhe2048 --show-secrets          a fresh key pair: private x and public Y
//   lucid dh --group ffdhe2048 --private X --peer Y    Y = g^x mod p and the shared secret
//   lucid dh --p HEX --g HEX [--min-bits 1024] ...     a group of your own, as a server would send
//
// The shared secret is printed as TLS uses it: Z = Y_peer^x mod p with leading zero bytes
// stripped (RFC 5246 §8.1.2). The peer's value must satisfy 1 < Y < p-1 (RFC 7919 §5.1). A group
// given with --p/--g is held to the rule for server-chosen groups, at least 2048 bits (Logjam);
// --min-bits lowers the bar for lab work.
#include <iostream>
#include <optional>
#include <string>

#include "crypto/bignum.h"
#include "crypto/dh.h"
#include "crypto/dh_groups.h"
#include "crypto/hex.h"
#include "tools/command.h"
#include "tools/pki_files.h"

namespace lucid::tools {

namespace {

crypto::BigInt hex_number(const Args& args, std::string_view flag) {
    try {
        return crypto::from_hex_text(hex_without_separators(args.required(flag)));
    } catch (const UsageError&) {
        throw;
    } catch (const Error& e) {
        throw UsageError("--" + std::string(flag) + ": " + e.what());
    }
}

crypto::DhGroup group_from(const Args& args) {
    if (args.has("p") || args.has("g")) {
        if (args.has("group")) throw UsageError("give --group or --p and --g, not both");
        std::size_t minimum = crypto::dh_minimum_server_group_bits;
        if (const auto text = args.value("min-bits")) {
            try {
                minimum = std::stoul(*text);
            } catch (const std::exception&) {
                throw UsageError("--min-bits takes a number of bits");
            }
        }
        try {
            return crypto::accept_server_dh_group(crypto::to_bytes_minimal(hex_number(args, "p")),
                                                  crypto::to_bytes_minimal(hex_number(args, "g")), minimum);
        } catch (const UsageError&) {
            throw;
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
    }
    const std::string name = args.value("group").value_or("ffdhe2048");
    const std::optional<crypto::NamedDhGroup> id = crypto::dh_group_from_name(name);
    if (!id) throw UsageError("unknown --group '" + name + "' (known: ffdhe2048 ffdhe3072 ffdhe4096 modp2048)");
    return crypto::named_dh_group(*id);
}

int run_dh(const Args& args) {
    const crypto::DhGroup group = group_from(args);
    std::unique_ptr<crypto::RandomSource> rng = key_random(args.optional_hex("seed"), "lucid dh");
    const bool given_private = args.has("private");
    std::optional<crypto::DhPrivateKey> key;
    try {
        if (given_private) key.emplace(group, hex_number(args, "private"));
        else key.emplace(crypto::generate_dh_key(group, *rng));
    } catch (const UsageError&) {
        throw;
    } catch (const Error& e) {
        throw UsageError(e.what());
    }

    std::string origin = "given with --p/--g";
    if (const auto id = crypto::dh_group_from_name(group.name)) origin = std::string(crypto::named_dh_group_info(*id).source);
    std::cout << "group: " << group.name << " (" << origin << "), " << group.bits() << " bits\n";
    // A generated private exponent is secret: shown only on request.
    if (!given_private && args.has("show-secrets")) {
        std::cout << "private: " << crypto::to_hex_text(key->private_exponent()) << "\n";
    }
    std::cout << "public: " << to_hex(key->public_value_bytes()) << "\n";
    if (args.has("peer")) {
        try {
            const SecretBytes shared = crypto::dh_shared_secret(*key, hex_number(args, "peer"));
            std::cout << "shared: " << to_hex(shared.reveal()) << "\n";
        } catch (const UsageError&) {
            throw;
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
    }
    return 0;
}

}  // namespace

extern const Command dh_command = {
    "dh",
    "finite-field Diffie-Hellman by hand: key pair, public value, shared secret (RFC 7919 groups)",
    "lucid dh [--group NAME | --p HEX --g HEX [--min-bits N]] [--private HEX] [--peer HEX] [--show-secrets] [--seed HEX]",
    {
        {"group", true, "ffdhe2048 (default), ffdhe3072, ffdhe4096 or modp2048 (RFC 3526 group 14)"},
        {"p", true, "a prime of your own, in hex (as a server would send it)"},
        {"g", true, "its generator, in hex"},
        {"min-bits", true, "smallest --p accepted (default 2048: Logjam); lower only for labs"},
        {"private", true, "the private exponent x in hex (default: a fresh one)"},
        {"peer", true, "the peer's public value Y in hex: prints the shared secret"},
        {"show-secrets", false, "also print a freshly generated private exponent"},
        {"seed", true, "deterministic randomness (HMAC_DRBG over this hex seed)"},
    },
    run_dh,
};

}  // namespace lucid::tools
