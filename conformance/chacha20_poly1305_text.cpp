// ChaCha20-Poly1305 (RFC 8439 §2.8) vectors as python-cryptography stores them, in two spellings:
//
//   ciphers/ChaCha20Poly1305/boringssl.txt        ciphers/ChaCha20Poly1305/openssl.txt
//   KEY= ...                                      Key = ...
//   NONCE= ... (12 bytes)                         IV = ...
//   IN= ... or "ASCII text"                       Plaintext = ...
//   AD= ...                                       AAD = ...
//   CT= ...                                       Ciphertext = ...
//   TAG= ...                                      Tag = ...
//                                                 Result = CIPHERFINAL_ERROR  (the tag must be refused)
//
// A case passes when sealing gives CT and TAG and opening gives the plaintext back; a
// CIPHERFINAL_ERROR case passes when opening refuses the tag.
#include <string>

#include "conformance/formats.h"
#include "conformance/rsp_reader.h"
#include "crypto/chacha20_poly1305.h"
#include "crypto/error.h"

namespace lucid::conformance {

namespace {

// The field under either spelling; "quoted text" stands for its ASCII bytes.
Bytes field(const RspRecord& record, std::string_view boringssl_name, std::string_view openssl_name) {
    const std::string_view key = record.has(boringssl_name) ? boringssl_name : openssl_name;
    const std::string& value = record.at(key);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') return to_bytes(value.substr(1, value.size() - 2));
    return record.hex(key);
}

bool run_case(const RspRecord& record) {
    const crypto::ChaCha20Poly1305 aead(field(record, "KEY", "Key"));
    const Bytes nonce = field(record, "NONCE", "IV");
    const Bytes plaintext = field(record, "IN", "Plaintext");
    const Bytes aad = field(record, "AD", "AAD");
    const Bytes ciphertext = field(record, "CT", "Ciphertext");
    const Bytes tag = field(record, "TAG", "Tag");
    const std::optional<Bytes> opened = aead.open(nonce, aad, ciphertext, tag);
    if (record.get("Result") == std::optional<std::string>("CIPHERFINAL_ERROR")) return !opened.has_value();
    return aead.seal(nonce, aad, plaintext) == concat({ciphertext, tag}) && opened == plaintext;
}

}  // namespace

bool recognises_chacha20_poly1305_text(const std::filesystem::path& path, std::string_view) {
    return path.parent_path().filename() == "chacha20poly1305" &&
           (path.filename() == "boringssl.txt" || path.filename() == "openssl.txt");
}

void run_chacha20_poly1305_text(const std::filesystem::path& path, std::string_view text, FileReport& report) {
    report.algorithm = "ChaCha20-Poly1305 (RFC 8439), " + path.stem().string() + " vectors";
    for (const RspRecord& record : parse_rsp(text)) {
        try {
            report.check(run_case(record), record.describe());
        } catch (const Error& e) {
            report.fail(record.describe() + ": " + e.what());
        }
    }
}

}  // namespace lucid::conformance
