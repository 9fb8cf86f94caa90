#!/usr/bin/env bash
# Negotiated FFDHE groups (RFC 7919) and the anonymous DH lab (TLS_DH_anon), against real peers:
#   gnutls-cli with one FFDHE group in its priority -> lucid server: that group is used (§4)
#   lucid client --ffdhe-groups ffdhe4096 -> gnutls-serv: GnuTLS picks the group we listed
#   lucid client -> openssl s_server -dhparam ffdhe3072: the client sees one of its groups (§3);
#     with --ffdhe-groups ffdhe4096 it refuses ffdhe3072 (illegal_parameter): OpenSSL's TLS 1.2
#     server ignores the client's FFDHE groups; its default group (RFC 3526 modp2048) is "custom"
#   DH_anon both ways with OpenSSL (ADH-AES128-SHA at @SECLEVEL=0), and refused without the flag.
#   (s_server -nocert without -dhparam serves a 1024-bit group there: refused, so it gets ffdhe2048.)
# Usage: test_ffdhe_anon.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/interop/lib.sh"
require openssl gnutls-serv gnutls-cli
intermediate=$src/demo/intermediate.pem
adh='ADH-AES128-SHA:@SECLEVEL=0'

gnutls_client_gets_ffdhe3072() {
  exchange_gnutls_client_to_lucid 'NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+DHE-RSA:-GROUP-ALL:+GROUP-FFDHE3072' &&
    has "$work/gnutls-cli.out" "\(DHE-FFDHE3072\)" &&
    has "$work/l.err" "connection 1 from 127.0.0.1:[0-9]+: TLS 1.2 \(0x0303\), TLS_DHE_RSA_.*DHE group ffdhe3072 \(3072 bits\)"
}

lucid_client_asks_gnutls_for_ffdhe4096() {
  start_gnutls_server g --echo -a --x509certfile "$cert" --x509keyfile "$key" \
    --priority 'NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+DHE-RSA' || return 1
  printf 'hello\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" --cipher DHE-RSA-AES128-GCM-SHA256 \
    --ffdhe-groups ffdhe4096 --trace --wait 0.5 >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop g
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  has "$work/client.err" "the server's p and g are ffdhe4096 \(258\), one of the groups we offered" &&
    has "$work/client.err" "handshake complete: .*DHE group ffdhe4096 \(4096 bits\)"
}

lucid_client_checks_openssl_group() {
  openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe3072 -out "$work/ffdhe3072.pem" 2>/dev/null ||
    { echo "  openssl genpkey failed"; return 1; }
  start_openssl_server s -www -cert "$cert" -cert_chain "$intermediate" -key "$key" -tls1_2 \
    -cipher DHE-RSA-AES128-SHA256 -dhparam "$work/ffdhe3072.pem" -naccept 2 || return 1
  timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" --cipher DHE-RSA-AES128-SHA256 --trace </dev/null \
    >"$work/asked.out" 2>"$work/asked.err"
  local asked=$?
  timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" --cipher DHE-RSA-AES128-SHA256 \
    --ffdhe-groups ffdhe4096 </dev/null >"$work/refused.out" 2>"$work/refused.err"
  local refused=$?
  stop s
  [ "$asked" -eq 0 ] || { echo "  lucid client exited with $asked"; return 1; }
  [ "$refused" -eq 1 ] || { echo "  lucid client --ffdhe-groups ffdhe4096 exited with $refused, expected 1"; return 1; }
  has "$work/asked.err" "the server's p and g are ffdhe3072 \(257\), one of the groups we offered" &&
    has "$work/refused.err" "the server chose ffdhe3072 \(257\), which the client did not list in supported_groups.*illegal_parameter"
}

lucid_client_to_openssl_default_group() {
  start_openssl_server s -www -cert "$cert" -cert_chain "$intermediate" -key "$key" -tls1_2 \
    -cipher DHE-RSA-AES128-SHA256 -naccept 1 || return 1
  timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" --cipher DHE-RSA-AES128-SHA256 --trace </dev/null \
    >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop s
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  has "$work/client.err" "not one of the RFC 7919 groups \(a custom group\): accepted because p has 2048 bits"
}

lucid_client_to_openssl_anon() {
  # Without -dhparam, s_server -nocert at @SECLEVEL=0 uses a 1024-bit group, which lucid refuses (Logjam).
  openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out "$work/ffdhe2048.pem" 2>/dev/null ||
    { echo "  openssl genpkey failed"; return 1; }
  start_openssl_server s -www -nocert -tls1_2 -cipher "$adh" -dhparam "$work/ffdhe2048.pem" -naccept 1 || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 "$lucid" client "localhost:$PORT" --servername localhost \
    --lab-anonymous --cipher ADH-AES128-SHA --trace >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop s
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  has "$work/client.err" "WARNING: --lab-anonymous" &&
    has "$work/client.err" "WARNING: anonymous Diffie-Hellman" &&
    has "$work/client.err" "the server's p and g are ffdhe2048 \(256\), one of the groups we offered" &&
    has "$work/client.err" "handshake complete: TLS 1.2 \(0x0303\), TLS_DH_anon_WITH_AES_128_CBC_SHA" &&
    has "$work/client.out" "Cipher is ADH-AES128-SHA"
}

openssl_client_to_lucid_anon() {
  start_lucid_server l --cert "$cert" --key "$key" --www --once --lab-anonymous --cipher ADH-AES128-SHA --trace || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -tls1_2 -cipher "$adh" \
    -ign_eof >"$work/s_client.out" 2>"$work/s_client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  openssl s_client exited with $status"; return 1; }
  [ "$STATUS" -eq 0 ] || { echo "  lucid server exited with $STATUS"; return 1; }
  has "$work/s_client.out" "Cipher is ADH-AES128-SHA" &&
    has "$work/s_client.out" "no peer certificate available" &&
    has "$work/s_client.out" "DH_anon \(lab\): ephemeral Diffie-Hellman" &&
    has "$work/l.err" "WARNING: anonymous Diffie-Hellman"
}

anon_refused_without_flag() {
  timeout 20 "$lucid" client "localhost:1" --servername localhost --cipher ADH-AES128-SHA </dev/null \
    >"$work/client.out" 2>"$work/client.err"
  local status=$?
  [ "$status" -eq 2 ] || { echo "  lucid client exited with $status, expected 2 (usage)"; return 1; }
  has "$work/client.err" "authenticates nobody.*--lab-anonymous"
}

check "gnutls-cli +GROUP-FFDHE3072 -> lucid server: ffdhe3072 (RFC 7919 §4)" gnutls_client_gets_ffdhe3072
check "lucid client --ffdhe-groups ffdhe4096 -> gnutls-serv: ffdhe4096" lucid_client_asks_gnutls_for_ffdhe4096
check "lucid client -> openssl s_server -dhparam ffdhe3072: the group checked against the offer (RFC 7919 §3, §4)" lucid_client_checks_openssl_group
check "lucid client -> openssl s_server (RFC 3526 group): a custom group, judged by its size" lucid_client_to_openssl_default_group
check "lucid client --lab-anonymous -> openssl s_server -nocert ADH-AES128-SHA" lucid_client_to_openssl_anon
check "openssl s_client ADH-AES128-SHA -> lucid server --lab-anonymous" openssl_client_to_lucid_anon
check "lucid client --cipher ADH-AES128-SHA without --lab-anonymous: usage error" anon_refused_without_flag

finish
