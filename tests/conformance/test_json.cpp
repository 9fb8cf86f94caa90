// conformance/json.cpp: RFC 8259, strictly.
#include <doctest/doctest.h>

#include <string>

#include "conformance/json.h"
#include "crypto/error.h"

using namespace lucid;
using conformance::JsonValue;
using conformance::parse_json;

TEST_CASE("RFC 8259 §3-§5: values, arrays and objects keep their order and kinds") {
    const JsonValue v = parse_json(R"( { "a": [1, -2.5e3, true, false, null], "b": {"c": "d"}, "e": [] } )");
    REQUIRE(v.kind == JsonValue::Kind::object);
    REQUIRE(v.members.size() == 3);
    CHECK(v.members[0].key == "a");
    const auto& a = v.at("a").as_array();
    REQUIRE(a.size() == 5);
    CHECK(a[0].kind == JsonValue::Kind::number);
    CHECK(a[0].text == "1");
    CHECK(a[1].text == "-2.5e3");
    CHECK(a[2].boolean);
    CHECK(a[3].kind == JsonValue::Kind::boolean);
    CHECK_FALSE(a[3].boolean);
    CHECK(a[4].is_null());
    CHECK(v.at("b").at("c").as_string() == "d");
    CHECK(v.at("e").as_array().empty());
    CHECK(v.has("e"));
    CHECK_FALSE(v.has("z"));
}

TEST_CASE("RFC 8259 §7: string escapes, including a surrogate pair, decode to UTF-8") {
    const JsonValue v = parse_json(R"("q\" b\\ s\/ \b\f\n\r\t \u00e9 \ud83d\ude00")");
    CHECK(v.as_string() == "q\" b\\ s/ \b\f\n\r\t \xc3\xa9 \xf0\x9f\x98\x80");
}

TEST_CASE("json: what strict JSON forbids is rejected with line and column") {
    const char* bad[] = {
        "",                 // no value
        "[1,]",             // trailing comma
        "{\"a\":1,}",       // trailing comma in an object
        "[01]",             // leading zero
        "[1.]",             // fraction without digits
        "'a'",              // single quotes
        "[1] x",            // text after the value
        "{\"a\":1,\"a\":2}",  // duplicate key
        "\"tab\there\"",    // raw control character in a string
        "\"\\x\"",          // unknown escape
        "\"\\ud800\"",      // unpaired surrogate
        "[nul]",            // bad literal
        "// comment\n1",    // comments
        "\"open",           // unterminated string
        "{\"a\" 1}",        // missing colon
    };
    for (const char* text : bad) {
        INFO(text);
        CHECK_THROWS_AS(parse_json(text), Error);
    }
    CHECK_THROWS_WITH_AS(parse_json("[\n  1,\n  ]"), "json: line 3, column 3: a value cannot start here", Error);
}

TEST_CASE("json: nesting deeper than 64 is refused, 64 is accepted") {
    CHECK_NOTHROW(parse_json(std::string(64, '[') + std::string(64, ']')));
    CHECK_THROWS_AS(parse_json(std::string(65, '[') + std::string(65, ']')), Error);
}

TEST_CASE("json: asking for the wrong kind names what was found") {
    const JsonValue v = parse_json("[1]");
    CHECK_THROWS_WITH_AS(v.as_string(), "json: expected a string, found array", Error);
    CHECK_THROWS_AS(v.at("x"), Error);
    CHECK_THROWS_WITH_AS(parse_json("{}").at("x"), "json: object has no member \"x\"", Error);
}
