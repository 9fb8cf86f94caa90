#include "tools/server_names.h"

#include "crypto/error.h"
#include "handshake/extensions.h"
#include "tools/tls_options.h"

namespace lucid::tools {

std::vector<FlagSpec> server_name_flags() {
    return {
        {"servername", true, "serve --cert2/--key2 to clients whose server_name (RFC 6066 §3) is this name"},
        {"cert2", true, "the certificate chain (PEM) for --servername"},
        {"key2", true, "the RSA private key (PEM) for --servername"},
        {"strict-sni", false, "answer a server_name no certificate serves with a fatal unrecognized_name"},
    };
}

void load_server_names(const Args& args, handshake::ServerConfig& config) {
    config.strict_server_name = args.has("strict-sni");
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

}  // namespace lucid::tools
