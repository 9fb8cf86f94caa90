#include "tools/renegotiation_options.h"

namespace lucid::tools {

std::vector<FlagSpec> server_renegotiation_flags() {
    return {
        {"client-renegotiation", false,
         "accept renegotiations the client starts (RFC 5746; refused with no_renegotiation by default, as OpenSSL 3)"},
        {"renegotiate", false, "ask each client to renegotiate once, right after its handshake (HelloRequest, s_server's \"r\")"},
        {"renegotiate-client-cert", false,
         "as --renegotiate, asking for a client certificate in the new handshake (s_server's \"R\"; needs --CAfile)"},
    };
}

std::vector<FlagSpec> client_renegotiation_flags() {
    return {
        {"renegotiate", false, "renegotiate once, right after the handshake (RFC 5746, s_client's \"R\")"},
        {"no-renegotiation", false, "refuse the server's requests to renegotiate (no_renegotiation warning)"},
    };
}

RenegotiationPlan load_server_renegotiation(const Args& args, handshake::ServerConfig& config) {
    config.client_renegotiation = args.has("client-renegotiation");
    RenegotiationPlan plan;
    plan.ask_client_certificate = args.has("renegotiate-client-cert");
    plan.after_handshake = plan.ask_client_certificate || args.has("renegotiate");
    if (plan.ask_client_certificate && config.client_trust_anchors.empty()) {
        throw UsageError("--renegotiate-client-cert needs --CAfile: the CAs that issue client certificates");
    }
    return plan;
}

RenegotiationPlan load_client_renegotiation(const Args& args, handshake::ClientConfig& config) {
    config.renegotiation = !args.has("no-renegotiation");
    RenegotiationPlan plan;
    plan.after_handshake = args.has("renegotiate");
    if (plan.after_handshake && !config.renegotiation) {
        throw UsageError("--renegotiate and --no-renegotiation cannot be used together");
    }
    return plan;
}

std::string renegotiate_as_planned(const RenegotiationPlan& plan, handshake::Engine& engine) {
    const handshake::SessionInfo& s = engine.session();
    if (s.renegotiations > 0) return "renegotiation " + std::to_string(s.renegotiations) + " complete (RFC 5746)";
    if (!plan.after_handshake) return "";
    if (!engine.can_renegotiate()) {
        return "not renegotiating: " + std::string(s.secure_renegotiation
                                                       ? "not possible now"
                                                       : "the peer did not signal secure renegotiation (RFC 5746)");
    }
    engine.renegotiate(plan.ask_client_certificate);
    return engine.role() == handshake::Role::server
               ? std::string("asking the client to renegotiate (HelloRequest)") +
                     (plan.ask_client_certificate ? ", with a client certificate" : "")
               : "renegotiating (RFC 5746)";
}

}  // namespace lucid::tools
