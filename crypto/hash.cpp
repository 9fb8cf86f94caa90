// The table of hash algorithms: names, sizes and the factory behind crypto/hash.h.
#include "crypto/hash.h"

#include <array>
#include <string>

#include "crypto/error.h"
#include "crypto/md5.h"
#include "crypto/sha1.h"
#include "crypto/sha256.h"
#include "crypto/sha512.h"

namespace lucid::crypto {

namespace {

struct HashInfo {
    HashAlgorithm algorithm;
    std::string_view name;
    std::size_t digest_size;  // bytes
    std::size_t block_size;   // bytes
    std::unique_ptr<Hash> (*make)();
};

// Sizes: FIPS 180-4 §1 Figure 1 (SHA-1, SHA-2) and RFC 1321 §3 (MD5).
constexpr std::array<HashInfo, 6> hash_table = {{
    {HashAlgorithm::md5, "md5", 16, 64, make_md5},
    {HashAlgorithm::sha1, "sha1", 20, 64, make_sha1},
    {HashAlgorithm::sha224, "sha224", 28, 64, make_sha224},
    {HashAlgorithm::sha256, "sha256", 32, 64, make_sha256},
    {HashAlgorithm::sha384, "sha384", 48, 128, make_sha384},
    {HashAlgorithm::sha512, "sha512", 64, 128, make_sha512},
}};

const HashInfo& info(HashAlgorithm alg) {
    for (const HashInfo& row : hash_table) {
        if (row.algorithm == alg) return row;
    }
    throw Error("hash: unknown algorithm number " + std::to_string(static_cast<int>(alg)));
}

}  // namespace

std::string_view hash_name(HashAlgorithm alg) { return info(alg).name; }

std::optional<HashAlgorithm> hash_from_name(std::string_view name) {
    // "SHA-256", "sha256" and "Sha256" all name the same algorithm.
    std::string folded;
    for (char c : name) {
        if (c == '-') continue;
        folded.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    for (const HashInfo& row : hash_table) {
        if (row.name == folded) return row.algorithm;
    }
    return std::nullopt;
}

std::unique_ptr<Hash> make_hash(HashAlgorithm alg) { return info(alg).make(); }

Bytes digest(HashAlgorithm alg, ByteView data) {
    std::unique_ptr<Hash> h = make_hash(alg);
    h->update(data);
    return h->final();
}

std::size_t digest_size(HashAlgorithm alg) { return info(alg).digest_size; }
std::size_t block_size(HashAlgorithm alg) { return info(alg).block_size; }

}  // namespace lucid::crypto
