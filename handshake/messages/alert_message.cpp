// Alert, RFC 5246 §7.2.
//
//   enum { warning(1), fatal(2), (255) } AlertLevel;
//
//   struct {
//       AlertLevel level;
//       AlertDescription description;
//   } Alert;
//
// The descriptions and which of them are always fatal are in record/alert.h; what an engine does
// with each one is in engine.cpp (handle_alert).
#include "handshake/field_reader.h"
#include "handshake/messages/change_cipher_spec.h"

namespace lucid::handshake {

Bytes AlertMessage::encode() const {
    return Bytes{static_cast<std::uint8_t>(level), static_cast<std::uint8_t>(description)};
}

AlertMessage AlertMessage::parse(ByteView fragment, Field* tree) {
    FieldReader r(fragment, "Alert", 0, tree);
    AlertMessage alert;
    alert.level = static_cast<record::AlertLevel>(r.u8("level", [](std::uint8_t l) {
        return record::alert_level_name(static_cast<record::AlertLevel>(l)) + " (" + std::to_string(l) + ")";
    }));
    alert.description = static_cast<record::AlertDescription>(r.u8("description", [](std::uint8_t d) {
        return record::alert_name(static_cast<record::AlertDescription>(d)) + " (" + std::to_string(d) + ")";
    }));
    r.expect_end();
    return alert;
}

}  // namespace lucid::handshake
