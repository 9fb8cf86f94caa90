#include "x509/trust_store.h"

#include "x509/error.h"
#include "x509/pem.h"

namespace lucid::x509 {

TrustStore TrustStore::from_pem_bundle(std::string_view text) {
    TrustStore store;
    for (const PemBlock& block : pem_decode_all(text)) {
        if (block.label != "CERTIFICATE" && block.label != "X509 CERTIFICATE" && block.label != "X.509 CERTIFICATE") continue;
        try {
            store.add(Certificate::parse(block.der));
        } catch (const DecodeError& e) {
            store.skipped_.push_back("certificate in the PEM block of line " + std::to_string(block.line) + ": " + e.what());
        }
    }
    return store;
}

void TrustStore::add(Certificate anchor) {
    if (!contains(anchor)) anchors_.push_back(std::move(anchor));
}

std::vector<const Certificate*> TrustStore::issuers_of(const Certificate& cert) const {
    std::vector<const Certificate*> out;
    for (const Certificate& a : anchors_) {
        if (a.subject().matches(cert.issuer())) out.push_back(&a);
    }
    return out;
}

bool TrustStore::contains(const Certificate& cert) const {
    for (const Certificate& a : anchors_) {
        if (a.der() == cert.der()) return true;
    }
    return false;
}

}  // namespace lucid::x509
