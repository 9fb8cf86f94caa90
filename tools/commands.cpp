// The table of `lucid` subcommands, in the order `lucid --help` lists them.
#include "tools/command.h"

namespace lucid::tools {

extern const Command aes_cbc_command;
extern const Command aes_gcm_command;
extern const Command asn1_command;
extern const Command bench_command;
extern const Command cert_command;
extern const Command chacha20_poly1305_command;
extern const Command client_command;
extern const Command decrypt_command;
extern const Command dh_command;
extern const Command genrsa_command;
extern const Command hash_command;
extern const Command hmac_command;
extern const Command illustrate_command;
extern const Command prf_command;
extern const Command rsa_command;
extern const Command server_command;
extern const Command vectors_command;
extern const Command verify_command;
extern const Command x509_command;
extern const Command x25519_command;

const std::vector<const Command*>& all_commands() {
    static const std::vector<const Command*> table = {
        &aes_cbc_command,
        &aes_gcm_command,
        &asn1_command,
        &bench_command,
        &cert_command,
        &chacha20_poly1305_command,
        &client_command,
        &decrypt_command,
        &dh_command,
        &genrsa_command,
        &hash_command,
        &hmac_command,
        &illustrate_command,
        &prf_command,
        &rsa_command,
        &server_command,
        &vectors_command,
        &verify_command,
        &x509_command,
        &x25519_command,
    };
    return table;
}

}  // namespace lucid::tools
