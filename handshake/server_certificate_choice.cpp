#include "handshake/server_certificate_choice.h"

#include <algorithm>
#include <cctype>

#include "crypto/error.h"
#include "handshake/extensions.h"
#include "record/tls_error.h"
#include "x509/certificate.h"
#include "x509/hostname.h"

namespace lucid::handshake {

namespace {

// DNS names compare without regard to case (RFC 4343).
bool same_host(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

// RFC 6066 §3: the certificate for the name the client asked for.
CertificateChoice choose_certificate(const ServerConfig& config, const std::optional<std::string>& host_name) {
    if (!host_name) return {config.credentials, ""};
    for (const NamedCredentials& named : config.named_credentials) {
        if (same_host(named.host_name, *host_name)) {
            return {named.credentials, "server_name \"" + *host_name + "\": the certificate configured for this name"};
        }
    }
    if (x509::matches_host(x509::Certificate::parse(config.credentials->chain().front()), *host_name)) {
        return {config.credentials, ""};
    }
    if (config.strict_server_name) {
        throw record::TlsError(record::AlertDescription::unrecognized_name,
                               "the client asks for server name \"" + *host_name +
                                   "\", which this server does not serve (--strict-sni, RFC 6066 §3)");
    }
    return {config.credentials, "server_name \"" + *host_name +
                                    "\" is not served here; the default certificate is sent (RFC 6066 §3 allows "
                                    "continuing; --strict-sni would answer unrecognized_name)"};
}

void check_named_credentials(const ServerConfig& config) {
    for (std::size_t i = 0; i < config.named_credentials.size(); ++i) {
        const NamedCredentials& named = config.named_credentials[i];
        if (const std::optional<std::string> problem = host_name_problem(named.host_name)) {
            throw Error("server name \"" + named.host_name + "\": " + *problem);
        }
        if (!named.credentials) throw Error("server name \"" + named.host_name + "\" has no certificate and key");
        for (std::size_t j = 0; j < i; ++j) {
            if (same_host(config.named_credentials[j].host_name, named.host_name)) {
                throw Error("server name \"" + named.host_name + "\" is configured twice");
            }
        }
    }
}

}  // namespace lucid::handshake
