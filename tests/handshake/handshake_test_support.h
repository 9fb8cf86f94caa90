// Checks shared by the handshake message tests: every truncated prefix fails with decode_error,
// and the trace tree of a message explains every one of its bytes.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "crypto/bytes.h"
#include "handshake/trace.h"
#include "record/tls_error.h"

namespace lucid::handshake::testing {

// Parses body.first(n) for every n < body.size(); each must throw TlsError(decode_error), except
// n == valid_prefix (a hello that ends where its optional extensions would start is valid).
inline void check_every_truncated_prefix_fails(ByteView body, const std::function<void(ByteView)>& parse,
                                               std::optional<std::size_t> valid_prefix = std::nullopt) {
    for (std::size_t n = 0; n < body.size(); ++n) {
        if (valid_prefix && n == *valid_prefix) continue;
        CAPTURE(n);
        bool threw = false;
        try {
            parse(body.first(n));
        } catch (const record::TlsError& e) {
            threw = true;
            CHECK(e.alert() == record::AlertDescription::decode_error);
        }
        CHECK(threw);
    }
}

inline void collect_leaves(const Field& f, std::vector<const Field*>& out) {
    if (f.children.empty()) {
        out.push_back(&f);
        return;
    }
    for (const Field& c : f.children) collect_leaves(c, out);
}

// The leaves of the tree, in order, cover [0, size) exactly: no gap, no overlap.
inline void check_every_byte_explained(const Field& root, std::size_t size) {
    std::vector<const Field*> leaves;
    collect_leaves(root, leaves);
    std::stable_sort(leaves.begin(), leaves.end(), [](const Field* a, const Field* b) { return a->offset < b->offset; });
    std::size_t next = 0;
    for (const Field* leaf : leaves) {
        if (leaf->length == 0) continue;  // an empty vector's contents
        CAPTURE(leaf->name);
        CHECK(leaf->offset == next);
        next = leaf->offset + leaf->length;
    }
    CHECK(next == size);
}

// The first child (depth-first) with this name, or nullptr.
inline const Field* find_field(const Field& root, const std::string& name) {
    for (const Field& c : root.children) {
        if (c.name == name) return &c;
        if (const Field* f = find_field(c, name)) return f;
    }
    return nullptr;
}

}  // namespace lucid::handshake::testing
