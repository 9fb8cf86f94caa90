// The sequence diagram of a connection, as inline SVG: two lifelines (client, server), one arrow
// per message in wire order, labelled with the step of the walkthrough (docs/handshake.md), and
// one box across both lifelines per key-schedule step. Each arrow is a link to the block of the
// illustrated page that explains the message (tools/trace_html.h).
//
//      client                         server
//        |  1. ClientHello  ------------> |
//        | <------------  2. ServerHello  |
//        | [ 6. master secret and keys  ] |
//
// The SVG needs no script, no font and no image: it prints and works with JavaScript off.
#pragma once

#include <string>
#include <vector>

namespace lucid::tools {

struct DiagramRow {
    enum class Kind { arrow, computation };
    Kind kind = Kind::arrow;
    bool from_client = true;  // arrows only
    int step = 0;             // walkthrough step, 0 = none (a message outside the 12 steps)
    std::string label;        // "ClientHello", "application data, 38 bytes"
    std::string anchor;       // id of the block it links to, without '#'
};

// Text in labels is escaped; anchors must be plain ids ([a-z0-9-]).
std::string sequence_diagram_svg(const std::vector<DiagramRow>& rows);

}  // namespace lucid::tools
