// TlsError: a protocol failure, carrying the alert that tells the peer (RFC 5246 §7.2.2) and a
// sentence that tells the user. The engines catch it once, send the alert, and enter a sticky
// failed state; the tools print the sentence.
#pragma once

#include <string>

#include "crypto/error.h"
#include "record/alert.h"

namespace lucid::record {

class TlsError : public Error {
public:
    TlsError(AlertDescription alert, const std::string& sentence) : Error(sentence), alert_(alert) {}
    AlertDescription alert() const { return alert_; }

private:
    AlertDescription alert_;
};

}  // namespace lucid::record
