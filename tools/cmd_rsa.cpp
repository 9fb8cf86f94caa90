// lucid rsa encrypt|decrypt|sign|verify: RSA with PKCS#1 v1.5 by hand, hex in and hex out, for a
// student checking each step against RFC 8017 (or a peer such as `openssl pkeyutl`).
//
// The key is a PEM/DER file (--key FILE: PKCS #1 or PKCS #8, private or public) or hex
// components: --n and --e for a public key; for a private key --p, --q and --e (n, d and the CRT
// values are computed, and any of --n --d --dp --dq --qinv also given must agree), or --n, --e
// and --d alone (p and q are then recovered, SP 800-56B Rev. 2 Appendix C.2).
//
//   lucid rsa encrypt --n HEX --e 10001 --hex 48656c6c6f           ciphertext in hex
//   lucid rsa decrypt --key server.key --hex CIPHERTEXT             plaintext in hex
//   lucid rsa decrypt --key server.key --tls-premaster 0303 --hex C the RFC 5246 §7.4.7.1 path:
//                                                                   always 48 bytes, never an error
//   lucid rsa sign --key server.key --hash sha256 --hex MESSAGE     signature in hex
//   lucid rsa verify --key server.key --hash sha256 --sig HEX --hex MESSAGE     "OK" or why not
//
// --hash md5-sha1 selects the TLS 1.0/1.1 signature (MD5||SHA-1, no DigestInfo).
// The message may also be a FILE or - (standard input) instead of --hex.
#include <iostream>
#include <optional>
#include <string>

#include "crypto/bignum.h"
#include "crypto/hash.h"
#include "crypto/hex.h"
#include "crypto/rsa.h"
#include "crypto/rsa_pkcs1_encryption.h"
#include "crypto/rsa_signature.h"
#include "crypto/rsa_tls_premaster.h"
#include "tools/command.h"
#include "tools/message_input.h"
#include "tools/pki_files.h"
#include "x509/private_key.h"

namespace lucid::tools {

namespace {

// A key component given in hex; any number of digits ("10001" is 65537).
std::optional<crypto::BigInt> hex_number(const Args& args, std::string_view flag) {
    const std::optional<std::string> text = args.value(flag);
    if (!text) return std::nullopt;
    try {
        return crypto::from_hex_text(hex_without_separators(*text));
    } catch (const Error& e) {
        throw UsageError("--" + std::string(flag) + ": " + e.what());
    }
}

crypto::BigInt required_number(const Args& args, std::string_view flag, std::string_view why) {
    std::optional<crypto::BigInt> value = hex_number(args, flag);
    if (!value) throw UsageError("missing --" + std::string(flag) + " (" + std::string(why) + ")");
    return *value;
}

bool has_private_components(const Args& args) {
    return args.has("d") || args.has("p") || args.has("q") || args.has("dp") || args.has("dq") || args.has("qinv");
}

crypto::RsaPrivateKey private_key_from(const Args& args, crypto::RandomSource& rng) {
    if (args.has("key")) return load_private_key(args.required("key"));
    const char* const need = "a private key needs --key FILE, or --p --q --e, or --n --e --d";
    try {
        if (args.has("p") || args.has("q")) {
            crypto::RsaPrivateKey computed = crypto::RsaPrivateKey::from_primes(
                required_number(args, "p", need), required_number(args, "q", need), required_number(args, "e", need));
            // Components given as well as computed must agree: from_components names the first
            // one that does not.
            return crypto::RsaPrivateKey::from_components(
                hex_number(args, "n").value_or(computed.n()), computed.e(), hex_number(args, "d").value_or(computed.d()),
                computed.p(), computed.q(), hex_number(args, "dp").value_or(computed.dp()),
                hex_number(args, "dq").value_or(computed.dq()), hex_number(args, "qinv").value_or(computed.qinv()));
        }
        return crypto::RsaPrivateKey::from_exponents(required_number(args, "n", need), required_number(args, "e", need),
                                                     required_number(args, "d", need), rng);
    } catch (const UsageError&) {
        throw;
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
}

crypto::RsaPublicKey public_key_from(const Args& args, crypto::RandomSource& rng) {
    if (args.has("key")) {
        const std::string path = args.required("key");
        try {
            // A public key, a certificate or a private key file: each holds the public key.
            return x509::parse_public_key(read_file(path));
        } catch (const UsageError&) {
            throw;
        } catch (const Error& e) {
            throw UsageError(path + ": " + e.what());
        }
    }
    if (has_private_components(args)) return private_key_from(args, rng).public_key();
    const char* const need = "a public key needs --key FILE, or --n and --e";
    try {
        return crypto::RsaPublicKey(required_number(args, "n", need), required_number(args, "e", need));
    } catch (const UsageError&) {
        throw;
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
}

Bytes message_from(const Args& args) {
    Bytes message;
    read_message(args, 1, [&](ByteView piece) { append(message, piece); });
    return message;
}

// --hash NAME: a hash of crypto/hash.h, or md5-sha1 for the TLS 1.0/1.1 form (nullopt).
std::optional<crypto::HashAlgorithm> signature_hash(const Args& args) {
    const std::string name = args.required("hash");
    if (name == "md5-sha1" || name == "MD5-SHA1") return std::nullopt;
    std::optional<crypto::HashAlgorithm> alg = crypto::hash_from_name(name);
    if (!alg) throw UsageError("unknown --hash '" + name + "' (known: md5 sha1 sha224 sha256 sha384 sha512 md5-sha1)");
    return alg;
}

int encrypt(const Args& args, crypto::RandomSource& rng) {
    const crypto::RsaPublicKey key = public_key_from(args, rng);
    const Bytes message = message_from(args);
    try {
        std::cout << to_hex(crypto::rsaes_pkcs1_v15_encrypt(key, message, rng)) << "\n";
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
    return 0;
}

int decrypt(const Args& args, crypto::RandomSource& rng) {
    const crypto::RsaPrivateKey key = private_key_from(args, rng);
    const Bytes ciphertext = message_from(args);
    if (args.has("tls-premaster")) {
        const Bytes version = args.hex("tls-premaster");
        if (version.size() != 2) throw UsageError("--tls-premaster takes the two client_version bytes, e.g. 0303");
        // The user asked for the premaster: printing it is the point of the command.
        std::cout << to_hex(crypto::decrypt_tls_premaster(rng, key, ciphertext, version[0], version[1]).reveal()) << "\n";
        return 0;
    }
    try {
        std::cout << to_hex(crypto::rsaes_pkcs1_v15_decrypt(key, ciphertext, rng).reveal()) << "\n";
    } catch (const Error& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
    return 0;
}

int sign(const Args& args, crypto::RandomSource& rng) {
    const crypto::RsaPrivateKey key = private_key_from(args, rng);
    const std::optional<crypto::HashAlgorithm> alg = signature_hash(args);
    const Bytes message = message_from(args);
    try {
        const Bytes signature = alg ? crypto::rsassa_pkcs1_v15_sign(key, *alg, message, rng)
                                    : crypto::rsa_sign_tls_md5_sha1(key, crypto::md5_sha1(message), rng);
        std::cout << to_hex(signature) << "\n";
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
    return 0;
}

int verify(const Args& args, crypto::RandomSource& rng) {
    const crypto::RsaPublicKey key = public_key_from(args, rng);
    const std::optional<crypto::HashAlgorithm> alg = signature_hash(args);
    const Bytes signature = args.hex("sig");
    const Bytes message = message_from(args);
    const crypto::SignatureCheck check = alg ? crypto::rsassa_pkcs1_v15_verify(key, *alg, message, signature)
                                             : crypto::rsa_verify_tls_md5_sha1(key, crypto::md5_sha1(message), signature);
    if (check.valid) {
        std::cout << "OK\n";
        return 0;
    }
    std::cout << "invalid signature: " << check.reason << "\n";
    return 1;
}

int run_rsa(const Args& args) {
    if (args.positional.empty()) throw UsageError("name the operation: encrypt, decrypt, sign or verify");
    const std::string& operation = args.positional[0];
    // Encryption padding and the blinding of private-key operations; --seed makes them repeatable.
    std::unique_ptr<crypto::RandomSource> rng = key_random(args.optional_hex("seed"), "lucid rsa");
    if (operation == "encrypt") return encrypt(args, *rng);
    if (operation == "decrypt") return decrypt(args, *rng);
    if (operation == "sign") return sign(args, *rng);
    if (operation == "verify") return verify(args, *rng);
    throw UsageError("unknown operation '" + operation + "' (encrypt, decrypt, sign or verify)");
}

}  // namespace

extern const Command rsa_command = {
    "rsa",
    "RSA PKCS#1 v1.5 encryption, decryption, signatures by hand (hex in, hex out)",
    "lucid rsa (encrypt|decrypt|sign|verify) (--key FILE | --n HEX --e HEX [--d --p --q --dp --dq --qinv HEX])\n"
    "          [--hash ALG] [--sig HEX] [--tls-premaster VERSION] (--hex HEX | FILE | -)",
    {
        {"key", true, "the key as a PEM or DER file (PKCS #1 or PKCS #8)"},
        {"n", true, "modulus n in hex"},
        {"e", true, "public exponent e in hex (10001 for 65537)"},
        {"d", true, "private exponent d in hex"},
        {"p", true, "prime p in hex"},
        {"q", true, "prime q in hex"},
        {"dp", true, "CRT exponent dP = d mod (p-1) in hex"},
        {"dq", true, "CRT exponent dQ = d mod (q-1) in hex"},
        {"qinv", true, "CRT coefficient qInv = q^-1 mod p in hex"},
        {"hash", true, "sign/verify: md5 sha1 sha224 sha256 sha384 sha512, or md5-sha1 (TLS 1.0/1.1)"},
        {"sig", true, "verify: the signature in hex"},
        {"tls-premaster", true, "decrypt as a TLS server does (RFC 5246 §7.4.7.1), with this client_version, e.g. 0303"},
        {"seed", true, "deterministic randomness (HMAC_DRBG over this hex seed) for padding and blinding"},
        message_hex_flag,
    },
    run_rsa,
};

}  // namespace lucid::tools
