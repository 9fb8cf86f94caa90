// lucid prf --hash sha256|sha384|md5-sha1 --secret HEX --label TEXT --seed HEX --length N
//
// The TLS PRF on its own (RFC 5246 §5; RFC 2246 §5 for md5-sha1), printed as hex, so that a
// student can compare with `openssl kdf -keylen N -kdfopt digest:SHA256 -kdfopt hexsecret:HEX
// -kdfopt seed:TEXT -kdfopt hexseed:HEX TLS1-PRF` or follow a key schedule by hand.
#include <iostream>
#include <string>

#include "crypto/hex.h"
#include "handshake/prf.h"
#include "tools/command.h"

namespace lucid::tools {

namespace {

std::size_t parse_length(const std::string& text) {
    if (text.empty() || text.size() > 7 || text.find_first_not_of("0123456789") != std::string::npos) {
        throw UsageError("--length must be a number of bytes from 1 to 1000000, not '" + text + "'");
    }
    const std::size_t n = std::stoul(text);
    if (n < 1 || n > 1000000) throw UsageError("--length must be from 1 to 1000000 bytes, not " + text);
    return n;
}

int run_prf_command(const Args& args) {
    const std::string hash = args.required("hash");
    const std::optional<handshake::PrfAlgorithm> alg = handshake::prf_from_name(hash);
    if (!alg) throw UsageError("--hash must be sha256, sha384 or md5-sha1, not '" + hash + "'");
    // The secret was typed by the user: no secret from them, but wiped like every other.
    const SecretBytes secret = SecretBytes::adopt(args.hex("secret"));
    const std::string label = args.required("label");
    const Bytes seed = args.optional_hex("seed").value_or(Bytes{});
    const std::size_t length = parse_length(args.required("length"));

    const SecretBytes output = handshake::prf(*alg, secret.view(), label, seed, length);
    std::cout << to_hex(output.reveal()) << "\n";  // printing it is what the user asked for
    return 0;
}

}  // namespace

extern const Command prf_command = {
    "prf",
    "the TLS PRF: P_SHA256/P_SHA384 (TLS 1.2) or MD5 xor SHA-1 (TLS 1.0/1.1), like openssl kdf TLS1-PRF",
    "lucid prf --hash sha256|sha384|md5-sha1 --secret HEX --label TEXT [--seed HEX] --length N",
    {
        {"hash", true, "sha256 or sha384 (TLS 1.2, RFC 5246 §5) or md5-sha1 (TLS 1.0/1.1, RFC 2246 §5)"},
        {"secret", true, "the secret in hex (may be empty: --secret '')"},
        {"label", true, "the ASCII label, e.g. \"master secret\", \"key expansion\", \"client finished\""},
        {"seed", true, "the seed in hex, without the label (default: empty)"},
        {"length", true, "how many bytes of output"},
    },
    run_prf_command,
};

}  // namespace lucid::tools
