#include "conformance/len_msg.h"

#include <cstdint>
#include <string>

#include "crypto/error.h"

namespace lucid::conformance {

std::optional<Bytes> len_msg_message(const RspRecord& record) {
    const std::string& len_text = record.at("Len");
    std::size_t bits = 0;
    for (char c : len_text) {
        if (c < '0' || c > '9' || bits > (SIZE_MAX - 9) / 10) {
            throw Error("vector file: line " + std::to_string(record.line) + ": Len = '" + len_text +
                        "' is not a decimal number of bits");
        }
        bits = bits * 10 + static_cast<std::size_t>(c - '0');
    }
    if (len_text.empty()) throw Error("vector file: line " + std::to_string(record.line) + ": Len is empty");
    if (bits % 8 != 0) return std::nullopt;

    Bytes message = record.hex("Msg");
    if (bits == 0) {
        // SHAVS §5: "Msg = 00" with Len = 0 stands for the empty message.
        if (message != Bytes{0x00} && !message.empty()) {
            throw Error("vector file: line " + std::to_string(record.line) + ": Len = 0 but Msg is not 00");
        }
        return Bytes{};
    }
    if (message.size() != bits / 8) {
        throw Error("vector file: line " + std::to_string(record.line) + ": Len = " + len_text + " bits but Msg has " +
                    std::to_string(message.size()) + " bytes");
    }
    return message;
}

}  // namespace lucid::conformance
