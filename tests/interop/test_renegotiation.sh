#!/usr/bin/env bash
# Secure renegotiation (RFC 5746) against real peers on loopback, one connection per case. The
# peers are driven through their stdin (a FIFO each), and every step waits for the line that says
# the previous one happened, never for a fixed time:
#   openssl s_client typing "R" -> lucid server --client-renegotiation: both complete a second
#     handshake, and data flows after it (echoed back).
#   openssl s_client typing "R" -> lucid server (default): refused with a no_renegotiation warning.
#   lucid server --renegotiate -> openssl s_client: the HelloRequest is answered, data flows.
#   lucid client -> openssl s_server typing "r" (HelloRequest): the client renegotiates, data flows.
#   lucid client --cert/--key -> openssl s_server typing "R": the new handshake asks for the client
#     certificate, which the client sends.
#   lucid client --renegotiate -> openssl s_server -client_renegotiation.
#   gnutls-cli --rehandshake -> lucid server --client-renegotiation.
#   lucid client -> lucid server --echo, 1 MiB streaming while they renegotiate (each side starting
#     it): every byte comes back, the data sent during the renegotiation included.
# Usage: test_renegotiation.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/interop/lib.sh"
require openssl gnutls-cli
client_cert=$src/demo/client.pem
client_key=$src/demo/client.key
intermediate=$src/demo/intermediate.pem

# wait_for FILE PATTERN SECONDS: until grep -E finds PATTERN in FILE.
wait_for() {
  local i
  for i in $(seq 1 $(( $3 * 20 ))); do
    grep -qE -- "$2" "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "  waited $3 s for /$2/ in $(basename "$1")"
  return 1
}

# A FIFO on file descriptor 7 (s_client's or s_server's stdin), opened before the peer starts so
# that neither side blocks; closing fd 7 is the peer's end of input. The peers are started with
# 7>&- (and 8>&-), or they would hold the writing end themselves and never see the end.
open_input() {
  rm -f "$work/in"; mkfifo "$work/in"
  exec 7<>"$work/in"
}

# openssl s_client typing R -> lucid server --echo [FLAGS]; sets SC_PID.
s_client_renegotiates() {  # "lucid flags"
  start_lucid_server l --cert "$cert" --key "$key" --echo --once $1 || return 1
  open_input
  rm -f "$work/s_client.out" "$work/s_client.err"  # no stale lines from the last case (lib.sh, fresh_output)
  timeout 30 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost -tls1_2 -CAfile "$ca" \
    <"$work/in" >"$work/s_client.out" 2>"$work/s_client.err" 7>&- &
  SC_PID=$!
  pids+=("$SC_PID")
  wait_for "$work/s_client.out" "Verify return code: 0" 20 || return 1
  echo R >&7
  wait_for "$work/s_client.err" "RENEGOTIATING" 20 || wait_for "$work/s_client.out" "RENEGOTIATING" 1 || return 1
}

accepted_by_lucid() {
  s_client_renegotiates --client-renegotiation || return 1
  wait_for "$work/l.err" "renegotiation 1 complete" 20 || return 1
  echo "after renegotiation" >&7
  wait_for "$work/s_client.out" "^after renegotiation" 20 || return 1
  exec 7>&-
  wait_exit l 20
  [ "$STATUS" -eq 0 ] || { echo "  lucid server exited with $STATUS"; return 1; }
  # Two handshakes: the session line once for each.
  [ "$(grep -c ': TLS 1.2 (0x0303), ' "$work/l.err")" -eq 2 ] || { echo "  not two handshakes"; return 1; }
}

refused_by_lucid() {
  s_client_renegotiates "" || return 1
  # OpenSSL's client ends the connection when its renegotiation is refused (it sends
  # handshake_failure after the warning, SSL_R_NO_RENEGOTIATION); lucid server only refused.
  wait_for "$work/s_client.err" "no renegotiation" 20 || return 1
  exec 7>&-
  wait_exit l 20
  has "$work/l.err" "the client sent fatal alert handshake_failure|handshake_failure" || return 1
  ! grep -q "renegotiation 1 complete" "$work/l.err" || { echo "  the server renegotiated"; return 1; }
}

# lucid server --renegotiate -> openssl s_client, which answers the HelloRequest by itself.
lucid_server_asks() {
  start_lucid_server l --cert "$cert" --key "$key" --echo --once --renegotiate || return 1
  open_input
  rm -f "$work/s_client.out" "$work/s_client.err"  # no stale lines from the last case (lib.sh, fresh_output)
  timeout 30 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost -tls1_2 -CAfile "$ca" \
    <"$work/in" >"$work/s_client.out" 2>"$work/s_client.err" 7>&- &
  pids+=("$!")
  wait_for "$work/l.err" "renegotiation 1 complete" 20 || return 1
  echo "after renegotiation" >&7
  wait_for "$work/s_client.out" "^after renegotiation" 20 || return 1
  exec 7>&-
  wait_exit l 20
  [ "$STATUS" -eq 0 ] || { echo "  lucid server exited with $STATUS"; return 1; }
}

# lucid client [FLAGS] -> openssl s_server [FLAGS]; the s_server command typed: CMD ("" for none).
lucid_client_renegotiates() {  # CMD "lucid flags" "s_server flags"
  open_input
  rm -f "$work/s.out" "$work/s.err" "$work/client.out" "$work/client.err"  # no stale lines from the last case
  timeout "$peer_limit" openssl s_server -accept 127.0.0.1:0 -cert "$cert" -cert_chain "$intermediate" -key "$key" \
    -CAfile "$ca" -tls1_2 -naccept 1 $3 \
    <"$work/in" >"$work/s.out" 2>"$work/s.err" 7>&- &
  s_pid=$!
  pids+=("$s_pid")
  wait_for_accept "$work/s.out" "$s_pid" || return 1
  rm -f "$work/cin"; mkfifo "$work/cin"
  exec 8<>"$work/cin"
  timeout 30 "$lucid" client "localhost:$PORT" --CAfile "$ca" --wait 1 $2 <"$work/cin" >"$work/client.out" \
    2>"$work/client.err" 7>&- 8>&- &
  local c_pid=$!
  pids+=("$c_pid")
  wait_for "$work/client.err" "handshake complete" 20 || return 1
  if [ -n "$1" ]; then echo "$1" >&7; fi
  wait_for "$work/client.err" "renegotiation 1 complete" 20 || return 1
  echo "hello after renegotiation" >&8
  wait_for "$work/s.out" "^hello after renegotiation" 20 || return 1
  exec 8>&-
  wait "$c_pid"
  local status=$?
  exec 7>&-
  stop s
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
}

server_asks() {
  lucid_client_renegotiates r "" "" || return 1
  ! grep -q "client certificate requested" "$work/client.err"
}

server_asks_certificate() {
  lucid_client_renegotiates R "--cert $client_cert --key $client_key" "" || return 1
  has "$work/client.err" "renegotiation 1 complete" || return 1
  has "$work/client.err" "client certificate requested, sent"
}

client_starts() {
  lucid_client_renegotiates "" --renegotiate -client_renegotiation
}

gnutls_rehandshake() {
  start_lucid_server l --cert "$cert" --key "$key" --www --once --client-renegotiation || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 gnutls-cli --x509cafile "$ca" -p "$PORT" localhost --rehandshake \
    --priority "NORMAL:-VERS-ALL:+VERS-TLS1.2" >"$work/gnutls-cli.out" 2>"$work/gnutls-cli.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  gnutls-cli exited with $status"; return 1; }
  has "$work/gnutls-cli.out" "ReHandshake was completed" || return 1
  has "$work/l.err" "renegotiation 1 complete"
}

# lucid client [FLAGS] <1 MiB -> lucid server --echo [FLAGS]: the data flows while the renegotiation
# runs (RFC 5246 §6.2.1), and the server echoes every byte of it, none dropped.
echo_through_renegotiation() {  # "client flags" "server flags"
  head -c 1048576 /dev/urandom >"$work/stream"
  start_lucid_server e --cert "$cert" --key "$key" --echo --once $2 || return 1
  timeout 60 "$lucid" client "localhost:$PORT" --CAfile "$ca" --wait 2 $1 <"$work/stream" >"$work/echoed" \
    2>"$work/echo-client.err"
  local status=$?
  wait_exit e 20
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status: $(tail -2 "$work/echo-client.err")"; return 1; }
  has "$work/echo-client.err" "renegotiation 1 complete" || return 1
  cmp -s "$work/stream" "$work/echoed" || { echo "  echoed $(stat -c %s "$work/echoed") of 1048576 bytes"; return 1; }
}

check "lucid client --renegotiate -> lucid server --echo --client-renegotiation: 1 MiB echoed whole across the renegotiation" \
  echo_through_renegotiation --renegotiate --client-renegotiation
check "lucid client -> lucid server --echo --renegotiate: 1 MiB echoed whole across the renegotiation" \
  echo_through_renegotiation "" --renegotiate
check "openssl s_client R -> lucid server --client-renegotiation: a second handshake, data after it" accepted_by_lucid
check "openssl s_client R -> lucid server: refused with a no_renegotiation warning" refused_by_lucid
check "lucid server --renegotiate (HelloRequest) -> openssl s_client: a second handshake, data after it" lucid_server_asks
check "lucid client -> openssl s_server r (HelloRequest): the client renegotiates, data after it" server_asks
check "lucid client --cert -> openssl s_server R: the client certificate in the renegotiation" server_asks_certificate
check "lucid client --renegotiate -> openssl s_server -client_renegotiation" client_starts
check "gnutls-cli --rehandshake -> lucid server --client-renegotiation" gnutls_rehandshake

finish
