#!/usr/bin/env bash
# `lucid asn1`, `lucid x509`, `lucid verify`, `lucid cert` and the PEM keys of `lucid genrsa` and
# `lucid rsa --key`, with OpenSSL as the independent judge: what lucid issues OpenSSL verifies,
# what lucid writes OpenSSL reads, and every broken demo certificate is rejected for its reason.
# Usage: test_x509.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/support/cli_assert.sh"

if ! command -v openssl >/dev/null; then
  echo "FAILED: openssl is not installed; it is the independent judge of this test"
  exit 1
fi
work=$(mktemp -d /tmp/lucid_test_x509.XXXXXX)
trap 'rm -rf "$work"' EXIT
demo=$src/demo
at=(--at 2027-06-01T00:00:00Z)

# --- The demo PKI in git: OpenSSL accepts it, lucid accepts it --------------------------------
expect_output "openssl verify accepts demo/server.pem (leaf + intermediate) under demo/ca.pem" "$demo/server.pem: OK" \
  openssl verify -CAfile "$demo/ca.pem" -untrusted "$demo/intermediate.pem" "$demo/server.pem"
expect_output "openssl verify accepts demo/server.pem for localhost / 127.0.0.1 as an SSL server" "$demo/server.pem: OK" \
  openssl verify -CAfile "$demo/ca.pem" -untrusted "$demo/intermediate.pem" -purpose sslserver \
  -verify_hostname localhost -verify_ip 127.0.0.1 "$demo/server.pem"
expect_output "openssl verify accepts demo/client.pem as an SSL client" "$demo/client.pem: OK" \
  openssl verify -CAfile "$demo/ca.pem" -untrusted "$demo/intermediate.pem" -purpose sslclient "$demo/client.pem"
for key in ca intermediate server client; do
  expect_match "openssl pkey -check accepts demo/$key.key (PKCS #8)" "Key is valid" \
    openssl pkey -check -noout -in "$demo/$key.key"
done
expect_match "lucid verify: demo/server.pem for localhost" "^$demo/server.pem: OK" \
  "$lucid" verify --CAfile "$demo/ca.pem" --host localhost "${at[@]}" "$demo/server.pem"
expect_match "lucid verify: demo/server.pem for 127.0.0.1" "depth 2: CN=Lucid Demo Root CA.*\(trust anchor\)" \
  "$lucid" verify --CAfile "$demo/ca.pem" --host 127.0.0.1 "${at[@]}" "$demo/server.pem"
expect_match "lucid verify: demo/client.pem for clientAuth" ": OK" \
  "$lucid" verify --CAfile "$demo/ca.pem" --purpose client "${at[@]}" "$demo/client.pem"
openssl x509 -in "$demo/server.pem" -out "$work/leaf-only.pem"
expect_match "lucid verify: the intermediate may also come from --untrusted" "depth 1: CN=Lucid Demo Intermediate CA" \
  "$lucid" verify --CAfile "$demo/ca.pem" --untrusted "$demo/intermediate.pem" "${at[@]}" "$work/leaf-only.pem"

# --- Each broken demo certificate, rejected for its one reason (exit 1) ------------------------
# expect_rejected NAME KIND PATTERN FILE [FLAGS...]: exit status 1, stdout names KIND and matches PATTERN.
expect_rejected() {
  local name=$1 kind=$2 pattern=$3 file=$4; shift 4
  local out status
  out=$("$lucid" verify --CAfile "$demo/ca.pem" "$@" "$file" 2>&1); status=$?
  if [ "$status" -eq 1 ] && printf '%s' "$out" | grep -qF "rejected ($kind)" && printf '%s' "$out" | grep -qE -- "$pattern"; then
    _ok
  else
    _bad "$name: status $status, output '$out'"
  fi
}
expect_rejected "RFC 5280 §6.1: without the intermediate there is no path" unknown_issuer \
  "depth 0 .* its issuer CN=Lucid Demo Intermediate CA" "$work/leaf-only.pem" "${at[@]}"
expect_rejected "RFC 5280 §6.1.3 (a)(2): broken/expired.pem" expired \
  "certificate at depth 0 \(CN=localhost,.*\) expired: notAfter 2021-01-01T00:00:00Z < 2027-06-01T00:00:00Z \(RFC 5280 §6.1.3 \(a\)\(2\)\)" \
  "$demo/broken/expired.pem" --host localhost "${at[@]}"
expect_rejected "RFC 6125: broken/wrong-host.pem for localhost" host_mismatch \
  "does not match the host name \"localhost\".*DNS:www.example.org" "$demo/broken/wrong-host.pem" --host localhost "${at[@]}"
expect_rejected "RFC 5280 §6.1: broken/unknown-ca.pem" unknown_issuer \
  "depth 0 .* its issuer CN=Unknown Demo CA" "$demo/broken/unknown-ca.pem" --host localhost "${at[@]}"
expect_rejected "RFC 5280 §6.1.4 (k): broken/not-a-ca.pem" not_a_ca \
  "depth 1 \(CN=Lucid Demo Intermediate Without cA.*basicConstraints cA is FALSE.*§6.1.4 \(k\)" \
  "$demo/broken/not-a-ca.pem" --host localhost "${at[@]}"
expect_rejected "RFC 5280 §6.1.3 (a)(1): broken/bad-signature.pem" bad_signature \
  "depth 0 \(CN=localhost.*has a bad signature" "$demo/broken/bad-signature.pem" --host localhost "${at[@]}"
expect_match "broken/wrong-host.pem is fine for its own name" ": OK" \
  "$lucid" verify --CAfile "$demo/ca.pem" --host www.example.org "${at[@]}" "$demo/broken/wrong-host.pem"
expect_rejected "the server certificate is not for clientAuth" wrong_purpose "is not for clientAuth" \
  "$demo/server.pem" --purpose client "${at[@]}"
expect_rejected "an IP address is not matched against DNS names" host_mismatch "iPAddress" \
  "$demo/server.pem" --host 127.0.0.2 "${at[@]}"
expect_rejected "before 2026 the demo is not yet valid" not_yet_valid "notBefore 2026-01-01T00:00:00Z > 2025-01-01T00:00:00Z" \
  "$demo/server.pem" --at 2025-01-01
expect_rejected "a file that is not DER is a malformed certificate" malformed "neither PEM .* nor DER" "$demo/README.md"
printf '\x30\x82\x01\x00\x02' > "$work/truncated.der"
expect_rejected "a DER file that does not parse is a malformed certificate, at an offset" malformed "offset" \
  "$work/truncated.der"
# OpenSSL agrees on the failures it can see.
expect_match "openssl also rejects broken/bad-signature.pem" "certificate signature failure" \
  bash -c "openssl verify -CAfile '$demo/ca.pem' -untrusted '$demo/intermediate.pem' '$demo/broken/bad-signature.pem' 2>&1; true"
expect_match "openssl also rejects broken/expired.pem" "certificate has expired" \
  bash -c "openssl verify -CAfile '$demo/ca.pem' -untrusted '$demo/intermediate.pem' '$demo/broken/expired.pem' 2>&1; true"

# --- scripts/make-demo-pki.sh makes exactly the demo/ in git ----------------------------------
LUCID=$lucid "$src/scripts/make-demo-pki.sh" "$work/demo" >/dev/null 2>&1
expect_output "scripts/make-demo-pki.sh with its default seed reproduces demo/ byte for byte" "same" \
  bash -c "diff -r -x README.md '$demo' '$work/demo' >/dev/null && echo same"

# --- lucid cert: a fresh PKI, checked by OpenSSL ----------------------------------------------
# Seeded, so that every run makes the same keys (see the note on key generation in the report).
seed=(--seed 7465737420706b69)
"$lucid" cert ca "${seed[@]}" --subject "CN=Test CA,O=lucid test" --bits 1024 --out "$work/ca.pem" --key-out "$work/ca.key" 2>/dev/null
"$lucid" cert intermediate "${seed[@]}" --subject "CN=Test Intermediate" --bits 1024 --issuer "$work/ca.pem" --issuer-key "$work/ca.key" \
  --out "$work/int.pem" --key-out "$work/int.key" 2>/dev/null
"$lucid" cert server "${seed[@]}" --subject "CN=test.example" --dns test.example --ip ::1 --bits 1024 --issuer "$work/int.pem" \
  --issuer-key "$work/int.key" --chain "$work/int.pem" --out "$work/srv.pem" --key-out "$work/srv.key" 2>/dev/null
expect_output "openssl verify accepts a chain lucid cert just made" "$work/srv.pem: OK" \
  openssl verify -CAfile "$work/ca.pem" -untrusted "$work/int.pem" -purpose sslserver -verify_hostname test.example \
  -verify_ip ::1 "$work/srv.pem"
expect_output "the new key file is mode 0600" "600" stat -c %a "$work/srv.key"
expect_match "openssl x509 reads the subjectAltName lucid wrote" "DNS:test.example, IP Address:0:0:0:0:0:0:0:1" \
  openssl x509 -in "$work/srv.pem" -noout -ext subjectAltName
expect_match "openssl x509 reads the key identifiers and the pathLenConstraint" "CA:TRUE, pathlen:0" \
  openssl x509 -in "$work/int.pem" -noout -ext basicConstraints
expect_output "the key in srv.key is the key in srv.pem" "same" bash -c \
  "[ \"\$(openssl pkey -in '$work/srv.key' -pubout)\" = \"\$(openssl x509 -in '$work/srv.pem' -noout -pubkey)\" ] && echo same"
expect_stderr "lucid cert needs a profile" 2 "give one profile" "$lucid" cert --subject CN=x --out "$work/x.pem"
expect_stderr "lucid cert names a bad --ip" 2 "not an IPv4 or IPv6 address" \
  "$lucid" cert server --subject CN=x --ip 1.2.3 --out "$work/x.pem" --key-out "$work/x.key"
expect_stderr "lucid cert needs an issuer for a leaf" 2 "missing --issuer" \
  "$lucid" cert server --subject CN=x --bits 512 --out "$work/x.pem" --key-out "$work/x.key"

# --- Keys: lucid genrsa writes PKCS #8 that openssl accepts; lucid rsa --key reads openssl's ---
"$lucid" genrsa --bits 1024 --seed 0a --out "$work/gen.key"
expect_match "openssl pkey -check accepts the PKCS #8 key of lucid genrsa" "Key is valid" openssl pkey -check -noout -in "$work/gen.key"
expect_match "lucid genrsa writes PEM to standard output by default" "^-----BEGIN PRIVATE KEY-----" \
  bash -c "\"$lucid\" genrsa --bits 512 --seed 0b | head -1"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$work/ossl.key" 2>/dev/null
openssl rsa -in "$work/ossl.key" -traditional -outform DER -out "$work/ossl-pkcs1.der" 2>/dev/null
openssl pkey -in "$work/ossl.key" -pubout -out "$work/ossl.pub" 2>/dev/null
printf 'lucid' > "$work/msg"
for form in "$work/ossl.key" "$work/ossl-pkcs1.der"; do
  sig=$("$lucid" rsa sign --key "$form" --hash sha256 "$work/msg")
  printf '%s' "$sig" | xxd -r -p > "$work/msg.sig"
  expect_match "openssl verifies what lucid rsa sign --key $(basename "$form") signed" "Verified OK" \
    openssl dgst -sha256 -verify "$work/ossl.pub" -signature "$work/msg.sig" "$work/msg"
done
openssl dgst -sha256 -sign "$work/gen.key" -out "$work/gen.sig" "$work/msg"
expect_output "lucid rsa verify --key (lucid's own PKCS #8 key) accepts openssl's signature" "OK" \
  "$lucid" rsa verify --key "$work/gen.key" --hash sha256 --sig "$(xxd -p "$work/gen.sig" | tr -d '\n')" "$work/msg"

# --- lucid x509 and lucid asn1 ------------------------------------------------------------------
expect_match "lucid x509 shows the subjectAltName" "subjectAltName: DNS:localhost, IP:127.0.0.1" "$lucid" x509 "$demo/server.pem"
expect_match "lucid x509 shows both certificates of a chain file" "Certificate 2 of 2" "$lucid" x509 "$demo/server.pem"
expect_match "lucid x509 shows basicConstraints of the intermediate" "basicConstraints \(critical\): cA TRUE, pathLenConstraint 0" \
  "$lucid" x509 "$demo/intermediate.pem"
expect_output "lucid x509 fingerprints agree with openssl" \
  "$(openssl x509 -in "$demo/ca.pem" -noout -fingerprint -sha256 | sed 's/.*=//' | tr 'A-F' 'a-f')" \
  bash -c "\"$lucid\" x509 '$demo/ca.pem' | sed -n 's/.*SHA-256 fingerprint: //p'"
expect_match "lucid asn1 names OIDs and decodes times" "UTCTime 260101000000Z  \(2026-01-01T00:00:00Z\)" "$lucid" asn1 "$demo/ca.pem"
expect_match "lucid asn1 opens the DER inside extension values" "OCTET STRING encapsulates:" "$lucid" asn1 "$demo/ca.pem"
openssl x509 -in "$demo/ca.pem" -outform DER -out "$work/ca.der"
openssl asn1parse -inform DER -in "$work/ca.der" | awk -F: '{print $1+0}' | sort -u > "$work/ossl-offsets"
"$lucid" asn1 "$work/ca.der" | awk 'NR > 1 {print $1}' | sort -u > "$work/lucid-offsets"
expect_output "lucid asn1 reads DER too, and shows every element openssl asn1parse shows, at the same offsets" "0 missing" \
  bash -c "echo \"\$(comm -23 '$work/ossl-offsets' '$work/lucid-offsets' | wc -l) missing\""
expect_match "... and more: the elements inside OCTET STRINGs and BIT STRINGs" "^[1-9]" \
  bash -c "comm -13 '$work/ossl-offsets' '$work/lucid-offsets' | wc -l"
printf '\x30\x80\x02\x01\x05\x00\x00' > "$work/ber.der"
expect_stderr "lucid asn1 stops at BER's indefinite length, naming the offset" 1 "offset 1: indefinite length" \
  "$lucid" asn1 "$work/ber.der"
printf '\x30\x04\x02\x02\x00\x05' > "$work/nonminimal.der"
expect_stderr "lucid asn1 stops at a non-minimal INTEGER, naming the offset" 1 "offset 4: INTEGER is not minimally encoded" \
  "$lucid" asn1 "$work/nonminimal.der"
expect_stderr "lucid x509 names the file that does not parse" 1 "README.md" "$lucid" x509 "$demo/README.md"
# Issue 10: a text file is "neither PEM nor DER", not a "BIT STRING in constructed form"; and
# asn1 and x509 answer the same bad file with the same exit status (1; 2 is for usage errors).
expect_stderr "lucid x509 says a text file is neither PEM nor DER" 1 "README.md: neither PEM \(no \"-----BEGIN\" line\) nor DER" \
  "$lucid" x509 "$demo/README.md"
expect_stderr "lucid asn1 says a text file is neither PEM nor DER" 1 "README.md: neither PEM \(no \"-----BEGIN\" line\) nor DER" \
  "$lucid" asn1 "$demo/README.md"
expect_stderr "lucid x509 on a PEM file without a certificate: exit status 1, naming what is missing" 1 "no CERTIFICATE block" \
  "$lucid" x509 "$demo/ca.key"
expect_stderr "lucid x509 and lucid asn1 on a missing file: a usage error (2)" 2 "no-such-file" "$lucid" x509 "$work/no-such-file"
expect_stderr "lucid asn1 on a missing file: the same usage error (2)" 2 "no-such-file" "$lucid" asn1 "$work/no-such-file"
expect_stderr "lucid asn1 on an empty file: neither PEM nor DER" 1 "the file is empty" "$lucid" asn1 /dev/null
# lucid cert refuses an issuer key that is not the issuer certificate's (it used to sign and exit 0).
expect_stderr "lucid cert: an --issuer-key that does not match --issuer is refused (RFC 5280 §6.1.3 (a)(1))" 2 \
  "does not match the issuer certificate's public key" \
  "$lucid" cert server --issuer "$demo/intermediate.pem" --issuer-key "$demo/ca.key" --subject CN=x \
  --key "$demo/server.key" --out "$work/mismatch.pem"
expect_status "lucid cert wrote nothing for the mismatched key" 1 test -e "$work/mismatch.pem"

finish
