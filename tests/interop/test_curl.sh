#!/usr/bin/env bash
# curl -> lucid server --www, for each of the four AES suites: curl verifies the certificate
# against demo/ca.pem and the name "localhost", and shows the page describing the session.
# Usage: test_curl.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/interop/lib.sh"
require curl

curl_to_lucid() {  # OPENSSL_NAME IANA_NAME [ALPN]
  local alpn_flags=()
  [ -n "${3:-}" ] && alpn_flags=(--alpn "$3")
  start_lucid_server l --cert "$cert" --key "$key" --www --once "${alpn_flags[@]}" || return 1
  timeout 20 curl -sS --max-time 15 --cacert "$ca" --resolve "localhost:$PORT:127.0.0.1" \
    --tlsv1.2 --tls-max 1.2 --ciphers "$1" "https://localhost:$PORT/" >"$work/curl.out" 2>"$work/curl.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  curl exited with $status"; return 1; }
  [ "$STATUS" -eq 0 ] || { echo "  lucid server exited with $STATUS"; return 1; }
  has "$work/curl.out" "Cipher suite \(IANA\) *: $2 " &&
    has "$work/curl.out" "Cipher suite \(OpenSSL\) *: $1\$" &&
    has "$work/curl.out" "Server name \(SNI\) *: localhost" &&
    has "$work/curl.out" "GET / HTTP/1.1" &&
    { [ -z "${3:-}" ] || has "$work/curl.out" "ALPN protocol *: $3"; }
}

for row in "${suites[@]}"; do
  read -r openssl_name iana_name _ _ <<<"$row"
  check "curl -> lucid server --www, $openssl_name" curl_to_lucid "$openssl_name" "$iana_name"
done
# curl offers h2 and http/1.1 (RFC 7301); the server picks the one it supports.
check "curl -> lucid server --www --alpn http/1.1 negotiates http/1.1" curl_to_lucid AES128-SHA256 TLS_RSA_WITH_AES_128_CBC_SHA256 http/1.1

finish
