// A RandomSource that hands out recorded bytes, in order: how a vector file's "seed" (the padding
// bytes the encryptor drew) is fed back into our encryption so that its output can be compared
// byte for byte. Asking for more than was recorded is an error, not a silent wrap-around.
#pragma once

#include <cstdint>
#include <string>

#include "crypto/bytes.h"
#include "crypto/error.h"
#include "crypto/random.h"

namespace lucid::conformance {

class ReplayRandom final : public crypto::RandomSource {
public:
    explicit ReplayRandom(ByteView recorded) : bytes_(recorded.begin(), recorded.end()) {}

    void fill(MutableByteView out) override {
        if (out.size() > bytes_.size() - used_) {
            throw Error("replayed randomness exhausted: " + std::to_string(out.size()) + " bytes asked, " +
                        std::to_string(bytes_.size() - used_) + " left");
        }
        for (std::uint8_t& b : out) b = bytes_[used_++];
    }
    // How many recorded bytes were used; a complete replay uses them all.
    std::size_t used() const { return used_; }
    std::size_t size() const { return bytes_.size(); }

private:
    Bytes bytes_;
    std::size_t used_ = 0;
};

}  // namespace lucid::conformance
