// SecretBytes: keys, premaster and master secrets.
//
// Move-only, so that a secret is never copied by accident into memory nobody wipes; the buffer is
// overwritten with zeros when the object dies or is reassigned. There is deliberately no
// operator<< and no to_hex here: printing a secret is a decision the caller makes explicitly, with
// reveal(), only when the user asked for it (--show-secrets, --keylog).
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

#include "crypto/bytes.h"
#include "crypto/ct.h"

namespace lucid {

class SecretBytes {
public:
    SecretBytes() = default;
    explicit SecretBytes(std::size_t size) : data_(size, 0) {}
    explicit SecretBytes(ByteView bytes) : data_(bytes.begin(), bytes.end()) {}
    // Takes ownership of a buffer, wiping nothing of the caller's (it is moved, not copied).
    static SecretBytes adopt(Bytes&& bytes) {
        SecretBytes s;
        s.data_ = std::move(bytes);
        return s;
    }

    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;
    SecretBytes(SecretBytes&& other) noexcept : data_(std::move(other.data_)) { other.data_.clear(); }
    SecretBytes& operator=(SecretBytes&& other) noexcept {
        if (this != &other) {
            wipe();
            data_ = std::move(other.data_);
            other.data_.clear();
        }
        return *this;
    }
    ~SecretBytes() { wipe(); }

    // An explicit, greppable copy for the rare case that needs two owners.
    SecretBytes clone() const { return SecretBytes(view()); }

    std::size_t size() const { return data_.size(); }
    bool empty() const { return data_.empty(); }
    ByteView view() const { return data_; }
    MutableByteView mutable_view() { return data_; }
    std::uint8_t* data() { return data_.data(); }
    const std::uint8_t* data() const { return data_.data(); }

    // The bytes, as a copy the caller now owns, for --show-secrets and --keylog only.
    Bytes reveal() const { return data_; }

private:
    void wipe() {
        if (!data_.empty()) ct::wipe(data_.data(), data_.size());
    }
    Bytes data_;
};

}  // namespace lucid
