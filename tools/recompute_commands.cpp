#include "tools/recompute_commands.h"

#include <algorithm>
#include <cctype>

#include "crypto/hex.h"

namespace lucid::tools {

namespace {

using handshake::DerivationTrace;
using handshake::TraceValue;

const TraceValue* find(const std::vector<TraceValue>& values, std::initializer_list<std::string_view> names) {
    for (std::string_view name : names) {
        for (const TraceValue& v : values) {
            if (v.name == name) return &v;
        }
    }
    return nullptr;
}

// The value as hex for a command line, or <name> when the page does not have it.
std::string hex_or_placeholder(const TraceValue& v, bool& runnable) {
    if (v.secret && v.value.empty() && v.size > 0) {
        runnable = false;
        return "<" + v.name + ">";
    }
    return to_hex(v.value);
}

std::string expected_of(const TraceValue* v) { return v ? to_hex(v->value) : std::string(); }

// 'text' for bash: single quotes, with ' written as '\''.
std::string quoted(std::string_view text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string openssl_digest(const std::string& prf_hash) {
    if (prf_hash == "md5-sha1") return "MD5-SHA1";
    std::string upper = prf_hash;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    return upper;
}

// A PRF derivation: secret, label, seed -> output.
std::vector<RecomputeCommand> prf_commands(const TraceValue& secret, const std::string& label, const TraceValue& seed,
                                           const TraceValue& output, const RecomputeContext& c) {
    bool runnable = true;
    const std::string s = hex_or_placeholder(secret, runnable);
    const std::string seed_hex = hex_or_placeholder(seed, runnable);
    const std::string length = std::to_string(output.size);
    const std::string expected = output.value.empty() ? "" : to_hex(output.value);
    RecomputeCommand lucid{"lucid",
                           "lucid prf --hash " + c.prf_hash + " --secret " + s + " --label " + quoted(label) +
                               " --seed " + seed_hex + " --length " + length,
                           expected, runnable};
    RecomputeCommand openssl{"openssl",
                             "openssl kdf -keylen " + length + " -kdfopt digest:" + openssl_digest(c.prf_hash) +
                                 " -kdfopt hexsecret:" + s + " -kdfopt " + quoted("seed:" + label) +
                                 " -kdfopt hexseed:" + seed_hex + " TLS1-PRF",
                             expected, runnable};
    return {lucid, openssl};
}

std::string hex_to_binary(const std::string& hex) { return "printf '%s' " + hex + " | xxd -r -p"; }

// An AEAD record (RFC 5246 §6.2.3.3): open it with the record's nonce, additional data and tag. The
// independent check is Python's `cryptography` (OpenSSL's command line has no AEAD decryption:
// `openssl enc` refuses GCM and ChaCha20-Poly1305).
std::vector<RecomputeCommand> aead_record_commands(const handshake::RecordTrace& r, const std::string& cipher_name,
                                                   const RecordKeys* keys) {
    const TraceValue* nonce = find(r.details, {"nonce"});
    const TraceValue* aad = find(r.details, {"additional_data"});
    const TraceValue* tag = find(r.details, {"tag"});
    const bool chacha = cipher_name.rfind("CHACHA20_POLY1305", 0) == 0;
    if (!nonce || !aad || !tag || r.plaintext.empty()) return {};
    const ByteView fragment = ByteView(r.wire).subspan(5);
    if (fragment.size() < r.plaintext.size() + tag->size) return {};
    // fragment = nonce_explicit (GCM: 8 bytes; ChaCha20-Poly1305: none) || ciphertext || tag
    const ByteView ciphertext = fragment.subspan(fragment.size() - tag->size - r.plaintext.size(), r.plaintext.size());
    bool runnable = keys != nullptr;
    const std::string key = keys ? to_hex(keys->enc_key) : "<write_key>";
    const std::string nonce_hex = hex_or_placeholder(*nonce, runnable);
    const std::string ct = to_hex(ciphertext);
    const std::string expected = to_hex(r.plaintext);
    const std::string lucid_command = std::string(chacha ? "lucid chacha20-poly1305" : "lucid aes-gcm") + " decrypt --key " +
                                      key + " --iv " + nonce_hex + " --aad " + to_hex(aad->value) + " --hex " + ct +
                                      " --tag " + to_hex(tag->value);
    const std::string python_class = chacha ? "ChaCha20Poly1305" : "AESGCM";
    const std::string python_command =
        "python3 -c " + quoted("from cryptography.hazmat.primitives.ciphers.aead import " + python_class + "; print(" +
                               python_class + "(bytes.fromhex('" + key + "')).decrypt(bytes.fromhex('" + nonce_hex +
                               "'), bytes.fromhex('" + ct + to_hex(tag->value) + "'), bytes.fromhex('" +
                               to_hex(aad->value) + "')).hex())");
    return {{"lucid", lucid_command, expected, runnable}, {"python3", python_command, expected, runnable}};
}

}  // namespace

std::string normalise_command_output(const std::string& output) {
    std::string text = output;
    const std::size_t eq = text.rfind("= ");
    if (eq != std::string::npos) text = text.substr(eq + 2);
    std::string out;
    for (char c : text) {
        if (c == ':' || std::isspace(static_cast<unsigned char>(c))) continue;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::vector<RecomputeCommand> derivation_commands(const DerivationTrace& d, const RecomputeContext& c) {
    const TraceValue* label = find(d.inputs, {"label"});
    if (label && !d.outputs.empty()) {
        const TraceValue* secret = find(d.inputs, {"pre_master_secret", "master_secret"});
        const TraceValue* seed = find(d.inputs, {"seed", "session_hash", "handshake_hash"});
        if (secret && seed) {
            return prf_commands(*secret, std::string(label->value.begin(), label->value.end()), *seed, d.outputs.front(), c);
        }
    }
    const TraceValue* encrypted = find(d.inputs, {"EncryptedPreMasterSecret"});
    if (!encrypted) encrypted = find(d.outputs, {"EncryptedPreMasterSecret"});
    const TraceValue* premaster = find(d.outputs, {"pre_master_secret"});
    if (encrypted && premaster) {
        const bool known_key = !c.server_key_file.empty();
        const std::string key = known_key ? c.server_key_file : "<server.key>";
        char version[5];
        std::snprintf(version, sizeof version, "%04x", c.client_version);
        const std::string expected = expected_of(premaster);
        return {
            {"lucid", "lucid rsa decrypt --key " + key + " --tls-premaster " + version + " --hex " + to_hex(encrypted->value),
             expected, known_key},
            {"openssl", hex_to_binary(to_hex(encrypted->value)) + " | openssl pkeyutl -decrypt -inkey " + key +
                            " -pkeyopt rsa_padding_mode:pkcs1 | xxd -p -c 256",
             expected, known_key},
        };
    }
    const TraceValue* p = find(d.inputs, {"dh_p"});
    const TraceValue* g = find(d.inputs, {"dh_g"});
    const TraceValue* ys = find(d.inputs, {"dh_Ys"});
    const TraceValue* x = find(d.inputs, {"Xc"});
    if (p && g && ys && x && premaster) {
        bool runnable = true;
        const std::string private_hex = hex_or_placeholder(*x, runnable);
        // openssl has no command for raw Diffie-Hellman on given numbers: only lucid here.
        return {{"lucid",
                 "lucid dh --p " + to_hex(p->value) + " --g " + to_hex(g->value) + " --private " + private_hex +
                     " --peer " + to_hex(ys->value) + "   # the line 'shared:'",
                 expected_of(premaster), runnable}};
    }
    return {};
}

std::vector<RecomputeCommand> record_commands(const handshake::RecordTrace& r, const RecordKeys* keys) {
    if (!r.protected_record || r.wire.size() <= 5) return {};
    const TraceValue* state = find(r.details, {"cipher state"});
    const std::string cipher_name = state ? state->note : "";
    std::string cipher;
    if (cipher_name.rfind("AES_128_CBC", 0) == 0) cipher = "aes-128-cbc";
    else if (cipher_name.rfind("AES_256_CBC", 0) == 0) cipher = "aes-256-cbc";
    else if (cipher_name.find("(AEAD)") != std::string::npos) return aead_record_commands(r, cipher_name, keys);
    else if (cipher_name.rfind("NULL", 0) != 0) return {};  // a cipher the commands do not know
    std::string mac_hash;
    for (const char* h : {"SHA384", "SHA256", "SHA1"}) {
        if (mac_hash.empty() && cipher_name.find(std::string("HMAC-") + h) != std::string::npos) {
            mac_hash = h;
            std::transform(mac_hash.begin(), mac_hash.end(), mac_hash.begin(), [](unsigned char ch) { return std::tolower(ch); });
        }
    }
    const bool have = keys != nullptr;
    const std::string mac_key = have ? to_hex(keys->mac_key) : "<MAC_key>";
    const std::string enc_key = have ? to_hex(keys->enc_key) : "<write_key>";
    std::vector<RecomputeCommand> out;

    const TraceValue* iv = find(r.details, {"IV"});
    const TraceValue* mac = find(r.details, {"MAC"});
    const TraceValue* padding = find(r.details, {"padding_length"});
    if (!cipher.empty() && iv && mac && padding && !padding->value.empty()) {
        // RFC 7366 §3: with encrypt-then-MAC the MAC follows the ciphertext instead of being inside it.
        const bool etm = cipher_name.find("encrypt-then-MAC") != std::string::npos;
        ByteView fragment = ByteView(r.wire).subspan(5);
        if (etm && fragment.size() >= mac->value.size()) fragment = fragment.first(fragment.size() - mac->value.size());
        const bool explicit_iv = iv->note.rfind("explicit", 0) == 0;
        const ByteView ciphertext = explicit_iv && fragment.size() >= iv->value.size() ? fragment.subspan(iv->value.size())
                                                                                        : fragment;
        Bytes expected = r.plaintext;
        if (!etm) append(expected, mac->value);
        append(expected, Bytes(static_cast<std::size_t>(padding->value[0]) + 1, padding->value[0]));
        const std::string ct = to_hex(ciphertext);
        out.push_back({"lucid",
                       "lucid aes-cbc decrypt --key " + enc_key + " --iv " + to_hex(iv->value) + " --hex " + ct +
                           " --padding none",
                       to_hex(expected), have});
        out.push_back({"openssl",
                       hex_to_binary(ct) + " | openssl enc -d -" + cipher + " -K " + enc_key + " -iv " + to_hex(iv->value) +
                           " -nopad | xxd -p -c 256",
                       to_hex(expected), have});
    }
    const TraceValue* mac_input = find(r.details, {"MAC input"});
    if (mac_input && mac && !mac_hash.empty()) {
        const std::string input = to_hex(mac_input->value);
        out.push_back({"lucid", "lucid hmac " + mac_hash + " --key " + mac_key + " --hex " + input, to_hex(mac->value), have});
        out.push_back({"openssl",
                       hex_to_binary(input) + " | openssl dgst -" + mac_hash + " -mac HMAC -macopt hexkey:" + mac_key,
                       to_hex(mac->value), have});
    }
    return out;
}

}  // namespace lucid::tools
