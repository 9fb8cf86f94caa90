// x509/hostname: RFC 6125 host name checks.
#include <doctest/doctest.h>

#include "test_pki.h"
#include "x509/hostname.h"

using namespace lucid;
using namespace lucid::x509;

namespace {

Certificate leaf_with(std::vector<std::string> dns, std::vector<std::string> ips, const char* subject = "CN=localhost",
                      bool with_san = true) {
    CertificateSpec spec = test::leaf_spec(subject);
    spec.subject_alt_name = {};
    if (with_san) {
        spec.subject_alt_name.dns_names = dns;
        for (const auto& ip : ips) spec.subject_alt_name.ip_addresses.push_back(*parse_ip_address(ip));
    }
    return test::self_signed(spec, 2);
}

}  // namespace

TEST_CASE("RFC 6125 §6.4.1: DNS names compare case-insensitively, one trailing dot ignored") {
    CHECK(dns_name_matches("www.example.org", "www.example.org"));
    CHECK(dns_name_matches("WWW.Example.ORG", "www.example.org"));
    CHECK(dns_name_matches("www.example.org.", "www.example.org"));
    CHECK(dns_name_matches("www.example.org", "www.example.org."));
    CHECK_FALSE(dns_name_matches("www.example.org", "example.org"));
    CHECK_FALSE(dns_name_matches("www.example.org", "www.example.org.evil"));
    CHECK_FALSE(dns_name_matches("", "example.org"));
    CHECK_FALSE(dns_name_matches("www..example.org", "www..example.org"));
}

TEST_CASE("RFC 6125 §6.4.3: a wildcard is the whole leftmost label and matches exactly one label") {
    CHECK(dns_name_matches("*.example.org", "www.example.org"));
    CHECK(dns_name_matches("*.example.org", "WWW.EXAMPLE.ORG"));
    CHECK_FALSE(dns_name_matches("*.example.org", "example.org"));          // no label for '*'
    CHECK_FALSE(dns_name_matches("*.example.org", "a.b.example.org"));      // one label only
    CHECK_FALSE(dns_name_matches("w*.example.org", "www.example.org"));     // partial label
    CHECK_FALSE(dns_name_matches("*w.example.org", "www.example.org"));
    CHECK_FALSE(dns_name_matches("www.*.org", "www.example.org"));          // not leftmost
    CHECK_FALSE(dns_name_matches("*.*.org", "www.example.org"));
    CHECK_FALSE(dns_name_matches("*.org", "example.org"));                  // too broad
    CHECK_FALSE(dns_name_matches("*", "localhost"));
    CHECK_FALSE(dns_name_matches("www.example.org", "*.example.org"));      // a reference is never a pattern
    CHECK(dns_name_matches("*.xn--bcher-kva.example", "www.xn--bcher-kva.example"));  // A-labels as they are
}

TEST_CASE("RFC 6125 §6.4: a certificate matches through any one of its dNSName entries") {
    const Certificate c = leaf_with({"localhost", "*.lucid.test"}, {"127.0.0.1"});
    CHECK(matches_host(c, "localhost"));
    CHECK(matches_host(c, "LOCALHOST"));
    CHECK(matches_host(c, "api.lucid.test"));
    CHECK_FALSE(matches_host(c, "lucid.test"));
    const auto why = host_mismatch(c, "example.org");
    REQUIRE(why);
    CHECK(why->find("DNS:localhost, DNS:*.lucid.test, IP:127.0.0.1") != std::string::npos);
}

TEST_CASE("RFC 6125 §6.2.1: an IP address matches only an iPAddress entry, byte for byte") {
    const Certificate c = leaf_with({"127.0.0.1", "localhost"}, {"127.0.0.1", "::1"});
    CHECK(matches_host(c, "127.0.0.1"));
    CHECK(matches_host(c, "::1"));
    CHECK(matches_host(c, "[::1]"));
    CHECK(matches_host(c, "0:0:0:0:0:0:0:1"));
    CHECK_FALSE(matches_host(c, "127.0.0.2"));
    // A dNSName that reads like an address does not stand in for an iPAddress entry.
    const Certificate dns_only = leaf_with({"127.0.0.1"}, {});
    CHECK_FALSE(matches_host(dns_only, "127.0.0.1"));
    CHECK(host_mismatch(dns_only, "127.0.0.1")->find("only against iPAddress") != std::string::npos);
    // Nor does the CN.
    const Certificate cn_ip = leaf_with({}, {}, "CN=127.0.0.1", false);
    CHECK_FALSE(matches_host(cn_ip, "127.0.0.1"));
}

TEST_CASE("RFC 6125 §6.4.4: the CN is used only when there is no subjectAltName") {
    const Certificate no_san = leaf_with({}, {}, "CN=legacy.example.org,O=Old", false);
    CHECK(matches_host(no_san, "legacy.example.org"));
    CHECK_FALSE(matches_host(no_san, "other.example.org"));
    CHECK(host_mismatch(no_san, "other.example.org")->find("commonName \"legacy.example.org\"") != std::string::npos);
    const Certificate with_san = leaf_with({"www.example.org"}, {}, "CN=legacy.example.org");
    CHECK_FALSE(matches_host(with_san, "legacy.example.org"));
    CHECK(host_mismatch(with_san, "legacy.example.org")->find("not consulted") != std::string::npos);
    // A SAN with only an IP address still turns the CN off.
    const Certificate ip_san = leaf_with({}, {"10.0.0.1"}, "CN=legacy.example.org");
    CHECK_FALSE(matches_host(ip_san, "legacy.example.org"));
}
