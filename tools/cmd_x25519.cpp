// lucid x25519 --private HEX [--public HEX]
//
// X25519 (RFC 7748) by hand: with --private alone, the public value X25519(private, 9); with
// --public too, the shared secret X25519(private, public). An all-zero shared secret is refused,
// as TLS must (RFC 8422 §5.11). Compare with
//   openssl pkey ... -derive, or RFC 7748 §6.1 (Alice 77076d0a..., Bob 5dab087e...).
#include <iostream>

#include "crypto/hex.h"
#include "crypto/secret.h"
#include "crypto/x25519.h"
#include "tools/command.h"

namespace lucid::tools {

namespace {

int run_x25519_command(const Args& args) {
    if (!args.positional.empty()) throw UsageError("unexpected argument '" + args.positional[0] + "'");
    // Typed by the user, so no secret from them; kept in SecretBytes so that it is wiped.
    const SecretBytes private_key = SecretBytes::adopt(args.hex("private"));
    const std::optional<Bytes> peer_public = args.optional_hex("public");
    // Wrong lengths are the user's typing: usage errors (exit 2). The all-zero secret is not: exit 1.
    if (private_key.size() != crypto::x25519_key_size || (peer_public && peer_public->size() != crypto::x25519_key_size)) {
        throw UsageError("X25519 private keys and public values are 32 bytes (64 hex digits)");
    }
    try {
        if (!peer_public) {
            std::cout << to_hex(crypto::x25519_public_key(private_key)) << "\n";
            return 0;
        }
        const SecretBytes shared = crypto::x25519_shared_secret(private_key, *peer_public);
        std::cout << to_hex(shared.reveal()) << "\n";  // the user asked for it
    } catch (const Error& e) {
        std::cerr << "lucid x25519: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

extern const Command x25519_command = {
    "x25519",
    "X25519 (RFC 7748): a public value from a private one, or the shared secret with a peer's public value",
    "lucid x25519 --private HEX [--public HEX]",
    {
        {"private", true, "the private key in hex: 32 bytes (clamped by X25519 itself, RFC 7748 §5)"},
        {"public", true, "the peer's public value in hex: 32 bytes; without it, prints our public value"},
    },
    run_x25519_command,
};

}  // namespace lucid::tools
