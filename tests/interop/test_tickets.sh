#!/usr/bin/env bash
# Session tickets (RFC 5077), against real peers on 127.0.0.1. The lucid servers run with
# --session-cache 0 wherever a resumption must come from a ticket (there is no other way then):
#   openssl s_client -reconnect          -> lucid server: Reused 5 times, by ticket
#   openssl s_client -reconnect -no_ticket -> lucid server: Reused 5 times, by session ID (the cache)
#   openssl s_client -sess_out, -sess_in -> lucid server: the saved ticket resumes
#   lucid client --reconnect             -> openssl s_server -no_cache, gnutls-serv --nodb: Reused by ticket
#   lucid server --ticket-key-file F: a ticket from before a restart resumes after it; a server with
#     other keys answers the same ticket with a full handshake (no error)
# Usage: test_tickets.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/interop/lib.sh"
require openssl gnutls-serv python3
intermediate=$src/demo/intermediate.pem

count() { grep -cE -- "$2" "$1" 2>/dev/null || true; }
expect_count() {
  local n
  n=$(count "$1" "$2")
  [ "$n" -eq "$3" ] && return 0
  echo "  expected $3 lines /$2/ in $(basename "$1"), found $n"
  return 1
}

openssl_reconnect() {  # EXTRA_S_CLIENT_FLAG SERVER_FLAGS...
  local flag=$1; shift
  start_lucid_server l --cert "$cert" --key "$key" --www --max-connections 6 --cipher AES128-SHA256 "$@" || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 30 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost \
    -tls1_2 -CAfile "$ca" -verify_return_error -reconnect -ign_eof $flag \
    >"$work/s_client.out" 2>"$work/s_client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  openssl s_client exited with $status"; return 1; }
  expect_count "$work/s_client.out" "^Reused, " 5 && expect_count "$work/l.err" ", resumed session" 5
}

by_ticket() {
  openssl_reconnect "" --session-cache 0 && has "$work/s_client.out" "TLS session ticket lifetime hint: [0-9]+"
}

by_session_id() {
  openssl_reconnect -no_ticket && ! grep -q "TLS session ticket:" "$work/s_client.out"
}

openssl_sess_files() {
  start_lucid_server l --cert "$cert" --key "$key" --www --max-connections 2 --session-cache 0 || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost \
    -tls1_2 -CAfile "$ca" -ign_eof -sess_out "$work/s.pem" >"$work/first.out" 2>&1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost \
    -tls1_2 -CAfile "$ca" -ign_eof -sess_in "$work/s.pem" >"$work/second.out" 2>&1
  wait_exit l 10
  has "$work/first.out" "^New, " && has "$work/second.out" "^Reused, " && expect_count "$work/l.err" ", resumed session" 1
}

lucid_reconnect_to() {  # openssl|gnutls
  if [ "$1" = openssl ]; then
    start_openssl_server s -www -cert "$cert" -cert_chain "$intermediate" -key "$key" -tls1_2 -no_cache -naccept 6 || return 1
  else
    start_gnutls_server g --echo -a --nodb --x509certfile "$cert" --x509keyfile "$key" \
      --priority "NORMAL:-VERS-ALL:+VERS-TLS1.2" || return 1
  fi
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 30 "$lucid" client "localhost:$PORT" --CAfile "$ca" --reconnect --wait 0.5 \
    --sess-out "$work/session.txt" >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop s; stop g
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  expect_count "$work/client.err" "^lucid client: Reused, " 5 && has "$work/session.txt" "^Ticket = [0-9a-f]+"
}

restart_with_key_file() {
  local keys=$work/ticket-keys.txt
  start_lucid_server a --cert "$cert" --key "$key" --echo --once --session-cache 0 --ticket-key-file "$keys" || return 1
  printf 'one\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" --sess-out "$work/session.txt" \
    --wait 0.5 >"$work/one.out" 2>"$work/one.err"
  wait_exit a 10
  [ "$(stat -c %a "$keys")" = 600 ] || { echo "  the key file is not mode 0600"; return 1; }
  start_lucid_server b --cert "$cert" --key "$key" --echo --once --session-cache 0 --ticket-key-file "$keys" || return 1
  printf 'two\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" --sess-in "$work/session.txt" \
    --wait 0.5 >"$work/two.out" 2>"$work/two.err"
  wait_exit b 10
  start_lucid_server c --cert "$cert" --key "$key" --echo --once --session-cache 0 --trace || return 1
  printf 'three\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" --sess-in "$work/session.txt" \
    --wait 0.5 >"$work/three.out" 2>"$work/three.err"
  local three=$?
  wait_exit c 10
  has "$work/a.err" "created with a new key" && has "$work/one.err" "^lucid client: New, " &&
    has "$work/two.err" "^lucid client: Reused, " && has "$work/two.out" "^two\$" &&
    [ "$three" -eq 0 ] && has "$work/three.err" "^lucid client: New, " &&
    has "$work/c.err" "session ticket rejected: unknown key name"
}

check "openssl s_client -reconnect -> lucid server --session-cache 0: Reused 5 times by ticket" by_ticket
check "openssl s_client -reconnect -no_ticket -> lucid server: Reused 5 times by session ID" by_session_id
check "openssl s_client -sess_out then -sess_in -> lucid server --session-cache 0: Reused by ticket" openssl_sess_files
check "lucid client --reconnect -> openssl s_server -no_cache: Reused 5 times by ticket" lucid_reconnect_to openssl
check "lucid client --reconnect -> gnutls-serv --nodb: Reused 5 times by ticket" lucid_reconnect_to gnutls
check "lucid server --ticket-key-file: tickets survive a restart; other keys mean a full handshake" restart_with_key_file

finish
