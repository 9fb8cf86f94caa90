#!/usr/bin/env bash
# Regenerates the demo PKI in demo/ with lucid itself (`lucid cert`, our own RSA and X.509 code):
#   demo/ca.pem, ca.key                  the root CA (self-signed)
#   demo/intermediate.pem, .key          an intermediate CA, pathLenConstraint 0
#   demo/server.pem, server.key          a server for localhost and 127.0.0.1 (leaf + intermediate)
#   demo/client.pem, client.key          a client certificate, clientAuth (leaf + intermediate)
#   demo/broken/*.pem                    certificates broken on purpose, one rule each (see demo/README.md)
# Valid 2026-01-01 to 2036-01-01. Every key and serial comes from HMAC_DRBG over the seed, so the
# same seed gives the same bytes: the files in git are what this script makes with its default seed.
# THE KEYS ARE DEMO-ONLY: they are public and anyone can recompute them from the seed.
#
#   scripts/make-demo-pki.sh [OUT_DIR [SEED_HEX]]      (default: demo, the seed of "lucidtls demo")
#   LUCID=path/to/lucid scripts/make-demo-pki.sh ...  (default: build/tools/lucid, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-demo}
seed=${2:-6c75636964746c732064656d6f}  # "lucidtls demo" in hex
lucid=${LUCID:-build/tools/lucid}
if [ ! -x "$lucid" ]; then
  [ -f build/build.ninja ] || meson setup build >/dev/null
  meson compile -C build lucid >/dev/null
fi
mkdir -p "$out/broken"
from=2026-01-01T00:00:00Z
to=2036-01-01T00:00:00Z
org="O=lucidtls demo PKI - DEMO ONLY"
cert() { "$lucid" cert "$@" --seed "$seed" 2>/dev/null; }
valid=(--not-before "$from" --not-after "$to")

# The PKI a lesson trusts: root -> intermediate -> server / client.
cert ca --subject "CN=Lucid Demo Root CA,$org" "${valid[@]}" --out "$out/ca.pem" --key-out "$out/ca.key"
cert intermediate --subject "CN=Lucid Demo Intermediate CA,$org" "${valid[@]}" \
  --issuer "$out/ca.pem" --issuer-key "$out/ca.key" --out "$out/intermediate.pem" --key-out "$out/intermediate.key"
issued_by_intermediate=(--issuer "$out/intermediate.pem" --issuer-key "$out/intermediate.key" --chain "$out/intermediate.pem")
cert server --subject "CN=localhost,$org" --dns localhost --ip 127.0.0.1 "${valid[@]}" "${issued_by_intermediate[@]}" \
  --out "$out/server.pem" --key-out "$out/server.key"
cert client --subject "CN=Lucid Demo Client,$org" "${valid[@]}" "${issued_by_intermediate[@]}" \
  --out "$out/client.pem" --key-out "$out/client.key"

# Broken on purpose, each with the server's key so `lucid server --key demo/server.key` can serve it.
server_key=(--key "$out/server.key")
# RFC 5280 §6.1.3 (a)(2): validity ended in 2021.
cert server --subject "CN=localhost,$org" --dns localhost --ip 127.0.0.1 --not-before 2020-01-01T00:00:00Z \
  --not-after 2021-01-01T00:00:00Z "${issued_by_intermediate[@]}" "${server_key[@]}" --out "$out/broken/expired.pem"
# RFC 6125: names www.example.org only.
cert server --subject "CN=www.example.org,$org" --dns www.example.org "${valid[@]}" "${issued_by_intermediate[@]}" \
  "${server_key[@]}" --out "$out/broken/wrong-host.pem"
# RFC 5280 §6.1: issued by a CA nobody trusts (its root is in unknown-ca-root.pem, its key thrown away).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cert ca --subject "CN=Unknown Demo CA,O=nobody trusts this" "${valid[@]}" --out "$out/broken/unknown-ca-root.pem" \
  --key-out "$tmp/unknown.key"
cert server --subject "CN=localhost,$org" --dns localhost --ip 127.0.0.1 "${valid[@]}" --issuer "$out/broken/unknown-ca-root.pem" \
  --issuer-key "$tmp/unknown.key" "${server_key[@]}" --out "$out/broken/unknown-ca.pem"
# RFC 5280 §6.1.4 (k): the issuing "CA" has basicConstraints cA FALSE.
cert intermediate --not-a-ca --subject "CN=Lucid Demo Intermediate Without cA,$org" "${valid[@]}" \
  --issuer "$out/ca.pem" --issuer-key "$out/ca.key" --key "$out/intermediate.key" --out "$tmp/not-ca.pem"
cert server --subject "CN=localhost,$org" --dns localhost --ip 127.0.0.1 "${valid[@]}" --issuer "$tmp/not-ca.pem" \
  --issuer-key "$out/intermediate.key" --chain "$tmp/not-ca.pem" "${server_key[@]}" --out "$out/broken/not-a-ca.pem"
# RFC 5280 §6.1.3 (a)(1): one bit of the signature flipped.
cert server --subject "CN=localhost,$org" --dns localhost --ip 127.0.0.1 "${valid[@]}" "${issued_by_intermediate[@]}" \
  "${server_key[@]}" --corrupt-signature --out "$out/broken/bad-signature.pem"
echo "demo PKI written to $out/ (DEMO-ONLY keys)"
