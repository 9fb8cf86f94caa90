// What a modern client offers that a TLS 1.2 server does not implement, named for the page a
// browser gets from `lucid server --www` (issue 14): GREASE values (RFC 8701), TLS 1.3 suites and
// extensions (RFC 8446), the ECDHE and GCM suites (RFC 8422, RFC 5288, RFC 7905). lucidtls's parser
// reads them as "unknown (0x1301)"; this says what they are and why they go unused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lucid::tools {

// field: the trace Field's name ("CipherSuite", "extension_type", or a list item "[3]" whose value
// names an extension). Returns a sentence for the note column, or nothing when the code is not one
// we can name.
std::optional<std::string> explain_offered(std::string_view field, std::uint16_t code);

// The code in a reading such as "unknown (0x1301)" or "unknown(0xca34) (0xca34)"; nothing if the
// reading does not start with "unknown".
std::optional<std::uint16_t> unknown_code(std::string_view reading);

}  // namespace lucid::tools
