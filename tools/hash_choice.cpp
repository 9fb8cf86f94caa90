#include "tools/hash_choice.h"

#include <string>

namespace lucid::tools {

crypto::HashAlgorithm hash_choice(const Args& args) {
    static const std::string known = "md5 sha1 sha224 sha256 sha384 sha512";
    if (args.positional.empty()) throw UsageError("name the hash algorithm first: " + known);
    const std::string& name = args.positional[0];
    std::optional<crypto::HashAlgorithm> alg = crypto::hash_from_name(name);
    if (!alg) throw UsageError("unknown hash algorithm '" + name + "' (known: " + known + ")");
    return *alg;
}

}  // namespace lucid::tools
