#!/usr/bin/env bash
# ECDHE_RSA on X25519 (RFC 8422) and the AEAD suites (RFC 5288 AES-GCM, RFC 7905 ChaCha20-Poly1305)
# against real peers on loopback:
#   every suite added with them, both ways with OpenSSL, with the same master secret in both key
#   logs (lucid --keylog, openssl -keylogfile):
#     lucid client -> openssl s_server -www       openssl s_client -> lucid server --www
#   the ECDHE AEAD suites both ways with GnuTLS:
#     lucid client -> gnutls-serv --echo          gnutls-cli -> lucid server --www
#   curl with its default cipher list -> lucid server with its defaults: ECDHE with an AEAD.
#   tshark decrypts an ECDHE-GCM connection with lucid client's --keylog: the connection goes through
#   a recording relay (peers.py record-relay), `lucid illustrate --pcap` writes it as a capture
#   (tools/capture/pcap.h, no capture privileges needed), and tshark must find the HTTP request.
# Usage: test_ecdhe.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/interop/lib.sh"
require openssl gnutls-serv gnutls-cli curl
intermediate=$src/demo/intermediate.pem  # s_server sends only the first certificate of -cert

# OpenSSL name, IANA name, key exchange as OpenSSL's s_client prints the temp key ("-" for RSA).
new_suites=(
  "ECDHE-RSA-AES128-GCM-SHA256 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 X25519"
  "ECDHE-RSA-AES256-GCM-SHA384 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 X25519"
  "ECDHE-RSA-CHACHA20-POLY1305 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 X25519"
  "ECDHE-RSA-AES128-SHA256 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 X25519"
  "ECDHE-RSA-AES128-SHA TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA X25519"
  "ECDHE-RSA-AES256-SHA TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA X25519"
  "DHE-RSA-AES128-GCM-SHA256 TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 DH"
  "DHE-RSA-AES256-GCM-SHA384 TLS_DHE_RSA_WITH_AES_256_GCM_SHA384 DH"
  "DHE-RSA-CHACHA20-POLY1305 TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256 DH"
  "AES128-GCM-SHA256 TLS_RSA_WITH_AES_128_GCM_SHA256 -"
  "AES256-GCM-SHA384 TLS_RSA_WITH_AES_256_GCM_SHA384 -"
)
# OpenSSL name, IANA name, GnuTLS cipher, GnuTLS MAC (AEAD suites: the PRF hash).
gnutls_suites=(
  "ECDHE-RSA-AES128-GCM-SHA256 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 AES-128-GCM AEAD"
  "ECDHE-RSA-AES256-GCM-SHA384 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 AES-256-GCM AEAD"
  "ECDHE-RSA-CHACHA20-POLY1305 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 CHACHA20-POLY1305 AEAD"
)
ecdhe_priority() {  # GNUTLS_CIPHER GNUTLS_MAC
  echo "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+ECDHE-RSA:-CIPHER-ALL:+$1:-MAC-ALL:+$2:-GROUP-ALL:+GROUP-X25519"
}

# OpenSSL 3 has no RSA key transport, no SHA-1 MAC at its default security level for TLS 1.2
# servers; @SECLEVEL=0 keeps the comparison about the suite, not the policy.
lucid_client_to_openssl() {  # OPENSSL_NAME IANA_NAME KX
  rm -f "$work"/*.keys
  start_openssl_server s -www -cert "$cert" -cert_chain "$intermediate" -key "$key" -tls1_2 -cipher "$1:@SECLEVEL=0" \
    -naccept 1 -keylogfile "$work/openssl.keys" || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" \
    --cipher "$1" --keylog "$work/lucid.keys" >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop s
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  has "$work/client.err" "handshake complete: TLS 1.2 \(0x0303\), $2 " &&
    { [ "$3" != X25519 ] || has "$work/client.err" "ECDHE curve x25519"; } &&
    has "$work/client.out" "Cipher is $1([^0-9A-Z-]|\$)" &&
    same_master_secret "$work/lucid.keys" "$work/openssl.keys"
}

openssl_client_to_lucid() {  # OPENSSL_NAME IANA_NAME KX
  rm -f "$work"/*.keys
  start_lucid_server l --cert "$cert" --key "$key" --www --once --cipher "$2" --keylog "$work/lucid.keys" || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost \
    -tls1_2 -cipher "$1:@SECLEVEL=0" -CAfile "$ca" -verify_return_error -ign_eof -keylogfile "$work/openssl.keys" \
    >"$work/s_client.out" 2>"$work/s_client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  openssl s_client exited with $status"; return 1; }
  [ "$STATUS" -eq 0 ] || { echo "  lucid server exited with $STATUS"; return 1; }
  has "$work/s_client.out" "Cipher is $1([^0-9A-Z-]|\$)" &&
    { [ "$3" != X25519 ] || has "$work/s_client.out" "Server Temp Key: X25519, 253 bits"; } &&
    { [ "$3" != X25519 ] || has "$work/s_client.out" "Key exchange *: ECDHE_RSA: ephemeral x25519"; } &&
    same_master_secret "$work/lucid.keys" "$work/openssl.keys"
}

lucid_client_to_gnutls() {  # OPENSSL_NAME IANA_NAME GNUTLS_CIPHER GNUTLS_MAC
  exchange_lucid_client_to_gnutls "$(ecdhe_priority "$3" "$4")" "$1" "$2" &&
    has "$work/client.err" "handshake complete: TLS 1.2 \(0x0303\), $2 .*ECDHE curve x25519"
}

gnutls_client_to_lucid() {  # OPENSSL_NAME IANA_NAME GNUTLS_CIPHER GNUTLS_MAC
  exchange_gnutls_client_to_lucid "$(ecdhe_priority "$3" "$4")" &&
    has "$work/gnutls-cli.out" "Description: \(TLS1.2(-X.509)?\)-\(ECDHE-X25519\)-\(RSA-SHA256\)-\($3\)" &&
    has "$work/l.err" "connection 1 from 127.0.0.1:[0-9]+: TLS 1.2 \(0x0303\), $2 .*ECDHE curve x25519"
}

# Both sides with their defaults: curl (OpenSSL's default TLS 1.2 list) and lucid server.
curl_defaults_to_lucid() {
  start_lucid_server l --cert "$cert" --key "$key" --www --once || return 1
  timeout 20 curl -sS --max-time 15 --cacert "$ca" --resolve "localhost:$PORT:127.0.0.1" \
    --tlsv1.2 --tls-max 1.2 "https://localhost:$PORT/" >"$work/curl.out" 2>"$work/curl.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  curl exited with $status"; return 1; }
  [ "$STATUS" -eq 0 ] || { echo "  lucid server exited with $STATUS"; return 1; }
  has "$work/curl.out" "Cipher suite \(IANA\) *: TLS_ECDHE_RSA_WITH_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256) " &&
    has "$work/curl.out" "Key exchange *: ECDHE_RSA: ephemeral x25519" &&
    has "$work/curl.out" "Record protection *: .*AEAD"
}

# lucid client with its defaults against lucid server with its defaults: the first row.
lucid_defaults() {
  start_lucid_server l --cert "$cert" --key "$key" --www --once || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" \
    >"$work/client.out" 2>"$work/client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  has "$work/client.err" "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 .*ECDHE curve x25519"
}

tshark_decrypts() {
  rm -f "$work"/*.keys
  start_lucid_server l --cert "$cert" --key "$key" --www --once --cipher ECDHE-RSA-AES128-GCM-SHA256 || return 1
  start_python_peer r record-relay "127.0.0.1:$PORT" "$work/relay.txt" || return 1
  printf 'GET /tshark-was-here HTTP/1.0\r\n\r\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" \
    --keylog "$work/lucid.keys" >"$work/client.out" 2>"$work/client.err"
  local status=$?
  wait_exit r 10
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  { echo "# an ECDHE-RSA-AES128-GCM-SHA256 connection, recorded by tests/interop/peers.py record-relay"
    echo "Keylog = $(grep -m1 '^CLIENT_RANDOM ' "$work/lucid.keys")"
    cat "$work/relay.txt"; } >"$work/recording.txt"
  "$lucid" illustrate "$work/recording.txt" --pcap "$work/capture.pcap" 2>"$work/illustrate.err" ||
    { echo "  lucid illustrate --pcap failed"; return 1; }
  timeout 60 tshark -r "$work/capture.pcap" -o "tls.keylog_file:$work/lucid.keys" -Y http.request \
    -T fields -e tls.handshake.ciphersuite -e http.request.uri >"$work/tshark.out" 2>"$work/tshark.err"
  has "$work/tshark.out" "/tshark-was-here" &&
    { timeout 60 tshark -r "$work/capture.pcap" -Y "tls.handshake.ciphersuite == 0xc02f" -T fields -e frame.number \
        >"$work/tshark-suite.out" 2>>"$work/tshark.err"; has "$work/tshark-suite.out" "[0-9]"; }
}

for row in "${new_suites[@]}"; do
  read -r openssl_name iana_name kx <<<"$row"
  check "lucid client -> openssl s_server, $openssl_name, same master secret" lucid_client_to_openssl "$openssl_name" "$iana_name" "$kx"
  check "openssl s_client -> lucid server, $openssl_name, same master secret" openssl_client_to_lucid "$openssl_name" "$iana_name" "$kx"
done
for row in "${gnutls_suites[@]}"; do
  read -r openssl_name iana_name gnutls_cipher gnutls_mac <<<"$row"
  check "lucid client -> gnutls-serv, $openssl_name" lucid_client_to_gnutls "$openssl_name" "$iana_name" "$gnutls_cipher" "$gnutls_mac"
  check "gnutls-cli -> lucid server, $openssl_name" gnutls_client_to_lucid "$openssl_name" "$iana_name" "$gnutls_cipher" "$gnutls_mac"
done
check "curl (default ciphers) -> lucid server (defaults) negotiates ECDHE_RSA with an AEAD" curl_defaults_to_lucid
check "lucid client -> lucid server, both with defaults: ECDHE-RSA-AES128-GCM-SHA256 on x25519" lucid_defaults
if command -v tshark >/dev/null 2>&1; then
  check "tshark decrypts an ECDHE-GCM capture with lucid's key log" tshark_decrypts
else
  echo "skipped: tshark decrypting an ECDHE-GCM capture (tshark is not installed; scripts/setup.sh installs it)"
fi

finish
