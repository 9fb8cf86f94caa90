#!/usr/bin/env bash
# TEST KEYS ONLY: makes tests/interop/data/sni-other.pem and sni-other.key, the second certificate
# of the SNI interop test (tests/interop/test_etm_sni.sh: `lucid server --servername other.example
# --cert2 ... --key2 ...`). A leaf for DNS:other.example issued by the demo intermediate CA
# (demo/intermediate.pem, whose key is public too), followed by the intermediate. The key is
# committed and public: never use it for anything but these tests.
#   tests/interop/data/make-sni-cert.sh        (run from anywhere; overwrites both files)
set -euo pipefail
cd "$(dirname "$0")"
demo=../../../demo
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl genrsa -out sni-other.key 2048 2>/dev/null
openssl req -new -key sni-other.key -subj "/O=lucidtls SNI test - TEST KEY ONLY/CN=other.example" -out "$tmp/req.csr"
cat >"$tmp/ext.cnf" <<'CNF'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:other.example
CNF
openssl x509 -req -in "$tmp/req.csr" -CA "$demo/intermediate.pem" -CAkey "$demo/intermediate.key" \
  -set_serial 0x5e1 -days 3650 -sha256 -extfile "$tmp/ext.cnf" -out "$tmp/leaf.pem" 2>/dev/null
cat "$tmp/leaf.pem" "$demo/intermediate.pem" >sni-other.pem
