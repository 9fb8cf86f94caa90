// Tests of handshake/protocol_versions.cpp: the version decision (RFC 5246 Appendix E.1), SSL 3.0
// (RFC 7568), TLS_FALLBACK_SCSV (RFC 7507) and the downgrade sentinel (RFC 8446 §4.1.3).
#include <doctest/doctest.h>

#include "handshake/protocol_versions.h"
#include "record/tls_error.h"

using namespace lucid;
using namespace lucid::handshake;
using record::AlertDescription;
using record::TlsError;

namespace {

constexpr VersionRange all_three{tls10_version, tls12_version};
constexpr VersionRange only_12{tls12_version, tls12_version};

// The alert and sentence a call throws.
template <class F>
std::pair<AlertDescription, std::string> refusal(F f) {
    try {
        f();
    } catch (const TlsError& e) {
        return {e.alert(), e.what()};
    }
    FAIL("no TlsError");
    return {};
}

}  // namespace

TEST_CASE("RFC 5246 Appendix E.1: the server chooses the highest version both support, and says why") {
    const VersionChoice c = choose_server_version(tls11_version, all_three);
    CHECK(c.version == tls11_version);
    CHECK(c.reason ==
          "client offers up to TLS 1.1; server allows TLS 1.0\u20131.2; chosen TLS 1.1, the highest both support "
          "(RFC 5246 Appendix E.1)");
    CHECK(choose_server_version(tls12_version, {tls10_version, tls11_version}).version == tls11_version);
    CHECK(choose_server_version(tls10_version, all_three).version == tls10_version);
}

TEST_CASE("RFC 5246 Appendix E.1: a client_version above TLS 1.2 (0x0304, 0x03ff) is answered with TLS 1.2") {
    for (std::uint16_t v : {std::uint16_t{0x0304}, std::uint16_t{0x03ff}, std::uint16_t{0x0400}}) {
        CAPTURE(v);
        const VersionChoice c = choose_server_version(v, only_12);
        CHECK(c.version == tls12_version);
        CHECK(c.reason.find("above TLS 1.2") != std::string::npos);
    }
}

TEST_CASE("RFC 5246 §7.2.2 protocol_version: a client below the server's minimum gets a sentence naming both ranges") {
    const auto [alert, sentence] = refusal([] { choose_server_version(tls11_version, only_12); });
    CHECK(alert == AlertDescription::protocol_version);
    CHECK(sentence.find("client offers up to TLS 1.1; server allows TLS 1.2") != std::string::npos);
    CHECK(sentence.find("RFC 8996") != std::string::npos);
}

TEST_CASE("RFC 7568 §3: an SSL 3.0 client gets protocol_version, naming RFC 7568, even from a TLS 1.0 server") {
    const auto [alert, sentence] = refusal([] { choose_server_version(ssl30_version, all_three); });
    CHECK(alert == AlertDescription::protocol_version);
    CHECK(sentence.find("RFC 7568") != std::string::npos);
}

TEST_CASE("RFC 5246 §7.4.1.3: the client refuses a ServerHello version outside its range, naming the flag") {
    CHECK_NOTHROW(check_server_version(tls11_version, all_three));
    const auto [alert, sentence] = refusal([] { check_server_version(tls11_version, only_12); });
    CHECK(alert == AlertDescription::protocol_version);
    CHECK(sentence.find("the server chose TLS 1.1; this client allows TLS 1.2") != std::string::npos);
    CHECK(sentence.find("--min-protocol TLSv1.1") != std::string::npos);
    CHECK(refusal([] { check_server_version(tls12_version, {tls10_version, tls11_version}); }).first ==
          AlertDescription::protocol_version);
    CHECK(refusal([] { check_server_version(ssl30_version, all_three); }).second.find("RFC 7568") != std::string::npos);
}

TEST_CASE("RFC 7507 §3: TLS_FALLBACK_SCSV below the server's highest version is inappropriate_fallback") {
    ClientHello ch;
    ch.client_version = tls11_version;
    ch.cipher_suites = {0x002F, TLS_FALLBACK_SCSV};
    const auto [alert, sentence] = refusal([&] { check_fallback_scsv(ch, all_three); });
    CHECK(alert == AlertDescription::inappropriate_fallback);
    CHECK(sentence.find("RFC 7507") != std::string::npos);
    // A server whose highest version is the client's: the retry is the best it can do.
    CHECK_NOTHROW(check_fallback_scsv(ch, {tls10_version, tls11_version}));
    // Without the SCSV, a lower version is an ordinary negotiation.
    ch.cipher_suites = {0x002F};
    CHECK_NOTHROW(check_fallback_scsv(ch, all_three));
}

TEST_CASE("RFC 8446 §4.1.3: a TLS 1.2 server choosing less writes DOWNGRD 00; a TLS 1.2 client refuses it") {
    Random r{};
    CHECK(set_downgrade_sentinel(r, tls11_version, all_three));
    CHECK(std::equal(r.end() - 8, r.end(), downgrade_sentinel_tls11.begin()));
    const auto [alert, sentence] = refusal([&] { check_downgrade_sentinel(r, tls11_version, all_three); });
    CHECK(alert == AlertDescription::illegal_parameter);
    CHECK(sentence.find("RFC 8446 §4.1.3") != std::string::npos);
    // A client whose highest version is TLS 1.1 expects exactly this answer.
    CHECK_NOTHROW(check_downgrade_sentinel(r, tls11_version, {tls10_version, tls11_version}));

    Random untouched{};
    CHECK_FALSE(set_downgrade_sentinel(untouched, tls12_version, all_three));                     // no downgrade
    CHECK_FALSE(set_downgrade_sentinel(untouched, tls11_version, {tls10_version, tls11_version}));  // cannot do 1.2
    CHECK(untouched == Random{});
}

TEST_CASE("version labels: TLS 1.0\u20131.2, TLSv1.1 as the flags spell it") {
    CHECK(range_label(all_three) == "TLS 1.0\u20131.2");
    CHECK(range_label(only_12) == "TLS 1.2");
    CHECK(version_flag_name(tls10_version) == "TLSv1");
    CHECK(version_flag_name(tls11_version) == "TLSv1.1");
    CHECK(version_label(0x0304) == "0x0304");
}
