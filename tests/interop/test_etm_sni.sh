#!/usr/bin/env bash
# Encrypt-then-MAC (RFC 7366) and server name indication (RFC 6066 §3) against real peers on
# loopback, one connection per case:
#   ETM on and off, both directions, with OpenSSL and GnuTLS (AES128-SHA256, a CBC suite). That ETM
#   was negotiated is read from the peer (`openssl s_client -tlsextdebug` prints the server's
#   encrypt-then-mac extension; gnutls-cli prints "EtM" among its options) and from lucid's own
#   summary line / --www page; the data exchanged proves both record layouts agree.
#   openssl s_client -servername picks the certificate of `lucid server --servername NAME --cert2
#   --key2` (and of the repeatable --sni-cert NAME:CERT:KEY); with --strict-sni an unknown name gets unrecognized_name (112); a host_name with a
#   trailing dot gets illegal_parameter (47).
#   --require-ems (RFC 7627 §5.2) refuses a GnuTLS peer told not to send the extension
#   (%NO_SESSION_HASH), on either side, with handshake_failure.
# Usage: test_etm_sni.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/interop/lib.sh"
require openssl gnutls-serv gnutls-cli
intermediate=$src/demo/intermediate.pem
cert2=$src/tests/interop/data/sni-other.pem  # TEST KEY ONLY, made by make-sni-cert.sh
key2=$src/tests/interop/data/sni-other.key
suite=AES128-SHA256
iana=TLS_RSA_WITH_AES_128_CBC_SHA256
gnutls_cbc="NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+RSA:-CIPHER-ALL:+AES-128-CBC:-MAC-ALL:+SHA256"

# openssl s_client [FLAGS] -> lucid server --www; ETM=yes|no is what both must report.
openssl_client_to_lucid() {  # yes|no [s_client flags...]
  local etm=$1; shift
  start_lucid_server l --cert "$cert" --key "$key" --www --once --cipher "$iana" || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost \
    -tls1_2 -cipher "$suite:@SECLEVEL=0" -CAfile "$ca" -verify_return_error -ign_eof -tlsextdebug "$@" \
    >"$work/s_client.out" 2>"$work/s_client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  openssl s_client exited with $status"; return 1; }
  [ "$STATUS" -eq 0 ] || { echo "  lucid server exited with $STATUS"; return 1; }
  has "$work/s_client.out" "Encrypt-then-MAC *: $etm" || return 1
  if [ "$etm" = yes ]; then has "$work/s_client.out" 'TLS server extension "encrypt-then-mac" \(id=22\)'
  else ! grep -q 'encrypt-then-mac' "$work/s_client.out" || { echo "  the server answered encrypt-then-mac"; return 1; }; fi
}

# lucid client [FLAGS] -> openssl s_server -www [SERVER FLAGS]
lucid_client_to_openssl() {  # yes|no "lucid flags" "s_server flags"
  start_openssl_server s -www -cert "$cert" -cert_chain "$intermediate" -key "$key" -tls1_2 \
    -cipher "$suite:@SECLEVEL=0" -naccept 1 $3 || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" --cipher "$suite" $2 \
    >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop s
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  has "$work/client.out" "Cipher is $suite" || return 1
  if [ "$1" = yes ]; then has "$work/client.err" "handshake complete: .*$iana.*, encrypt-then-MAC"
  else has "$work/client.err" "handshake complete: .*$iana" && ! grep -q "encrypt-then-MAC" "$work/client.err"; fi
}

gnutls_client_to_lucid() {  # yes|no PRIORITY
  exchange_gnutls_client_to_lucid "$2" || return 1
  has "$work/gnutls-cli.out" "Encrypt-then-MAC *: $1" || return 1
  if [ "$1" = yes ]; then has "$work/gnutls-cli.out" "Options:.*EtM"
  else ! grep -qE "Options:.*EtM" "$work/gnutls-cli.out" || { echo "  gnutls-cli reports EtM"; return 1; }; fi
}

lucid_client_to_gnutls() {  # yes|no PRIORITY "lucid flags"
  start_gnutls_server g --echo -a --x509certfile "$cert" --x509keyfile "$key" --priority "$2" || return 1
  printf 'hello over etm=%s\n' "$1" | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" \
    --cipher "$iana" --wait 0.5 $3 >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop g
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  has "$work/client.out" "^hello over etm=$1\$" || return 1
  if [ "$1" = yes ]; then has "$work/client.err" "handshake complete: .*, encrypt-then-MAC"
  else ! grep -q "encrypt-then-MAC" "$work/client.err" || { echo "  ETM negotiated"; return 1; }; fi
}

# openssl s_client -servername NAME -> lucid server with a second certificate for other.example.
sni_client() {  # NAME "lucid flags" -> $work/s_client.out, STATUS of s_client in SNI_STATUS
  start_lucid_server l --cert "$cert" --key "$key" --www --once --servername other.example \
    --cert2 "$cert2" --key2 "$key2" $2 || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername "$1" \
    -tls1_2 -CAfile "$ca" -ign_eof >"$work/s_client.out" 2>"$work/s_client.err"
  SNI_STATUS=$?
  wait_exit l 10
}

sni_picks() {  # NAME EXPECTED_CN
  sni_client "$1" "" || return 1
  [ "$SNI_STATUS" -eq 0 ] || { echo "  openssl s_client exited with $SNI_STATUS"; return 1; }
  has "$work/s_client.out" "^subject=.*CN ?= ?$2\$" && has "$work/s_client.out" "Verify return code: 0 \(ok\)"
}

# --sni-cert NAME:CERT:KEY, the repeatable form, given twice: each name gets its certificate.
sni_cert_picks() {  # NAME EXPECTED_CN
  start_lucid_server l --cert "$cert" --key "$key" --www --once --sni-cert "other.example:$cert2:$key2" \
    --sni-cert "third.example:$cert2:$key2" || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername "$1" \
    -tls1_2 -CAfile "$ca" -ign_eof >"$work/s_client.out" 2>"$work/s_client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  openssl s_client exited with $status"; return 1; }
  has "$work/s_client.out" "^subject=.*CN ?= ?$2\$"
}

sni_refused() {  # NAME "lucid flags" ALERT_NUMBER ALERT_TEXT
  sni_client "$1" "$2" || return 1
  [ "$SNI_STATUS" -ne 0 ] || { echo "  openssl s_client succeeded"; return 1; }
  has "$work/s_client.err" "alert $4|alert number $3" && has "$work/l.err" "$4"
}

# --require-ems against a GnuTLS peer without extended_master_secret: handshake_failure.
ems_required_by_server() {
  start_lucid_server l --cert "$cert" --key "$key" --www --once --require-ems || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 gnutls-cli --x509cafile "$ca" -p "$PORT" localhost \
    --priority "$gnutls_cbc:%NO_SESSION_HASH" >"$work/gnutls-cli.out" 2>"$work/gnutls-cli.err"
  local status=$?
  wait_exit l 10
  [ "$status" -ne 0 ] || { echo "  gnutls-cli succeeded"; return 1; }
  has "$work/l.err" "handshake_failure" && has "$work/l.err" "require-ems"
}

ems_required_by_client() {
  start_gnutls_server g --echo -a --x509certfile "$cert" --x509keyfile "$key" --priority "$gnutls_cbc:%NO_SESSION_HASH" || return 1
  echo hello | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" --cipher "$iana" --require-ems --wait 0.5 \
    >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop g
  [ "$status" -eq 1 ] || { echo "  lucid client exited with $status, not 1"; return 1; }
  has "$work/client.err" "handshake_failure" && has "$work/client.err" "require-ems"
}

check "openssl s_client -> lucid server, $suite, ETM on (both report it)" openssl_client_to_lucid yes
check "openssl s_client -no_etm -> lucid server, $suite, ETM off" openssl_client_to_lucid no -no_etm
check "lucid client -> openssl s_server, $suite, ETM on" lucid_client_to_openssl yes "" ""
check "lucid client --no-etm -> openssl s_server, $suite, ETM off" lucid_client_to_openssl no --no-etm ""
check "lucid client -> openssl s_server -no_etm, $suite, ETM off" lucid_client_to_openssl no "" -no_etm
check "gnutls-cli -> lucid server, $suite, ETM on" gnutls_client_to_lucid yes "$gnutls_cbc"
check "gnutls-cli %NO_ETM -> lucid server, $suite, ETM off" gnutls_client_to_lucid no "$gnutls_cbc:%NO_ETM"
check "lucid client -> gnutls-serv, $suite, ETM on" lucid_client_to_gnutls yes "$gnutls_cbc" ""
check "lucid client -> gnutls-serv %NO_ETM, $suite, ETM off" lucid_client_to_gnutls no "$gnutls_cbc:%NO_ETM" ""
check "openssl s_client -servername other.example gets the --cert2 certificate" sni_picks other.example other.example
check "openssl s_client -servername localhost gets the --cert certificate" sni_picks localhost localhost
check "--sni-cert (repeatable): openssl s_client -servername third.example gets its certificate" \
  sni_cert_picks third.example other.example
check "--sni-cert (repeatable): openssl s_client -servername localhost gets the --cert certificate" \
  sni_cert_picks localhost localhost
check "--strict-sni: openssl s_client -servername unknown.example gets unrecognized_name" \
  sni_refused unknown.example --strict-sni 112 "unrecognized.name"
check "openssl s_client -servername 'other.example.' (trailing dot) gets illegal_parameter" \
  sni_refused other.example. "" 47 "illegal.parameter"
check "lucid server --require-ems refuses gnutls-cli %NO_SESSION_HASH with handshake_failure" ems_required_by_server
check "lucid client --require-ems refuses gnutls-serv %NO_SESSION_HASH with handshake_failure" ems_required_by_client

finish
