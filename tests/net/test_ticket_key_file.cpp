// Tests of net/ticket_key_file.cpp: the --ticket-key-file file (RFC 5077 §4 keys).
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <sys/stat.h>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "crypto/random.h"
#include "net/ticket_key_file.h"

using namespace lucid;
using namespace lucid::net;
using handshake::TicketKey;

namespace {

std::string text_of(const SecretBytes& b) { return std::string(b.view().begin(), b.view().end()); }

crypto::HmacDrbg drbg() { return crypto::HmacDrbg(as_bytes("key file seed"), as_bytes("n"), as_bytes("")); }

void check_rejected(const std::string& text, const std::string& words) {
    try {
        parse_ticket_keys(as_bytes(text));
        FAIL("accepted: " << text);
    } catch (const Error& e) {
        CHECK_MESSAGE(std::string(e.what()).find(words) != std::string::npos, e.what());
    }
}

}  // namespace

TEST_CASE("ticket key file: keys written and read back in order; the file says it is secret") {
    auto random = drbg();
    std::vector<TicketKey> keys;
    keys.push_back(TicketKey::generate(random, 0));
    keys.push_back(TicketKey::generate(random, 0));
    const std::string text = text_of(format_ticket_keys(keys));
    CHECK(text.find("SECRET") != std::string::npos);
    const std::vector<TicketKey> back = parse_ticket_keys(as_bytes(text));
    REQUIRE(back.size() == 2);
    CHECK(back[0].name == keys[0].name);
    CHECK(back[1].aes_key.reveal() == keys[1].aes_key.reveal());
    CHECK(back[1].hmac_key.reveal() == keys[1].hmac_key.reveal());
}

TEST_CASE("ticket key file: malformed files are refused with the line and the reason") {
    const std::string key = "Key = " + std::string(32, 'a') + " " + std::string(32, 'b') + " " + std::string(64, 'c') + "\n";
    CHECK(parse_ticket_keys(as_bytes("Format = lucidtls-ticket-keys-1\n" + key)).size() == 1);
    check_rejected(key, "Format line is missing");
    check_rejected("Format = lucidtls-ticket-keys-1\n", "no Key line");
    check_rejected("Format = lucidtls-ticket-keys-2\n" + key, "unknown format");
    check_rejected("Format = lucidtls-ticket-keys-1\nKey = 00 11 22\n", "line 2");
    check_rejected("Format = lucidtls-ticket-keys-1\nKey = zz\n", "line 2");
    check_rejected("Format = lucidtls-ticket-keys-1\nColour = blue\n", "unknown key 'Colour'");
}

TEST_CASE("ticket key file: a missing file is created (mode 0600) and the next load reads the same key") {
    const std::string path = (std::filesystem::temp_directory_path() / ("lucid-ticket-keys-" + std::to_string(::getpid()))).string();
    std::filesystem::remove(path);
    auto random = drbg();
    bool created = false;
    const std::vector<TicketKey> first = load_or_create_ticket_keys(path, random, created);
    CHECK(created);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    const std::vector<TicketKey> second = load_or_create_ticket_keys(path, random, created);
    CHECK_FALSE(created);
    REQUIRE(second.size() == 1);
    CHECK(second[0].name == first[0].name);
    CHECK(second[0].hmac_key.reveal() == first[0].hmac_key.reveal());
    std::filesystem::remove(path);
}
