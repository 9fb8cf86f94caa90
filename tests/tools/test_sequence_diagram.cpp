// tools/sequence_diagram.cpp: the ladder of the illustrated page.
#include <doctest/doctest.h>

#include "tools/sequence_diagram.h"

using namespace lucid::tools;

TEST_CASE("issue 14: each arrow of the sequence diagram links to its message, labelled with its step") {
    const std::string svg = sequence_diagram_svg({
        {DiagramRow::Kind::arrow, true, 1, "ClientHello", "e0"},
        {DiagramRow::Kind::arrow, false, 2, "ServerHello", "e3"},
        {DiagramRow::Kind::computation, true, 6, "key block", "e9"},
        {DiagramRow::Kind::arrow, true, 0, "a <b> & c", "e10"},
    });
    CHECK(svg.rfind("<svg", 0) == 0);
    CHECK(svg.find("<a href=\"#e0\">") != std::string::npos);
    CHECK(svg.find("1. ClientHello") != std::string::npos);
    CHECK(svg.find("2. ServerHello") != std::string::npos);
    CHECK(svg.find("<rect") != std::string::npos);
    CHECK(svg.find("a &lt;b&gt; &amp; c") != std::string::npos);
    CHECK(svg.find("<script") == std::string::npos);
}
