#include "tools/server_names.h"

#include "crypto/error.h"
#include "handshake/extensions.h"
#include "handshake/server_certificate_choice.h"
#include "tools/tls_options.h"

namespace lucid::tools {

std::vector<FlagSpec> server_name_flags() {
    return {
        {"servername", true, "serve --cert2/--key2 to clients whose server_name (RFC 6066 §3) is this name"},
        {"cert2", true, "the certificate chain (PEM) for --servername"},
        {"key2", true, "the RSA private key (PEM) for --servername"},
        {"sni-cert", true, "NAME:CERT:KEY, repeatable: serve this certificate chain and key (PEM) to clients whose "
                           "server_name is NAME (RFC 6066 §3); beside or instead of --servername/--cert2/--key2"},
        {"strict-sni", false, "answer a server_name no certificate serves with a fatal unrecognized_name"},
    };
}

namespace {

// RFC 6066 §3: one certificate and key for one host name; `flag` names the source in errors.
handshake::NamedCredentials named_credentials(const std::string& name, const std::string& cert_path,
                                              const std::string& key_path, const std::string& flag) {
    if (const std::optional<std::string> problem = handshake::host_name_problem(name)) {
        throw UsageError("--" + flag + ": " + *problem);
    }
    try {
        return {name, handshake::ServerCredentials::from_pem(read_text_file(cert_path, flag), read_text_file(key_path, flag))};
    } catch (const UsageError&) {
        throw;
    } catch (const Error& e) {
        throw UsageError("--" + flag + " " + name + ": " + cert_path + " / " + key_path + ": " + e.what());
    }
}

// --sni-cert NAME:CERT:KEY. A host name has no colon; the key file is after the last one.
handshake::NamedCredentials sni_cert(const std::string& value) {
    const std::size_t first = value.find(':');
    const std::size_t last = value.rfind(':');
    if (first == std::string::npos || last == first || first == 0 || last + 1 == value.size()) {
        throw UsageError("--sni-cert " + value + ": expected NAME:CERT:KEY (a host name, a certificate chain file and its key file)");
    }
    return named_credentials(value.substr(0, first), value.substr(first + 1, last - first - 1), value.substr(last + 1),
                             "sni-cert");
}

// s_server's spelling: --servername NAME --cert2 F --key2 F, once.
void load_servername_cert2(const Args& args, handshake::ServerConfig& config) {
    const bool any = args.has("servername") || args.has("cert2") || args.has("key2");
    if (!any) return;
    if (!args.has("servername") || !args.has("cert2") || !args.has("key2")) {
        throw UsageError("--servername, --cert2 and --key2 go together: the name and its certificate and key");
    }
    const std::string name = args.required("servername");
    if (const std::optional<std::string> problem = handshake::host_name_problem(name)) {
        throw UsageError("--servername: " + *problem);
    }
    const std::string cert_path = args.required("cert2");
    const std::string key_path = args.required("key2");
    try {
        config.named_credentials.push_back(
            {name, handshake::ServerCredentials::from_pem(read_text_file(cert_path, "cert2"), read_text_file(key_path, "key2"))});
    } catch (const UsageError&) {
        throw;
    } catch (const Error& e) {
        throw UsageError("--cert2 " + cert_path + " / --key2 " + key_path + ": " + e.what());
    }
}

}  // namespace

void load_server_names(const Args& args, handshake::ServerConfig& config) {
    config.strict_server_name = args.has("strict-sni");
    load_servername_cert2(args, config);
    for (const std::string& value : args.values("sni-cert")) config.named_credentials.push_back(sni_cert(value));
    try {
        handshake::check_named_credentials(config);  // a name given twice
    } catch (const Error& e) {
        throw UsageError(std::string("--servername / --sni-cert: ") + e.what());
    }
}

}  // namespace lucid::tools
