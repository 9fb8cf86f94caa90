// lucid x509 FILE: every certificate of a PEM or DER file, field by field, in words (RFC 5280 §4.1).
#include <iostream>
#include <string>

#include "crypto/hash.h"
#include "crypto/hex.h"
#include "tools/command.h"
#include "tools/pki_files.h"
#include "x509/certificate.h"
#include "x509/signature.h"

namespace lucid::tools {

namespace {

using namespace x509;

std::string colon_hex(ByteView v) {
    std::string h = to_hex(v), out;
    for (std::size_t i = 0; i < h.size(); i += 2) {
        if (i > 0) out += ":";
        out += h.substr(i, 2);
    }
    return out;
}

std::string serial_text(ByteView serial) {
    std::string out = "0x" + to_hex(serial);
    if (!serial.empty() && (serial[0] & 0x80)) out += " (negative: RFC 5280 §4.1.2.2 requires a positive serial)";
    if (serial.size() > 20) out += " (longer than the 20 octets RFC 5280 §4.1.2.2 allows)";
    return out;
}

std::string oid_list(const std::vector<Oid>& list) {
    std::string out;
    for (const Oid& o : list) out += (out.empty() ? "" : ", ") + o.display();
    return out;
}

// One line per extension: name, criticality, and its value where lucid reads it.
void print_extension(const Extension& ext, const Extensions& all) {
    std::cout << "    " << ext.id.display() << (ext.critical ? " (critical)" : "") << ": ";
    if (ext.id == oids::basic_constraints && all.basic_constraints) {
        const BasicConstraints& bc = *all.basic_constraints;
        std::cout << "cA " << (bc.ca ? "TRUE" : "FALSE");
        if (bc.path_len_constraint) std::cout << ", pathLenConstraint " << *bc.path_len_constraint;
    } else if (ext.id == oids::key_usage && all.key_usage) {
        std::cout << all.key_usage->to_string();
    } else if (ext.id == oids::ext_key_usage && all.ext_key_usage) {
        std::cout << oid_list(*all.ext_key_usage);
    } else if (ext.id == oids::subject_alt_name && all.subject_alt_name) {
        std::cout << all.subject_alt_name->to_string();
    } else if (ext.id == oids::subject_key_identifier && all.subject_key_identifier) {
        std::cout << colon_hex(*all.subject_key_identifier);
    } else if (ext.id == oids::authority_key_identifier && all.authority_key_identifier) {
        const AuthorityKeyIdentifier& aki = *all.authority_key_identifier;
        std::cout << (aki.key_identifier ? "keyid " + colon_hex(*aki.key_identifier) : std::string("no keyIdentifier"));
        if (aki.has_issuer_and_serial) std::cout << ", plus issuer name and serial";
    } else if (ext.id == oids::certificate_policies && all.certificate_policies) {
        std::cout << oid_list(*all.certificate_policies);
    } else if (!ext.understood) {
        std::cout << ext.value.size() << " bytes, not interpreted by lucid";
        if (ext.critical) std::cout << "; CRITICAL and not recognised, so validation rejects this certificate (RFC 5280 §4.2)";
    }
    std::cout << "  [offset " << ext.offset << "]\n";
}

void print_certificate(const Certificate& c) {
    std::cout << "  version:             " << c.version() << "\n";
    std::cout << "  serial number:       " << serial_text(c.serial()) << "\n";
    std::cout << "  signature algorithm: " << c.signature_algorithm().name()
              << (c.signature_algorithm().supported() ? "" : " (lucid cannot verify this algorithm)") << "\n";
    std::cout << "  issuer:              " << (c.issuer().empty() ? "(empty)" : c.issuer().to_string()) << "\n";
    std::cout << "  not before:          " << c.not_before().iso8601() << "\n";
    std::cout << "  not after:           " << c.not_after().iso8601() << "\n";
    std::cout << "  subject:             " << c.subject_text() << "\n";
    std::cout << "  public key:          " << c.public_key().description() << "\n";
    if (c.public_key().rsa) {
        const std::string n = to_hex(c.public_key().rsa->modulus);
        for (std::size_t i = 0; i < n.size(); i += 64) {
            std::cout << (i == 0 ? "  modulus n:           " : "                       ") << n.substr(i, 64) << "\n";
        }
    }
    if (!c.extensions().all.empty()) {
        std::cout << "  extensions:\n";
        for (const Extension& e : c.extensions().all) print_extension(e, c.extensions());
    }
    std::cout << "  signature:           " << c.signature().bytes.size() << " bytes\n";
    if (c.is_self_issued()) {
        const SignatureResult self = verify_certificate_signature(c, c.public_key());
        std::cout << "  self-issued:         yes; "
                  << (self.status == SignatureStatus::valid ? "self-signed (its signature verifies with its own key)"
                                                            : "its own key does not verify its signature")
                  << "\n";
    }
    std::cout << "  SHA-256 fingerprint: " << colon_hex(crypto::digest(crypto::HashAlgorithm::sha256, c.der())) << "\n";
    std::cout << "  SHA-1 fingerprint:   " << colon_hex(crypto::digest(crypto::HashAlgorithm::sha1, c.der())) << "\n";
}

int run_x509_command(const Args& args) {
    if (args.positional.size() != 1) throw UsageError("give exactly one FILE (PEM or DER, - for standard input)");
    // A file that is not a certificate is the answer, not a usage error: exit status 1, as for
    // `lucid asn1` on the same file (a missing file stays a usage error, 2).
    const std::string& path = args.positional[0];
    const Bytes data = read_file(path);
    std::vector<Certificate> certs;
    try {
        certs = parse_certificates(data);
    } catch (const Error& e) {
        std::cerr << "lucid x509: " << path << ": " << e.what() << "\n";
        return 1;
    }
    for (std::size_t i = 0; i < certs.size(); ++i) {
        if (i > 0) std::cout << "\n";
        std::cout << "Certificate " << (i + 1) << " of " << certs.size() << " (" << certs[i].der().size() << " bytes)\n";
        print_certificate(certs[i]);
    }
    return 0;
}

}  // namespace

extern const Command x509_command = {
    "x509",
    "describe each certificate of a PEM or DER file in words (RFC 5280 §4.1)",
    "lucid x509 FILE",
    {},
    run_x509_command,
};

}  // namespace lucid::tools
