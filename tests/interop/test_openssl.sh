#!/usr/bin/env bash
# lucidtls against OpenSSL, for each of the four AES suites, both ways:
#   lucid client  -> openssl s_server -www   (the page names the suite OpenSSL chose)
#   openssl s_client -> lucid server --www   (the certificate verifies against demo/ca.pem)
# (and the same two for the teaching suite NULL-SHA256)
# and in both directions the master secret lucid writes with --keylog equals the one OpenSSL
# writes with -keylogfile for the same connection.
# Usage: test_openssl.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/interop/lib.sh"
require openssl

lucid_client_to_openssl() {  # OPENSSL_NAME IANA_NAME [OPENSSL_CIPHER_STRING]
  rm -f "$work"/*.keys
  # demo/server.pem holds the leaf then the intermediate; s_server sends only the first of -cert.
  start_openssl_server s -www -cert "$cert" -cert_chain "$src/demo/intermediate.pem" -key "$key" \
    -tls1_2 -cipher "${3:-$1}" -naccept 1 \
    -keylogfile "$work/openssl.keys" || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" \
    --cipher "$1" --keylog "$work/lucid.keys" >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop s
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  has "$work/client.err" "handshake complete: TLS 1.2 \(0x0303\), $2 " &&
    has "$work/client.out" "Cipher is $1([^0-9]|\$)" &&
    same_master_secret "$work/lucid.keys" "$work/openssl.keys"
}

openssl_client_to_lucid() {  # OPENSSL_NAME IANA_NAME [OPENSSL_CIPHER_STRING]
  rm -f "$work"/*.keys
  start_lucid_server l --cert "$cert" --key "$key" --www --once --cipher "$2" \
    --keylog "$work/lucid.keys" || return 1
  # -ign_eof: keep reading after the request, until the server closes.
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost \
    -tls1_2 -cipher "${3:-$1}" -CAfile "$ca" -verify_return_error -ign_eof -keylogfile "$work/openssl.keys" \
    >"$work/s_client.out" 2>"$work/s_client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  openssl s_client exited with $status"; return 1; }
  [ "$STATUS" -eq 0 ] || { echo "  lucid server exited with $STATUS"; return 1; }
  has "$work/s_client.out" "Cipher is $1([^0-9]|\$)" &&
    has "$work/s_client.out" "Verify return code: 0 \(ok\)" &&
    has "$work/s_client.out" "Cipher suite \(IANA\) *: $2 " &&
    same_master_secret "$work/lucid.keys" "$work/openssl.keys"
}

# ECDHE_ECDSA needs an ECDSA certificate, which lucidtls does not have: no suite in common.
openssl_client_no_common_suite() {
  start_lucid_server l --cert "$cert" --key "$key" --www --once || return 1
  timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost -tls1_2 \
    -cipher ECDHE-ECDSA-AES128-GCM-SHA256 -CAfile "$ca" </dev/null >"$work/s_client.out" 2>"$work/s_client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -ne 0 ] || { echo "  openssl s_client succeeded"; return 1; }
  [ "$STATUS" -eq 1 ] || { echo "  lucid server exited with $STATUS, expected 1"; return 1; }
  has "$work/s_client.err" "alert handshake failure" &&
    has "$work/l.err" "we sent fatal alert handshake_failure"
}

for row in "${suites[@]}"; do
  read -r openssl_name iana_name _ _ <<<"$row"
  check "lucid client -> openssl s_server, $openssl_name, same master secret" lucid_client_to_openssl "$openssl_name" "$iana_name"
  check "openssl s_client -> lucid server, $openssl_name, same master secret" openssl_client_to_lucid "$openssl_name" "$iana_name"
done
# The teaching suite (records MACed, not encrypted): OpenSSL allows it only at security level 0.
check "lucid client -> openssl s_server, NULL-SHA256, same master secret" lucid_client_to_openssl NULL-SHA256 TLS_RSA_WITH_NULL_SHA256 "NULL-SHA256:@SECLEVEL=0"
check "openssl s_client -> lucid server, NULL-SHA256, same master secret" openssl_client_to_lucid NULL-SHA256 TLS_RSA_WITH_NULL_SHA256 "NULL-SHA256:@SECLEVEL=0"
check "openssl s_client with no suite in common gets handshake_failure" openssl_client_no_common_suite

finish
