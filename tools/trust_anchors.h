// The client's trust for `lucid client` and `lucid server --verify-client`: net/trust_anchors.h,
// shared with the blocking API.
#pragma once

#include "net/trust_anchors.h"

namespace lucid::tools {
using net::load_trust_anchors;
using net::TrustAnchors;
}  // namespace lucid::tools
