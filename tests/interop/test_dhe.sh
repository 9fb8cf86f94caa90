#!/usr/bin/env bash
# DHE_RSA (RFC 5246 §7.4.3, §8.1.2): lucidtls against OpenSSL and GnuTLS, for each of the four DHE
# suites, both ways:
#   lucid client -> openssl s_server -www       openssl s_client -> lucid server --www
#   lucid client -> gnutls-serv --echo          gnutls-cli -> lucid server --www
# with the same master secret in both key logs for the OpenSSL pairs. Then the group rules:
#   a server offering a 1024-bit group (RFC 2409 group 2, tests/interop/data/) is refused by lucid
#   client with handshake_failure and a sentence, and accepted with --allow-weak-dh (OpenSSL's
#   s_server and lucid server --dhparam as the weak servers); lucid server --dhparam with ffdhe3072.
# Usage: test_dhe.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/interop/lib.sh"
require openssl gnutls-serv gnutls-cli
intermediate=$src/demo/intermediate.pem  # s_server sends only the first certificate of -cert
weak_group=$src/tests/interop/data/dh1024-rfc2409-group2.pem

# OpenSSL name, IANA name, GnuTLS cipher, GnuTLS MAC.
dhe_suites=(
  "DHE-RSA-AES128-SHA TLS_DHE_RSA_WITH_AES_128_CBC_SHA AES-128-CBC SHA1"
  "DHE-RSA-AES256-SHA TLS_DHE_RSA_WITH_AES_256_CBC_SHA AES-256-CBC SHA1"
  "DHE-RSA-AES128-SHA256 TLS_DHE_RSA_WITH_AES_128_CBC_SHA256 AES-128-CBC SHA256"
  "DHE-RSA-AES256-SHA256 TLS_DHE_RSA_WITH_AES_256_CBC_SHA256 AES-256-CBC SHA256"
)
dhe_priority() {  # GNUTLS_CIPHER GNUTLS_MAC
  echo "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+DHE-RSA:-CIPHER-ALL:+$1:-MAC-ALL:+$2"
}

lucid_client_to_openssl() {  # OPENSSL_NAME IANA_NAME
  rm -f "$work"/*.keys
  start_openssl_server s -www -cert "$cert" -cert_chain "$intermediate" -key "$key" -tls1_2 -cipher "$1" \
    -naccept 1 -keylogfile "$work/openssl.keys" || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" \
    --cipher "$1" --keylog "$work/lucid.keys" >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop s
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  has "$work/client.err" "handshake complete: TLS 1.2 \(0x0303\), $2 .*DHE group modp2048 \(2048 bits\)" &&
    has "$work/client.out" "Cipher is $1([^0-9]|\$)" &&
    same_master_secret "$work/lucid.keys" "$work/openssl.keys"
}

openssl_client_to_lucid() {  # OPENSSL_NAME IANA_NAME
  rm -f "$work"/*.keys
  start_lucid_server l --cert "$cert" --key "$key" --www --once --cipher "$2" --keylog "$work/lucid.keys" || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost \
    -tls1_2 -cipher "$1" -CAfile "$ca" -verify_return_error -ign_eof -keylogfile "$work/openssl.keys" \
    >"$work/s_client.out" 2>"$work/s_client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  openssl s_client exited with $status"; return 1; }
  [ "$STATUS" -eq 0 ] || { echo "  lucid server exited with $STATUS"; return 1; }
  has "$work/s_client.out" "Server Temp Key: DH, 2048 bits" &&
    has "$work/s_client.out" "Cipher is $1([^0-9]|\$)" &&
    has "$work/s_client.out" "Key exchange *: DHE_RSA: ephemeral Diffie-Hellman, ffdhe2048" &&
    same_master_secret "$work/lucid.keys" "$work/openssl.keys"
}

lucid_client_to_gnutls() {  # OPENSSL_NAME IANA_NAME GNUTLS_CIPHER GNUTLS_MAC
  exchange_lucid_client_to_gnutls "$(dhe_priority "$3" "$4")" "$1" "$2" &&
    has "$work/client.err" "handshake complete: TLS 1.2 \(0x0303\), $2 .*DHE group ffdhe2048 \(2048 bits\)"
}

gnutls_client_to_lucid() {  # OPENSSL_NAME IANA_NAME GNUTLS_CIPHER GNUTLS_MAC
  exchange_gnutls_client_to_lucid "$(dhe_priority "$3" "$4")" &&
    has "$work/gnutls-cli.out" "Description: \(TLS1.2(-X.509)?\)-\(DHE-FFDHE2048\)-\(RSA-SHA256\)-\($3\)-\($4\)" &&
    has "$work/l.err" "connection 1 from 127.0.0.1:[0-9]+: TLS 1.2 \(0x0303\), $2 .*DHE group ffdhe2048"
}


weak_group_openssl() {
  # @SECLEVEL=0: OpenSSL 3 itself refuses to serve a 1024-bit group at its default level.
  start_openssl_server s -www -cert "$cert" -cert_chain "$intermediate" -key "$key" -tls1_2 \
    -cipher 'DHE-RSA-AES128-SHA:@SECLEVEL=0' -dhparam "$weak_group" -naccept 2 || return 1
  timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" --cipher DHE-RSA-AES128-SHA </dev/null \
    >"$work/refused.out" 2>"$work/refused.err"
  local refused=$?
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" \
    --cipher DHE-RSA-AES128-SHA --allow-weak-dh >"$work/lab.out" 2>"$work/lab.err"
  local lab=$?
  stop s
  [ "$refused" -eq 1 ] || { echo "  lucid client exited with $refused, expected 1"; return 1; }
  [ "$lab" -eq 0 ] || { echo "  lucid client --allow-weak-dh exited with $lab"; return 1; }
  has "$work/refused.err" "the server offered a 1024-bit Diffie-Hellman group; at least 2048 bits are required.*\[we sent fatal alert handshake_failure\]" &&
    has "$work/refused.err" "--allow-weak-dh accepts such a group" &&
    has "$work/s.err" "alert handshake failure" &&
    has "$work/lab.err" "WARNING: --allow-weak-dh" &&
    has "$work/lab.err" "DHE group server-chosen \(1024 bits\)" &&
    has "$work/lab.out" "Cipher is DHE-RSA-AES128-SHA"
}

weak_group_lucid() {
  # --ffdhe-groups none: a client that lists no RFC 7919 group gets the server's own (RFC 7919 §4).
  start_lucid_server l --cert "$cert" --key "$key" --www --max-connections 2 --dhparam "$weak_group" || return 1
  timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" --cipher DHE-RSA-AES256-SHA256 --ffdhe-groups none </dev/null \
    >"$work/refused.out" 2>"$work/refused.err"
  local refused=$?
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" \
    --cipher DHE-RSA-AES256-SHA256 --ffdhe-groups none --allow-weak-dh >"$work/lab.out" 2>"$work/lab.err"
  local lab=$?
  wait_exit l 10
  [ "$refused" -eq 1 ] || { echo "  lucid client exited with $refused, expected 1"; return 1; }
  [ "$lab" -eq 0 ] || { echo "  lucid client --allow-weak-dh exited with $lab"; return 1; }
  has "$work/l.err" "WARNING: --dhparam .* is a 1024-bit group" &&
    has "$work/l.err" "connection 1 from .*\[the client sent fatal alert handshake_failure\]" &&
    has "$work/refused.err" "1024-bit Diffie-Hellman group" &&
    has "$work/lab.out" "Key exchange *: DHE_RSA: ephemeral Diffie-Hellman, --dhparam .* \(1024 bits\)"
}

dhparam_ffdhe3072() {
  openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe3072 -out "$work/ffdhe3072.pem" 2>/dev/null ||
    { echo "  openssl genpkey failed"; return 1; }
  start_lucid_server l --cert "$cert" --key "$key" --www --once --dhparam "$work/ffdhe3072.pem" || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost \
    -tls1_2 -cipher DHE-RSA-AES128-SHA256 -CAfile "$ca" -verify_return_error -ign_eof \
    >"$work/s_client.out" 2>"$work/s_client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  openssl s_client exited with $status"; return 1; }
  has "$work/s_client.out" "Server Temp Key: DH, 3072 bits" &&
    has "$work/l.err" "DHE group ffdhe3072 \(3072 bits\)"
}

for row in "${dhe_suites[@]}"; do
  read -r openssl_name iana_name gnutls_cipher gnutls_mac <<<"$row"
  check "lucid client -> openssl s_server, $openssl_name, same master secret" lucid_client_to_openssl "$openssl_name" "$iana_name"
  check "openssl s_client -> lucid server, $openssl_name, same master secret" openssl_client_to_lucid "$openssl_name" "$iana_name"
  check "lucid client -> gnutls-serv, $openssl_name" lucid_client_to_gnutls "$openssl_name" "$iana_name" "$gnutls_cipher" "$gnutls_mac"
  check "gnutls-cli -> lucid server, $openssl_name" gnutls_client_to_lucid "$openssl_name" "$iana_name" "$gnutls_cipher" "$gnutls_mac"
done
check "openssl s_server with a 1024-bit group: refused by lucid client, accepted with --allow-weak-dh" weak_group_openssl
check "lucid server --dhparam 1024-bit: refused by lucid client, accepted with --allow-weak-dh" weak_group_lucid
check "lucid server --dhparam ffdhe3072 -> openssl s_client sees a 3072-bit group" dhparam_ffdhe3072

finish
