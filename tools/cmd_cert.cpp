// lucid cert ca|intermediate|server|client: issue a certificate signed with lucid's own RSA
// (sha256WithRSAEncryption), written as PEM; its new key is written as PKCS #8 PEM.
//
//   lucid cert ca --subject "CN=Lucid Demo Root CA,O=lucidtls" --out ca.pem --key-out ca.key
//   lucid cert intermediate --issuer ca.pem --issuer-key ca.key --subject "CN=..." --out ... --key-out ...
//   lucid cert server --issuer intermediate.pem --issuer-key intermediate.key --subject CN=localhost
//                     --dns localhost --ip 127.0.0.1 --chain intermediate.pem --out server.pem --key-out server.key
//   lucid cert client ... (extKeyUsage clientAuth)
//
// The profiles (RFC 5280 §4.2.1.3, §4.2.1.9, §4.2.1.12):
//   ca            self-signed; basicConstraints cA TRUE (critical); keyUsage keyCertSign, cRLSign
//   intermediate  basicConstraints cA TRUE, pathLenConstraint 0 unless --path-len; keyCertSign, cRLSign
//   server        keyUsage digitalSignature, keyEncipherment (RSA key exchange, RFC 5246 §7.4.2);
//                 extKeyUsage serverAuth; subjectAltName from --dns/--ip (default DNS:localhost, IP:127.0.0.1)
//   client        keyUsage digitalSignature; extKeyUsage clientAuth
// Every certificate has subject and authority key identifiers. Two flags break a certificate on
// purpose, for lessons and tests: --not-a-ca (a CA profile with cA FALSE) and --corrupt-signature
// (one bit of the signature flipped after signing).
#include <optional>
#include <filesystem>
#include <iostream>

#include "crypto/hex.h"
#include "crypto/rsa_keygen.h"
#include "tools/command.h"
#include "tools/pki_files.h"
#include "x509/builder.h"
#include "x509/extensions.h"
#include "x509/pem.h"
#include "x509/private_key.h"

namespace lucid::tools {

namespace {

using namespace x509;

enum class Profile { ca, intermediate, server, client };

Profile profile_of(const Args& args) {
    if (args.positional.size() != 1) throw UsageError("give one profile: ca, intermediate, server or client");
    const std::string& p = args.positional[0];
    if (p == "ca") return Profile::ca;
    if (p == "intermediate") return Profile::intermediate;
    if (p == "server") return Profile::server;
    if (p == "client") return Profile::client;
    throw UsageError("unknown profile '" + p + "': use ca, intermediate, server or client");
}

// --NAME as a non-negative number, or UsageError.
unsigned long number_flag(const Args& args, std::string_view name, const std::string& fallback) {
    const std::string v = args.value(name).value_or(fallback);
    try {
        std::size_t used = 0;
        const unsigned long n = std::stoul(v, &used);
        if (used != v.size() || v.empty() || v[0] == '-') throw std::invalid_argument(v);
        return n;
    } catch (const std::exception&) {
        throw UsageError("--" + std::string(name) + " takes a number, not '" + v + "'");
    }
}

int run_cert_command(const Args& args) {
    const Profile profile = profile_of(args);
    const bool is_ca = profile == Profile::ca || profile == Profile::intermediate;
    const std::string out = args.required("out");
    const std::string subject_text = args.required("subject");

    const std::optional<Bytes> seed = args.optional_hex("seed");
    // The personalization names the file (not its directory) and the subject, so each certificate
    // of a PKI gets its own key and serial from one seed, wherever the PKI is written.
    std::unique_ptr<crypto::RandomSource> rng =
        key_random(seed, "lucid cert " + args.positional[0] + " " + std::filesystem::path(out).filename().string() + " " + subject_text);

    CertificateSpec spec;
    try {
        spec.subject = Name::from_string(subject_text);
    } catch (const Error& e) {
        throw UsageError(std::string("--subject: ") + e.what());
    }
    const Time now = time_now();
    spec.not_before = time_flag(args, "not-before").value_or(now);
    spec.not_after = time_flag(args, "not-after")
                         .value_or(Time::from_unix(spec.not_before.unix_seconds() + (is_ca ? 3650 : 365) * std::int64_t{86400}));
    if (!(spec.not_before < spec.not_after)) throw UsageError("--not-before must come before --not-after");

    // §4.1.2.2: a positive serial of at most 20 octets; 16 random bytes, the top bit clear.
    if (std::optional<Bytes> serial = args.optional_hex("serial")) {
        spec.serial = *serial;
    } else {
        spec.serial = rng->bytes(16);
        spec.serial[0] = static_cast<std::uint8_t>((spec.serial[0] & 0x7F) | 0x40);
    }

    // The profile.
    KeyUsage ku;
    if (is_ca) {
        BasicConstraints bc;
        bc.ca = !args.has("not-a-ca");
        if (args.has("path-len")) {
            bc.path_len_constraint = static_cast<std::uint32_t>(number_flag(args, "path-len", ""));
        } else if (profile == Profile::intermediate) {
            bc.path_len_constraint = 0;
        }
        if (!bc.ca) bc.path_len_constraint.reset();  // §4.2.1.9: no pathLenConstraint without cA
        spec.basic_constraints = bc;
        ku.set(KeyUsageBit::key_cert_sign);
        ku.set(KeyUsageBit::crl_sign);
    } else {
        if (args.has("not-a-ca") || args.has("path-len")) throw UsageError("--not-a-ca and --path-len are for ca and intermediate");
        spec.basic_constraints = BasicConstraints{};  // cA FALSE: an end entity
        ku.set(KeyUsageBit::digital_signature);
        if (profile == Profile::server) ku.set(KeyUsageBit::key_encipherment);
        spec.ext_key_usage.push_back(profile == Profile::server ? oids::server_auth : oids::client_auth);
    }
    spec.key_usage = ku;
    for (const std::string& d : args.values("dns")) spec.subject_alt_name.dns_names.push_back(d);
    for (const std::string& ip : args.values("ip")) {
        std::optional<Bytes> bytes = parse_ip_address(ip);
        if (!bytes) throw UsageError("--ip: '" + ip + "' is not an IPv4 or IPv6 address");
        spec.subject_alt_name.ip_addresses.push_back(*bytes);
    }
    if (profile == Profile::server && spec.subject_alt_name.dns_names.empty() && spec.subject_alt_name.ip_addresses.empty()) {
        spec.subject_alt_name.dns_names.push_back("localhost");
        spec.subject_alt_name.ip_addresses.push_back(*parse_ip_address("127.0.0.1"));
    }

    // The subject's key: given, or generated (FIPS 186-5 A.1.3, crypto/rsa_keygen.h).
    std::optional<crypto::RsaPrivateKey> generated;
    std::optional<crypto::RsaPrivateKey> given;
    if (std::optional<std::string> key_path = args.value("key")) {
        given = load_private_key(*key_path);
    } else {
        try {
            generated = crypto::generate_rsa_key(number_flag(args, "bits", "2048"), *rng);
        } catch (const UsageError&) {
            throw;
        } catch (const Error& e) {
            throw UsageError(std::string("--bits: ") + e.what());
        }
    }
    const crypto::RsaPrivateKey& subject_key = given ? *given : *generated;

    // The issuer: the subject itself for a CA, else --issuer and --issuer-key.
    Certificate cert = [&] {
        if (profile == Profile::ca && !args.has("issuer")) return self_sign(spec, subject_key, *rng);
        const std::vector<Certificate> issuer_certs = load_certificates(args.required("issuer"));
        const std::string issuer_key_path = args.required("issuer-key");
        const crypto::RsaPrivateKey issuer_key = load_private_key(issuer_key_path);
        std::optional<Issuer> issuer;
        try {
            issuer = Issuer::from_certificate(issuer_certs.front(), issuer_key);
        } catch (const Error& e) {
            throw UsageError("--issuer-key " + issuer_key_path + " / --issuer " + args.required("issuer") + ": " + e.what());
        }
        return issue_certificate(spec, subject_key.public_key(), *issuer, *rng);
    }();

    if (args.has("corrupt-signature")) {
        // For lessons: the same certificate with one bit of its signature flipped.
        Bytes sig = cert.signature().bytes;
        sig.back() ^= 0x01;
        cert = Certificate::parse(assemble_certificate(cert.tbs(), spec.signature_hash, sig));
    }

    std::string pem = pem_encode("CERTIFICATE", cert.der());
    for (const std::string& chain_file : args.values("chain")) {
        for (const Certificate& c : load_certificates(chain_file)) pem += pem_encode("CERTIFICATE", c.der());
    }
    write_file(out, as_bytes(pem));
    if (generated) {
        const std::string key_out = args.required("key-out");
        write_file(key_out, private_key_pem(*generated).view(), /*secret=*/true);
    } else if (args.has("key-out")) {
        throw UsageError("--key-out is for a new key; with --key the key already exists");
    }
    std::cerr << "lucid cert: wrote " << out << ": " << cert.subject_text() << ", issued by " << cert.issuer().to_string()
              << ", " << cert.not_before().iso8601() << " .. " << cert.not_after().iso8601() << "\n";
    return 0;
}

}  // namespace

extern const Command cert_command = {
    "cert",
    "issue a CA, intermediate, server or client certificate signed with lucid's RSA (RFC 5280)",
    "lucid cert ca|intermediate|server|client --subject DN --out CERT.pem [--key-out KEY.pem | --key KEY] "
    "[--issuer CERT --issuer-key KEY] [options]",
    {
        {"subject", true, "the subject, RFC 4514 style: \"CN=localhost,O=lucidtls\""},
        {"out", true, "where to write the certificate (PEM)"},
        {"key-out", true, "where to write the new private key (PKCS #8 PEM, mode 0600)"},
        {"key", true, "use this existing private key instead of generating one"},
        {"issuer", true, "the issuing CA's certificate (not for a self-signed ca)"},
        {"issuer-key", true, "the issuing CA's private key"},
        {"bits", true, "size of a new RSA key (default 2048)"},
        {"seed", true, "HEX: derive the key and serial from this seed (HMAC_DRBG), for reproducible lessons"},
        {"not-before", true, "start of validity (ISO 8601 UTC; default now)"},
        {"not-after", true, "end of validity (default: 10 years for CAs, 1 year for leaves)"},
        {"serial", true, "serial number in hex (default: 16 random bytes)"},
        {"dns", true, "a subjectAltName dNSName (repeatable)"},
        {"ip", true, "a subjectAltName iPAddress (repeatable)"},
        {"path-len", true, "pathLenConstraint of a CA (intermediate default 0)"},
        {"chain", true, "append the certificates of this file after the new one in --out (repeatable)"},
        {"not-a-ca", false, "BROKEN ON PURPOSE: a ca/intermediate with basicConstraints cA FALSE"},
        {"corrupt-signature", false, "BROKEN ON PURPOSE: flip one bit of the signature"},
    },
    run_cert_command,
};

}  // namespace lucid::tools
