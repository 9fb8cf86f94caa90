#!/usr/bin/env bash
# lucidtls against GnuTLS, for each of the four AES suites, both ways:
#   lucid client -> gnutls-serv --echo   (what we send comes back through the TLS connection)
#   gnutls-cli   -> lucid server --www   (gnutls-cli verifies the chain against demo/ca.pem)
# GnuTLS is told to speak only TLS 1.2 with RSA key exchange and the one suite under test.
# Usage: test_gnutls.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/interop/lib.sh"
require gnutls-serv gnutls-cli

lucid_client_to_gnutls() {  # OPENSSL_NAME IANA_NAME GNUTLS_CIPHER GNUTLS_MAC
  # -a: do not ask for a client certificate.
  start_gnutls_server g --echo -a --x509certfile "$cert" --x509keyfile "$key" --priority "$(gnutls_priority "$3" "$4")" || return 1
  printf 'hello from lucid over %s\n' "$1" | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" \
    --cipher "$2" --wait 0.5 >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop g
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  has "$work/client.err" "handshake complete: TLS 1.2 \(0x0303\), $2 " &&
    has "$work/client.out" "^hello from lucid over $1\$"
}

gnutls_client_to_lucid() {  # OPENSSL_NAME IANA_NAME GNUTLS_CIPHER GNUTLS_MAC
  start_lucid_server l --cert "$cert" --key "$key" --www --once || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 gnutls-cli --x509cafile "$ca" -p "$PORT" localhost \
    --priority "$(gnutls_priority "$3" "$4")" >"$work/gnutls-cli.out" 2>"$work/gnutls-cli.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  gnutls-cli exited with $status"; return 1; }
  [ "$STATUS" -eq 0 ] || { echo "  lucid server exited with $STATUS"; return 1; }
  has "$work/gnutls-cli.out" "Description: \(TLS1.2(-X.509)?\)-\(RSA\)-\($3\)-\($4\)" &&
    has "$work/gnutls-cli.out" "Cipher suite \(IANA\) *: $2 " &&
    has "$work/l.err" "connection 1 from 127.0.0.1:[0-9]+: TLS 1.2 \(0x0303\), $2 "
}

for row in "${suites[@]}"; do
  read -r openssl_name iana_name gnutls_cipher gnutls_mac <<<"$row"
  check "lucid client -> gnutls-serv, $openssl_name" lucid_client_to_gnutls "$openssl_name" "$iana_name" "$gnutls_cipher" "$gnutls_mac"
  check "gnutls-cli -> lucid server, $openssl_name" gnutls_client_to_lucid "$openssl_name" "$iana_name" "$gnutls_cipher" "$gnutls_mac"
done

finish
