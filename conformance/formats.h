// The recognise/run pair of every vector format, one pair per file in conformance/.
#pragma once

#include <filesystem>
#include <string_view>

#include "conformance/report.h"

namespace lucid::conformance {

// Declarations are added here as runners are written, e.g.
// bool recognises_cavp_aes_cbc(const std::filesystem::path&, std::string_view);
// void run_cavp_aes_cbc(const std::filesystem::path&, std::string_view, FileReport&);

// cavp_aes_cbc.cpp: NIST CAVP AES-CBC, CBC{GFSbox,KeySbox,VarKey,VarTxt,MMT}{128,192,256}.rsp
bool recognises_cavp_aes_cbc(const std::filesystem::path& path, std::string_view text);
void run_cavp_aes_cbc(const std::filesystem::path& path, std::string_view text, FileReport& report);

// cavp_rsa_siggen15.cpp: NIST CAVP RSA PKCS#1 v1.5 SigGen, SigGen15_186-3.rsp (verify) and SigGen15_186-2.txt (sign)
bool recognises_cavp_rsa_siggen15(const std::filesystem::path& path, std::string_view text);
void run_cavp_rsa_siggen15(const std::filesystem::path& path, std::string_view text, FileReport& report);

// cavp_rsa_sigver15.cpp: NIST CAVP RSA PKCS#1 v1.5 SigVer, SigVer15_186-3.rsp (Result = P/F)
bool recognises_cavp_rsa_sigver15(const std::filesystem::path& path, std::string_view text);
void run_cavp_rsa_sigver15(const std::filesystem::path& path, std::string_view text, FileReport& report);

// cavp_sha.cpp: NIST CAVP SHAVS, SHA{1,224,256,384,512}{ShortMsg,LongMsg,Monte}.rsp
bool recognises_cavp_sha(const std::filesystem::path& path, std::string_view text);
void run_cavp_sha(const std::filesystem::path& path, std::string_view text, FileReport& report);

// dh_botan_vec.cpp: Diffie-Hellman shared secrets from Botan's dh.vec, DH/vec.txt
bool recognises_dh_botan_vec(const std::filesystem::path& path, std::string_view text);
void run_dh_botan_vec(const std::filesystem::path& path, std::string_view text, FileReport& report);

// dh_rfc5114.cpp: the RFC 5114 groups with two key pairs and Z each, DH/RFC5114.txt
bool recognises_dh_rfc5114(const std::filesystem::path& path, std::string_view text);
void run_dh_rfc5114(const std::filesystem::path& path, std::string_view text, FileReport& report);

// drbg_json.cpp: NIST HMAC_DRBG SHA-256 vectors as JSON, hmac-drbg-nist.json
bool recognises_drbg_json(const std::filesystem::path& path, std::string_view text);
void run_drbg_json(const std::filesystem::path& path, std::string_view text, FileReport& report);

// lucid_recording.cpp: a lucidtls client/server connection recorded in deterministic mode, vectors/tls/lucid-*.txt
bool recognises_lucid_recording(const std::filesystem::path& path, std::string_view text);
void run_lucid_recording(const std::filesystem::path& path, std::string_view text, FileReport& report);

// rfc_hmac.cpp: RFC 2202 / RFC 4231 HMAC cases, rfc-2202-{md5,sha1}.txt, rfc-4231-sha{224,256,384,512}.txt
bool recognises_rfc_hmac(const std::filesystem::path& path, std::string_view text);
void run_rfc_hmac(const std::filesystem::path& path, std::string_view text, FileReport& report);

// rfc_md5.cpp: the RFC 1321 §A.5 test suite, rfc-1321.txt
bool recognises_rfc_md5(const std::filesystem::path& path, std::string_view text);
void run_rfc_md5(const std::filesystem::path& path, std::string_view text, FileReport& report);

// rsa_pkcs1v15_crypt.cpp: RSA Labs PKCS#1 v1.5 encryption examples, pkcs1v15crypt-vectors.txt
bool recognises_rsa_pkcs1v15_crypt(const std::filesystem::path& path, std::string_view text);
void run_rsa_pkcs1v15_crypt(const std::filesystem::path& path, std::string_view text, FileReport& report);

// rsa_pkcs1v15_sign.cpp: RSA Labs PKCS#1 v1.5 signature examples, pkcs1v15sign-vectors.txt
bool recognises_rsa_pkcs1v15_sign(const std::filesystem::path& path, std::string_view text);
void run_rsa_pkcs1v15_sign(const std::filesystem::path& path, std::string_view text, FileReport& report);

// tls_prf.cpp: TLS PRF cases, vectors/prf/tls-prf-*.txt (PRF, Secret, Label, Seed, Output)
bool recognises_tls_prf(const std::filesystem::path& path, std::string_view text);
void run_tls_prf(const std::filesystem::path& path, std::string_view text, FileReport& report);

// tls_recording.cpp: OpenSSL sessions recorded by vectors/tls/record.sh, vectors/tls/openssl-tls1*.txt
bool recognises_tls_recording(const std::filesystem::path& path, std::string_view text);
void run_tls_recording(const std::filesystem::path& path, std::string_view text, FileReport& report);

// x509_pkits.cpp: NIST PKITS path validation cases, vectors/x509/pkits/pkits.txt (certificates in data/)
bool recognises_x509_pkits(const std::filesystem::path& path, std::string_view text);
void run_x509_pkits(const std::filesystem::path& path, std::string_view text, FileReport& report);

// x509_real_world.cpp: real-world certificates that parse or fail for a stated reason, vectors/x509/real-world.txt
bool recognises_x509_real_world(const std::filesystem::path& path, std::string_view text);
void run_x509_real_world(const std::filesystem::path& path, std::string_view text, FileReport& report);

// cavp_aes_gcm.cpp: NIST CAVP AES-GCM, gcm{EncryptExtIV,Decrypt}{128,192,256}.rsp (FAIL cases included)
bool recognises_cavp_aes_gcm(const std::filesystem::path& path, std::string_view text);
void run_cavp_aes_gcm(const std::filesystem::path& path, std::string_view text, FileReport& report);

// rfc7748_x25519.cpp: X25519, RFC 7748 §5.2 and §6.1, rfc7748.txt and rfc7748-iterated-dh.txt
bool recognises_rfc7748_x25519(const std::filesystem::path& path, std::string_view text);
void run_rfc7748_x25519(const std::filesystem::path& path, std::string_view text, FileReport& report);

// rfc8439_chacha20.cpp: ChaCha20, RFC 8439 Appendix A.2, ChaCha20/rfc7539.txt
bool recognises_rfc8439_chacha20(const std::filesystem::path& path, std::string_view text);
void run_rfc8439_chacha20(const std::filesystem::path& path, std::string_view text, FileReport& report);

// rfc8439_poly1305.cpp: Poly1305, RFC 8439 §2.5.2 and Appendix A.3, poly1305/rfc7539.txt
bool recognises_rfc8439_poly1305(const std::filesystem::path& path, std::string_view text);
void run_rfc8439_poly1305(const std::filesystem::path& path, std::string_view text, FileReport& report);

// chacha20_poly1305_text.cpp: ChaCha20-Poly1305 AEAD, chacha20poly1305/{boringssl,openssl}.txt
bool recognises_chacha20_poly1305_text(const std::filesystem::path& path, std::string_view text);
void run_chacha20_poly1305_text(const std::filesystem::path& path, std::string_view text, FileReport& report);

}  // namespace lucid::conformance
