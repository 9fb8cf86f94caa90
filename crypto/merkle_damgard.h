// The frame MD5, SHA-1 and SHA-2 share: cut the message into blocks, pad the last one, and feed
// every block to a compression function that updates a fixed-size state (Merkle 1989, Damgård
// 1989). Each algorithm file (md5.cpp, sha1.cpp, sha256.cpp, sha512.cpp) supplies only what is its
// own, as a Spec:
//
//   static constexpr HashAlgorithm algorithm;
//   static constexpr std::size_t block_size;   // 64 or 128 bytes
//   static constexpr std::size_t digest_size;  // bytes written by write_digest
//   static constexpr std::size_t length_size;  // bytes of the length field: 8, or 16 for SHA-384/512
//   static constexpr bool little_endian;       // MD5 only: the length is written low byte first
//   using State = std::array<word, N>;
//   static constexpr State initial_state;      // FIPS 180-4 §5.3, RFC 1321 §3.3
//   static void compress(State&, std::span<const std::uint8_t, block_size>);
//   static void write_digest(const State&, std::span<std::uint8_t> out);  // digest_size bytes
//   static void compress_blocks(State&, ByteView blocks);  // optional: many whole blocks in one call,
//                                                          // for a hardware path (sha256_ni.cpp)
//
// This file is the streaming part and the padding, written once.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "crypto/ct.h"
#include "crypto/error.h"
#include "crypto/hash.h"
#include "crypto/words.h"

namespace lucid::crypto {

template <class Spec>
class MerkleDamgardHash final : public Hash {
public:
    MerkleDamgardHash() { reset(); }
    MerkleDamgardHash(const MerkleDamgardHash&) = default;
    MerkleDamgardHash& operator=(const MerkleDamgardHash&) = delete;
    // The state and the buffer may hold key material (HMAC keys, the TLS PRF): wipe them.
    ~MerkleDamgardHash() override {
        ct::wipe(state_.data(), sizeof(state_));
        ct::wipe(buffer_.data(), buffer_.size());
    }

    HashAlgorithm algorithm() const override { return Spec::algorithm; }
    std::size_t digest_size() const override { return Spec::digest_size; }
    std::size_t block_size() const override { return Spec::block_size; }

    // FIPS 180-4 §5.2: the message is parsed into blocks; a partial block waits in buffer_.
    void update(ByteView data) override {
        total_bytes_ += data.size();
        if (buffered_ > 0) {
            const std::size_t take = std::min(Spec::block_size - buffered_, data.size());
            std::copy_n(data.begin(), take, buffer_.begin() + static_cast<std::ptrdiff_t>(buffered_));
            buffered_ += take;
            data = data.subspan(take);
            if (buffered_ < Spec::block_size) return;
            Spec::compress(state_, buffer_);
            buffered_ = 0;
        }
        const std::size_t whole = data.size() - data.size() % Spec::block_size;
        if constexpr (requires { Spec::compress_blocks(state_, data); }) {
            if (whole > 0) Spec::compress_blocks(state_, data.first(whole));
        } else {
            for (std::size_t offset = 0; offset < whole; offset += Spec::block_size) {
                Spec::compress(state_, data.subspan(offset).template first<Spec::block_size>());
            }
        }
        data = data.subspan(whole);
        std::copy(data.begin(), data.end(), buffer_.begin());
        buffered_ = data.size();
    }

    void final(MutableByteView out) override {
        if (out.size() != Spec::digest_size) {
            throw Error(std::string(hash_name(Spec::algorithm)) + ": the digest needs a buffer of " +
                        std::to_string(Spec::digest_size) + " bytes, not " + std::to_string(out.size()));
        }
        pad_and_compress_last_blocks();
        Spec::write_digest(state_, out);
        reset();
    }
    using Hash::final;

    void reset() override {
        state_ = Spec::initial_state;
        ct::wipe(buffer_.data(), buffer_.size());
        buffered_ = 0;
        total_bytes_ = 0;
    }

    std::unique_ptr<Hash> clone() const override { return std::make_unique<MerkleDamgardHash>(*this); }

    void assign(const Hash& other) override {
        const auto* same = dynamic_cast<const MerkleDamgardHash*>(&other);
        if (same == nullptr) throw Error(std::string(hash_name(Spec::algorithm)) + ": assign from another algorithm");
        state_ = same->state_;
        buffer_ = same->buffer_;
        buffered_ = same->buffered_;
        total_bytes_ = same->total_bytes_;
    }

private:
    // FIPS 180-4 §5.1.1 (SHA-1, SHA-224, SHA-256) and §5.1.2 (SHA-384, SHA-512); RFC 1321 §3.1-3.2.
    // Append the bit "1", then the fewest "0" bits that leave exactly length_size bytes free in the
    // last block, then the message length l in bits. We hash whole bytes, so "1 then seven 0s" is
    // the byte 0x80. If fewer than length_size + 1 bytes are free, the padding spills into one more
    // block: that is why 55 bytes fit in one SHA-256 block and 56 need two.
    void pad_and_compress_last_blocks() {
        // l in bits as a 128-bit number (high, low); only SHA-384/512 use the high half.
        const std::uint64_t length_bits_low = total_bytes_ << 3;
        const std::uint64_t length_bits_high = total_bytes_ >> 61;

        buffer_[buffered_++] = 0x80;
        if (buffered_ > Spec::block_size - Spec::length_size) {
            std::fill(buffer_.begin() + static_cast<std::ptrdiff_t>(buffered_), buffer_.end(), 0);
            Spec::compress(state_, buffer_);
            buffered_ = 0;
        }
        std::fill(buffer_.begin() + static_cast<std::ptrdiff_t>(buffered_), buffer_.end(), 0);

        std::span<std::uint8_t> length_field = std::span<std::uint8_t>(buffer_).last(Spec::length_size);
        if constexpr (Spec::little_endian) {
            static_assert(Spec::length_size == 8);
            store_le64(length_field, 0, length_bits_low);  // RFC 1321 §3.2: low-order word first
        } else if constexpr (Spec::length_size == 16) {
            store_be64(length_field, 0, length_bits_high);
            store_be64(length_field, 1, length_bits_low);
        } else {
            static_assert(Spec::length_size == 8);
            store_be64(length_field, 0, length_bits_low);
        }
        Spec::compress(state_, buffer_);
    }

    typename Spec::State state_{};
    std::array<std::uint8_t, Spec::block_size> buffer_{};
    std::size_t buffered_ = 0;         // bytes waiting in buffer_, always < block_size between calls
    std::uint64_t total_bytes_ = 0;    // message length so far; 2^64 bytes is far beyond any use
};

}  // namespace lucid::crypto
