// lucid verify [--CAfile F] [--untrusted F] [--at TIME] [--host NAME] [--purpose server|client|any] CERT
//
// Validates CERT (its first certificate; any further ones in the file are untrusted
// intermediates, as in a server's chain file) against the trust anchors, and prints either
//   CERT: OK
// with the path found, or
//   CERT: rejected (KIND): the sentence naming the rule, the certificate and the value
// Exit status 0 for OK, 1 for a rejection, 2 for bad usage.
#include <iostream>

#include "tools/command.h"
#include "tools/pki_files.h"
#include "x509/error.h"
#include "x509/validation.h"

namespace lucid::tools {

namespace {

using namespace x509;

Purpose purpose_flag(const Args& args) {
    const std::string p = args.value("purpose").value_or("server");
    if (p == "server") return Purpose::server_auth;
    if (p == "client") return Purpose::client_auth;
    if (p == "any") return Purpose::any;
    throw UsageError("--purpose is server, client or any, not '" + p + "'");
}

int run_verify_command(const Args& args) {
    if (args.positional.size() != 1) throw UsageError("give exactly one CERT file");
    const std::string& path = args.positional[0];
    ValidationOptions options;
    options.at = time_flag(args, "at").value_or(time_now());
    options.purpose = purpose_flag(args);
    options.host = args.value("host");
    const TrustStore anchors = load_trust_store(args.value("CAfile"));
    for (const std::string& skipped : anchors.skipped()) std::cerr << "lucid verify: trust bundle: left out " << skipped << "\n";

    std::vector<Certificate> untrusted;
    for (const std::string& file : args.values("untrusted")) {
        for (Certificate& c : load_certificates(file)) untrusted.push_back(std::move(c));
    }
    // The certificate under test is parsed here rather than with load_certificates: a file that
    // does not parse is a rejection (exit 1), like any other reason not to trust it.
    const Bytes data = read_file(path);
    std::vector<Certificate> given;
    try {
        given = parse_certificates(data);
    } catch (const Error& e) {  // a DecodeError, or "neither PEM nor DER" (x509/pem.h)
        std::cout << path << ": rejected (" << rejection_kind_name(RejectionKind::malformed)
                  << "): the certificate does not parse: " << e.what() << " (RFC 5280 §4.1)\n";
        return 1;
    }
    untrusted.insert(untrusted.begin(), given.begin() + 1, given.end());
    try {
        const ValidatedChain chain = validate_chain(given.front(), untrusted, anchors, options);
        std::cout << path << ": OK\n";
        std::cout << "validated at " << options.at.iso8601() << " for " << purpose_name(options.purpose)
                  << (options.host ? ", host \"" + *options.host + "\"" : std::string()) << "\n";
        std::cout << chain.describe();
        return 0;
    } catch (const CertificateRejected& e) {
        std::cout << path << ": rejected (" << rejection_kind_name(e.kind()) << "): " << e.what() << "\n";
        return 1;
    }
}

}  // namespace

extern const Command verify_command = {
    "verify",
    "validate a certificate chain and host name, saying which rule fails and where (RFC 5280 §6.1, RFC 6125)",
    "lucid verify [--CAfile F] [--untrusted F] [--at 2026-06-01T00:00:00Z] [--host NAME] [--purpose server|client|any] CERT",
    {
        {"CAfile", true, "PEM bundle of trust anchors (default /etc/ssl/certs/ca-certificates.crt)"},
        {"untrusted", true, "PEM or DER file of intermediate certificates (repeatable)"},
        {"at", true, "validate at this time instead of now (ISO 8601, UTC)"},
        {"host", true, "the DNS name or IP address the certificate must name"},
        {"purpose", true, "server (default), client, or any: the extKeyUsage required"},
    },
    run_verify_command,
};

}  // namespace lucid::tools
