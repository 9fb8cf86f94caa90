// lucid hash ALG (--hex HEX | FILE | -): the digest in lower-case hex, like `sha256sum` or
// `openssl dgst -sha256` without the file name.
#include <iostream>
#include <memory>

#include "crypto/hash.h"
#include "crypto/hex.h"
#include "tools/command.h"
#include "tools/hash_choice.h"
#include "tools/message_input.h"

namespace lucid::tools {

namespace {

int run_hash_command(const Args& args) {
    const crypto::HashAlgorithm alg = hash_choice(args);
    std::unique_ptr<crypto::Hash> hash = crypto::make_hash(alg);
    read_message(args, 1, [&](ByteView piece) { hash->update(piece); });
    std::cout << to_hex(hash->final()) << "\n";
    return 0;
}

}  // namespace

extern const Command hash_command = {
    "hash",
    "print the digest of a message: md5 sha1 sha224 sha256 sha384 sha512 (FIPS 180-4, RFC 1321)",
    "lucid hash ALG (--hex HEX | FILE | -)",
    {message_hex_flag},
    run_hash_command,
};

}  // namespace lucid::tools
