#include "net/trust_anchors.h"

#include "crypto/error.h"
#include "handshake/credentials.h"
#include "x509/certificate.h"

namespace lucid::net {

TrustAnchors load_trust_anchors(std::string_view pem, const std::string& file) {
    TrustAnchors out;
    std::vector<Bytes> all = handshake::certificates_from_pem(pem);
    for (std::size_t i = 0; i < all.size(); ++i) {
        try {
            (void)x509::Certificate::parse(all[i]);
            out.certificates.push_back(std::move(all[i]));
        } catch (const Error& e) {
            out.skipped.push_back("certificate " + std::to_string(i + 1) + " of " + file + ": " + e.what());
        }
    }
    return out;
}

}  // namespace lucid::net
