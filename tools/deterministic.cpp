#include "tools/deterministic.h"

#include <chrono>

namespace lucid::tools {

namespace {

// The OS generator behind a unique_ptr like the DRBG, so callers hold one type.
class OsRandomRef final : public crypto::RandomSource {
public:
    void fill(MutableByteView out) override { crypto::os_random().fill(out); }
};

}  // namespace

std::unique_ptr<crypto::RandomSource> make_random(const std::optional<Bytes>& seed,
                                                  std::string_view personalization) {
    if (!seed) return std::make_unique<OsRandomRef>();
    // SP 800-90A Rev. 1 §10.1.2.3: seed_material = entropy_input || nonce || personalization_string.
    return std::make_unique<crypto::HmacDrbg>(*seed, as_bytes(deterministic_nonce), as_bytes(personalization));
}

std::int64_t unix_time_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

handshake::Clock make_clock(const std::optional<Bytes>& seed) {
    if (seed) return [] { return deterministic_time; };
    return [] { return unix_time_now(); };
}

}  // namespace lucid::tools
