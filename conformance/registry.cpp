// The table of vector file formats. One row per format; each runner lives in its own file.
#include "conformance/formats.h"
#include "conformance/vector_files.h"

namespace lucid::conformance {

std::span<const VectorFormat> vector_formats() {
    static const VectorFormat table[] = {
        // Rows are added here as the primitives arrive, e.g.
        // {"NIST CAVP AES-CBC", recognises_cavp_aes_cbc, run_cavp_aes_cbc},
        {"NIST CAVP AES-CBC", recognises_cavp_aes_cbc, run_cavp_aes_cbc},
        {"NIST CAVP SHA-1/SHA-2", recognises_cavp_sha, run_cavp_sha},
        {"NIST HMAC_DRBG (JSON)", recognises_drbg_json, run_drbg_json},
        {"RFC 2202/4231 HMAC", recognises_rfc_hmac, run_rfc_hmac},
        {"RFC 1321 MD5", recognises_rfc_md5, run_rfc_md5},
        {"TLS PRF", recognises_tls_prf, run_tls_prf},
        {"TLS session recorded from OpenSSL", recognises_tls_recording, run_tls_recording},
        {"NIST CAVP RSA SigGen15", recognises_cavp_rsa_siggen15, run_cavp_rsa_siggen15},
        {"NIST CAVP RSA SigVer15", recognises_cavp_rsa_sigver15, run_cavp_rsa_sigver15},
        {"RSA Labs PKCS#1 v1.5 encryption", recognises_rsa_pkcs1v15_crypt, run_rsa_pkcs1v15_crypt},
        {"RSA Labs PKCS#1 v1.5 signature", recognises_rsa_pkcs1v15_sign, run_rsa_pkcs1v15_sign},
        {"Botan DH (vec.txt)", recognises_dh_botan_vec, run_dh_botan_vec},
        {"RFC 5114 DH", recognises_dh_rfc5114, run_dh_rfc5114},
        {"lucidtls recorded connection", recognises_lucid_recording, run_lucid_recording},
        {"NIST PKITS (X.509 path validation)", recognises_x509_pkits, run_x509_pkits},
        {"X.509 real-world certificates", recognises_x509_real_world, run_x509_real_world},
        {"NIST CAVP AES-GCM", recognises_cavp_aes_gcm, run_cavp_aes_gcm},
        {"RFC 7748 X25519", recognises_rfc7748_x25519, run_rfc7748_x25519},
        {"RFC 8439 ChaCha20", recognises_rfc8439_chacha20, run_rfc8439_chacha20},
        {"RFC 8439 Poly1305", recognises_rfc8439_poly1305, run_rfc8439_poly1305},
        {"RFC 8439 ChaCha20-Poly1305", recognises_chacha20_poly1305_text, run_chacha20_poly1305_text},
        {"(none)", [](const std::filesystem::path&, std::string_view) { return false; }, nullptr},
    };
    return table;
}

}  // namespace lucid::conformance
