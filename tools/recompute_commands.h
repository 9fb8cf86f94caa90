// Two commands that recompute each derivation of a traced connection: one with `lucid` (the
// student's own tool, which runs this project's code) and one with `openssl` (an independent
// implementation). The illustrated page (tools/trace_html.h) prints them under each derivation and
// each protected record; the ledger test (tests/tools/test_ledger.sh) runs every openssl command
// of the published pages and checks that its output equals the value the page shows.
//
//   master secret   lucid prf ... / openssl kdf -keylen 48 -kdfopt digest:SHA256 ... TLS1-PRF
//   key block       the same with "key expansion" and the randoms server first
//   verify_data     the same with "client finished" / "server finished" and the handshake hash
//   premaster (RSA) lucid rsa decrypt --tls-premaster / openssl pkeyutl -decrypt
//   premaster (DH)  lucid dh --p --g --private --peer (openssl has no raw DH on numbers)
//   record MAC      lucid hmac / openssl dgst -mac HMAC -macopt hexkey:...
//   record CBC      lucid aes-cbc decrypt / openssl enc -d -aes-128-cbc -K ... -iv ... -nopad
//
// A secret the page does not have (no --show-secrets) appears as <name> and the command is marked
// not runnable: the page shows where the value would go.
#pragma once

#include <string>
#include <vector>

#include "crypto/bytes.h"
#include "handshake/trace.h"

namespace lucid::tools {

struct RecomputeCommand {
    std::string tool;      // "lucid", "openssl", or "python3" (AEAD records: openssl enc has no AEAD)
    std::string command;   // one shell line (bash)
    std::string expected;  // lower-case hex the command's output should give; empty: not known here
    bool runnable = true;  // false: a secret is missing (<name> placeholders)
};

struct RecomputeContext {
    std::string prf_hash = "sha256";      // lucid prf --hash: sha256, sha384 or md5-sha1
    std::string server_key_file;          // the server's RSA key, for the premaster; empty: unknown
    std::uint16_t client_version = 0x0303;  // offered in ClientHello, inside the RSA premaster
};

// What the commands of a protected record need (from the key block derivation, when shown).
struct RecordKeys {
    Bytes mac_key;
    Bytes enc_key;
    Bytes fixed_iv;                  // TLS 1.0: the IV of the first record (later ones chain)
    std::string mac_hash = "sha256";  // sha1, sha256, sha384
};

// The openssl output of a command, normalised to lower-case hex: the part after the last "= "
// (openssl dgst), without colons, spaces and newlines (openssl kdf, xxd -p).
std::string normalise_command_output(const std::string& output);

std::vector<RecomputeCommand> derivation_commands(const handshake::DerivationTrace& d, const RecomputeContext& context);

// keys == nullptr: the keys were not shown. Only for protected CBC and NULL records.
std::vector<RecomputeCommand> record_commands(const handshake::RecordTrace& r, const RecordKeys* keys);

}  // namespace lucid::tools
