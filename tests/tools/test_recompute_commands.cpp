// tools/recompute_commands.cpp: the lucid and openssl commands printed under each derivation.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "tools/recompute_commands.h"

using namespace lucid;
using namespace lucid::tools;

namespace {

handshake::DerivationTrace master_secret(bool shown) {
    handshake::DerivationTrace d;
    d.name = "master secret";
    Bytes pms = from_hex("0303" + std::string(92, 'a'));
    d.inputs.push_back({"pre_master_secret", true, 48, shown ? pms : Bytes{}, ""});
    d.inputs.push_back({"label", false, 13, to_bytes("master secret"), ""});
    d.inputs.push_back({"seed", false, 4, from_hex("01020304"), ""});
    d.outputs.push_back({"master_secret", true, 48, shown ? Bytes(48, 0x42) : Bytes{}, ""});
    return d;
}

}  // namespace

TEST_CASE("RFC 5246 §8.1: the master secret is recomputed by lucid prf and openssl kdf TLS1-PRF") {
    const auto commands = derivation_commands(master_secret(true), RecomputeContext{});
    REQUIRE(commands.size() == 2);
    CHECK(commands[0].tool == "lucid");
    CHECK(commands[0].command == "lucid prf --hash sha256 --secret 0303" + std::string(92, 'a') +
                                     " --label 'master secret' --seed 01020304 --length 48");
    CHECK(commands[1].command == "openssl kdf -keylen 48 -kdfopt digest:SHA256 -kdfopt hexsecret:0303" + std::string(92, 'a') +
                                     " -kdfopt 'seed:master secret' -kdfopt hexseed:01020304 TLS1-PRF");
    CHECK(commands[1].expected == to_hex(Bytes(48, 0x42)));
    CHECK(commands[1].runnable);
}

TEST_CASE("design, Secrets: a hidden secret becomes a <placeholder> and the command is not runnable") {
    const auto commands = derivation_commands(master_secret(false), RecomputeContext{});
    REQUIRE(commands.size() == 2);
    CHECK(commands[1].command.find("hexsecret:<pre_master_secret>") != std::string::npos);
    CHECK_FALSE(commands[1].runnable);
    CHECK(commands[1].expected.empty());
}

TEST_CASE("RFC 2246 §5: TLS 1.0/1.1 connections use openssl's MD5-SHA1 digest") {
    RecomputeContext c;
    c.prf_hash = "md5-sha1";
    const auto commands = derivation_commands(master_secret(true), c);
    CHECK(commands[1].command.find("digest:MD5-SHA1") != std::string::npos);
}

TEST_CASE("RFC 5246 §6.2.3.1: a record's MAC is recomputed with openssl dgst -mac HMAC") {
    handshake::RecordTrace r;
    r.protected_record = true;
    r.wire = from_hex("1703030020" + std::string(64, '0'));
    r.details.push_back({"cipher state", false, 0, {}, "NULL HMAC-SHA256"});
    r.details.push_back({"MAC input", false, 3, from_hex("aabbcc"), ""});
    r.details.push_back({"MAC", false, 2, from_hex("1234"), ""});
    RecordKeys keys;
    keys.mac_key = from_hex("0102");
    const auto commands = record_commands(r, &keys);
    REQUIRE(commands.size() == 2);
    CHECK(commands[0].command == "lucid hmac sha256 --key 0102 --hex aabbcc");
    CHECK(commands[1].command == "printf '%s' aabbcc | xxd -r -p | openssl dgst -sha256 -mac HMAC -macopt hexkey:0102");
    CHECK(commands[1].expected == "1234");
}

TEST_CASE("the ledger reads openssl's output forms: kdf with colons, dgst after '= ', xxd lines") {
    CHECK(normalise_command_output("E3:F2:29\n") == "e3f229");
    CHECK(normalise_command_output("HMAC-SHA256(stdin)= abcd\n") == "abcd");
    CHECK(normalise_command_output("0102\n0304\n") == "01020304");
}
