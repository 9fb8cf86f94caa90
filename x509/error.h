// The error every x509/ parser throws: a sentence and the byte offset where the problem was found.
//
// Offsets are absolute, counted from the first byte of the DER object the caller handed in (a
// certificate, a key), so that `lucid asn1 FILE` shows the very byte an error names.
#pragma once

#include <cstddef>
#include <string>

#include "crypto/error.h"

namespace lucid::x509 {

class DecodeError : public Error {
public:
    // what() reads "offset 12: INTEGER is not minimally encoded (X.690 §8.3.2)".
    DecodeError(std::size_t offset, const std::string& sentence)
        : Error("offset " + std::to_string(offset) + ": " + sentence), offset_(offset), sentence_(sentence) {}

    std::size_t offset() const { return offset_; }
    // The sentence without the offset prefix.
    const std::string& sentence() const { return sentence_; }

private:
    std::size_t offset_;
    std::string sentence_;
};

}  // namespace lucid::x509
