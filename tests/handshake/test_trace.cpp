// Tests of handshake/trace.cpp: the walkthrough steps.
#include <doctest/doctest.h>

#include "handshake/trace.h"

using namespace lucid::handshake;

TEST_CASE("RFC 5246 §7.3: the walkthrough has 12 steps numbered 1..12, ClientHello first, close_notify last") {
    const auto steps = walkthrough_steps();
    REQUIRE(steps.size() == 12);
    for (std::size_t i = 0; i < steps.size(); ++i) CHECK(steps[i].number == static_cast<int>(i + 1));
    CHECK(steps.front().title == "ClientHello");
    CHECK(steps[4].title == "ClientKeyExchange");
    CHECK(steps.back().title == "close_notify");
    CHECK(direction_name(Direction::sent) == "sent");
}
