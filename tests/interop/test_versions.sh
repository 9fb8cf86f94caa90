#!/usr/bin/env bash
# TLS 1.0 (RFC 2246) and 1.1 (RFC 4346) beside 1.2, and version negotiation (RFC 5246 Appendix E.1),
# against real peers on loopback. OpenSSL 3 needs @SECLEVEL=0 on both sides for TLS 1.0/1.1.
#   openssl s_client -tls1 / -tls1_1  -> lucid server --min-protocol TLSv1 --www (same master secret)
#   lucid client --tls1 / --tls1_1    -> openssl s_server -tls1 / -tls1_1 -www (same master secret)
#   lucid client --tls1 / --tls1_1    -> gnutls-serv +VERS-TLS1.0 / +VERS-TLS1.1 --echo
#   gnutls-cli +VERS-TLS1.0 / 1.1     -> lucid server --min-protocol TLSv1 --www
#   openssl s_client -tls1_1 -fallback_scsv -> lucid server --min-protocol TLSv1: inappropriate_fallback (RFC 7507)
#   lucid client (default, TLS 1.2 only) -> openssl s_server -tls1_1: protocol_version and the sentence
# Usage: test_versions.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/interop/lib.sh"
require openssl gnutls-serv gnutls-cli
intermediate=$src/demo/intermediate.pem  # s_server sends only the first certificate of -cert

# OpenSSL's flag and name of a version, lucid's flag, lucid's label, GnuTLS's priority name.
versions=(
  "tls1 TLSv1 --tls1 1.0 0x0301 VERS-TLS1.0"
  "tls1_1 TLSv1.1 --tls1_1 1.1 0x0302 VERS-TLS1.1"
)

openssl_client_to_lucid() {  # OPENSSL_FLAG OPENSSL_NAME LUCID_FLAG LABEL HEX
  rm -f "$work"/*.keys
  start_lucid_server l --cert "$cert" --key "$key" --www --once --min-protocol TLSv1 --keylog "$work/lucid.keys" || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost \
    "-$1" -cipher 'DEFAULT:@SECLEVEL=0' -CAfile "$ca" -verify_return_error -ign_eof -keylogfile "$work/openssl.keys" \
    >"$work/s_client.out" 2>"$work/s_client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  openssl s_client exited with $status"; return 1; }
  [ "$STATUS" -eq 0 ] || { echo "  lucid server exited with $STATUS"; return 1; }
  has "$work/s_client.out" "Protocol *: $2\$" &&
    has "$work/s_client.out" "Version decision *: client offers up to TLS $4; server allows TLS 1.0.1.2; chosen TLS $4, the highest both support" &&
    has "$work/l.err" "WARNING: .*RFC 8996" &&
    same_master_secret "$work/lucid.keys" "$work/openssl.keys"
}

lucid_client_to_openssl() {  # OPENSSL_FLAG OPENSSL_NAME LUCID_FLAG LABEL HEX
  rm -f "$work"/*.keys
  start_openssl_server s -www -cert "$cert" -cert_chain "$intermediate" -key "$key" "-$1" -cipher 'DEFAULT:@SECLEVEL=0' \
    -naccept 1 -keylogfile "$work/openssl.keys" || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" "$3" \
    --keylog "$work/lucid.keys" >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop s
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  has "$work/client.err" "handshake complete: TLS $4 \($5\)" &&
    has "$work/client.err" "New, $2, Cipher is" &&
    has "$work/client.out" "Protocol *: $2\$" &&
    same_master_secret "$work/lucid.keys" "$work/openssl.keys"
}

gnutls_priority_for() { echo "NORMAL:-VERS-ALL:+$1:%VERIFY_ALLOW_SIGN_WITH_SHA1"; }

lucid_client_to_gnutls() {  # OPENSSL_FLAG OPENSSL_NAME LUCID_FLAG LABEL HEX GNUTLS_VERS
  start_gnutls_server g --echo -a --x509certfile "$cert" --x509keyfile "$key" --priority "$(gnutls_priority_for "$6")" || return 1
  printf 'hello from lucid over TLS %s\n' "$4" | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" "$3" \
    --wait 0.5 >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop g
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  has "$work/client.err" "handshake complete: TLS $4 \($5\)" &&
    has "$work/client.out" "^hello from lucid over TLS $4\$"
}

gnutls_client_to_lucid() {  # OPENSSL_FLAG OPENSSL_NAME LUCID_FLAG LABEL HEX GNUTLS_VERS
  start_lucid_server l --cert "$cert" --key "$key" --www --once --min-protocol TLSv1 || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 gnutls-cli --x509cafile "$ca" -p "$PORT" localhost \
    --priority "$(gnutls_priority_for "$6")" >"$work/gnutls-cli.out" 2>"$work/gnutls-cli.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  gnutls-cli exited with $status"; return 1; }
  [ "$STATUS" -eq 0 ] || { echo "  lucid server exited with $STATUS"; return 1; }
  has "$work/gnutls-cli.out" "Protocol *: TLS $4"
}

# RFC 7507 §3: a fallback retry at TLS 1.1 to a server that speaks TLS 1.2.
fallback_scsv_refused() {
  start_lucid_server l --cert "$cert" --key "$key" --www --once --min-protocol TLSv1 || return 1
  timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost -tls1_1 -fallback_scsv \
    -cipher 'DEFAULT:@SECLEVEL=0' -CAfile "$ca" </dev/null >"$work/s_client.out" 2>"$work/s_client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -ne 0 ] || { echo "  openssl s_client succeeded"; return 1; }
  has "$work/s_client.err" "inappropriate fallback" &&
    has "$work/l.err" "RFC 7507.*inappropriate_fallback"
}

# RFC 8996 default: a lucid client (TLS 1.2 only) refuses a TLS 1.1-only server, naming the flag.
default_client_refuses_tls11() {
  start_openssl_server s -www -cert "$cert" -cert_chain "$intermediate" -key "$key" -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' \
    -naccept 1 || return 1
  timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" </dev/null >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop s
  [ "$status" -ne 0 ] || { echo "  lucid client succeeded"; return 1; }
  has "$work/client.err" "protocol_version" &&
    has "$work/client.err" "the server chose TLS 1.1; this client allows TLS 1.2 \(--min-protocol TLSv1.1 would allow it"
}

for v in "${versions[@]}"; do
  read -r oflag oname lflag label hex gvers <<<"$v"
  check "openssl s_client -$oflag -> lucid server --min-protocol TLSv1" openssl_client_to_lucid "$oflag" "$oname" "$lflag" "$label" "$hex"
  check "lucid client $lflag -> openssl s_server -$oflag" lucid_client_to_openssl "$oflag" "$oname" "$lflag" "$label" "$hex"
  check "lucid client $lflag -> gnutls-serv +$gvers" lucid_client_to_gnutls "$oflag" "$oname" "$lflag" "$label" "$hex" "$gvers"
  check "gnutls-cli +$gvers -> lucid server --min-protocol TLSv1" gnutls_client_to_lucid "$oflag" "$oname" "$lflag" "$label" "$hex" "$gvers"
done
check "openssl s_client -tls1_1 -fallback_scsv -> lucid server: inappropriate_fallback" fallback_scsv_refused
check "default lucid client -> openssl s_server -tls1_1: protocol_version" default_client_refuses_tls11
finish
