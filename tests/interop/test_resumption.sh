#!/usr/bin/env bash
# Session resumption by session ID (RFC 5246 §7.3, Figure 2, the abbreviated handshake):
#   openssl s_client -reconnect -> lucid server: "Reused" on every one of the 5 reconnections
#   lucid client --reconnect    -> openssl s_server, gnutls-serv, lucid server: likewise
#   gnutls-cli --resume         -> lucid server: "This is a resumed session"
#   lucid client --sess-out F, then --sess-in F: the file is mode 0600 and the session is reused
#   openssl s_client -reconnect -> lucid server --workers 2: sessions made on one worker resume
#     on the other (one shared session cache), and the per-worker counts add up to the total
#   a session whose connection ended with a fatal alert (a record tampered in flight, bad_record_mac)
#   is never resumed (RFC 5246 §7.2.2): the next offer of it gets a new session.
# Each with an RSA and a DHE_RSA suite where the pair is an interop pair.
# Usage: test_resumption.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/interop/lib.sh"
require openssl gnutls-serv gnutls-cli python3
intermediate=$src/demo/intermediate.pem  # s_server sends only the first certificate of -cert

# count FILE PATTERN: the number of lines matching.
count() { grep -cE -- "$2" "$1" 2>/dev/null || true; }

# expect_count FILE PATTERN N
expect_count() {
  local n
  n=$(count "$1" "$2")
  [ "$n" -eq "$3" ] && return 0
  echo "  expected $3 lines /$2/ in $(basename "$1"), found $n"
  return 1
}

openssl_reconnect_to_lucid() {  # OPENSSL_NAME
  start_lucid_server l --cert "$cert" --key "$key" --www --max-connections 6 || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 30 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost \
    -tls1_2 -cipher "$1" -CAfile "$ca" -verify_return_error -reconnect -ign_eof \
    >"$work/s_client.out" 2>"$work/s_client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  openssl s_client exited with $status"; return 1; }
  [ "$STATUS" -eq 0 ] || { echo "  lucid server exited with $STATUS"; return 1; }
  # OpenSSL prints the version that defined the cipher ("SSLv3" for the SHA-1 suites), not the
  # one negotiated; the version is checked in lucid server's log instead.
  expect_count "$work/s_client.out" "^New, [A-Za-z0-9.]+, Cipher is $1\$" 1 &&
    expect_count "$work/s_client.out" "^Reused, [A-Za-z0-9.]+, Cipher is $1\$" 5 &&
    expect_count "$work/l.err" ": TLS 1.2 .*, resumed session" 5 &&
    has "$work/s_client.out" "Session *: Reused \(abbreviated handshake"
}

lucid_reconnect_to_openssl() {  # OPENSSL_NAME
  start_openssl_server s -www -cert "$cert" -cert_chain "$intermediate" -key "$key" -tls1_2 -cipher "$1" \
    -naccept 6 || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 30 "$lucid" client "localhost:$PORT" --CAfile "$ca" --reconnect \
    >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop s
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  expect_count "$work/client.err" "^lucid client: New, TLSv1.2, Cipher is $1," 1 &&
    expect_count "$work/client.err" "^lucid client: Reused, TLSv1.2, Cipher is $1," 5 &&
    has "$work/client.out" "^Reused, [A-Za-z0-9.]+, Cipher is $1"
}

lucid_reconnect_to_gnutls() {  # GNUTLS_KX GNUTLS_CIPHER GNUTLS_MAC OPENSSL_NAME
  start_gnutls_server g --echo -a --x509certfile "$cert" --x509keyfile "$key" \
    --priority "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+$1:-CIPHER-ALL:+$2:-MAC-ALL:+$3" || return 1
  printf 'last connection\n' | timeout 30 "$lucid" client "localhost:$PORT" --CAfile "$ca" --reconnect --wait 0.5 \
    >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop g
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  expect_count "$work/client.err" "^lucid client: New, TLSv1.2, Cipher is $4," 1 &&
    expect_count "$work/client.err" "^lucid client: Reused, TLSv1.2, Cipher is $4," 5 &&
    has "$work/client.out" "^last connection\$"
}

lucid_reconnect_to_lucid() {
  start_lucid_server l --cert "$cert" --key "$key" --echo --max-connections 6 --cipher DHE-RSA-AES256-SHA256 || return 1
  printf 'ping\n' | timeout 30 "$lucid" client "localhost:$PORT" --CAfile "$ca" --reconnect --wait 0.5 \
    >"$work/client.out" 2>"$work/client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  expect_count "$work/client.err" "^lucid client: Reused, " 5 &&
    expect_count "$work/l.err" ", resumed session" 5 &&
    has "$work/client.out" "^ping\$"
}

gnutls_resume_to_lucid() {  # GNUTLS_KX
  start_lucid_server l --cert "$cert" --key "$key" --www --max-connections 2 || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 30 gnutls-cli --x509cafile "$ca" -p "$PORT" localhost --resume \
    --priority "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+$1" >"$work/gnutls-cli.out" 2>"$work/gnutls-cli.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  gnutls-cli exited with $status"; return 1; }
  has "$work/gnutls-cli.out" "This is a resumed session" &&
    expect_count "$work/l.err" ", resumed session" 1
}

# The worker of connection N, from lucid server's log ("connection N from ... (worker W): ...").
worker_of() { sed -n "s/^lucid server: connection $2 from [^ ]* (worker \([0-9]*\)).*/\1/p" "$1"; }

openssl_reconnect_to_lucid_workers() {  # OPENSSL_NAME
  # Which worker accepts a connection is up to the kernel and the scheduler; a run in which all
  # six land on one worker proves nothing about sharing, so it is repeated (up to 5 runs).
  local attempt first w n resumed_elsewhere=0
  for attempt in 1 2 3 4 5; do
    start_lucid_server l --cert "$cert" --key "$key" --www --max-connections 6 --workers 2 || return 1
    printf 'GET / HTTP/1.0\r\n\r\n' | timeout 30 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost \
      -tls1_2 -cipher "$1" -CAfile "$ca" -verify_return_error -reconnect -ign_eof \
      >"$work/s_client.out" 2>"$work/s_client.err"
    local status=$?
    wait_exit l 10
    [ "$status" -eq 0 ] || { echo "  openssl s_client exited with $status"; return 1; }
    [ "$STATUS" -eq 0 ] || { echo "  lucid server exited with $STATUS"; return 1; }
    expect_count "$work/s_client.out" "^Reused, [A-Za-z0-9.]+, Cipher is $1\$" 5 &&
      expect_count "$work/l.err" "\(worker [12]\): TLS 1.2 .*, resumed session" 5 || return 1
    # The summary adds up: "6 connection(s), 0 failed (worker 1: A, worker 2: B)" with A + B = 6.
    local a b
    a=$(sed -n 's/.*6 connection(s), 0 failed (worker 1: \([0-9]*\), worker 2: \([0-9]*\))$/\1/p' "$work/l.err")
    b=$(sed -n 's/.*6 connection(s), 0 failed (worker 1: \([0-9]*\), worker 2: \([0-9]*\))$/\2/p' "$work/l.err")
    [ -n "$a" ] && [ -n "$b" ] && [ $((a + b)) -eq 6 ] || { echo "  the summary does not add up to 6"; return 1; }
    first=$(worker_of "$work/l.err" 1)
    for n in 2 3 4 5 6; do
      w=$(worker_of "$work/l.err" "$n")
      [ -n "$w" ] && [ "$w" != "$first" ] && resumed_elsewhere=1
    done
    [ "$resumed_elsewhere" -eq 1 ] && return 0
    echo "  run $attempt: every connection on worker $first; again"
  done
  echo "  no run had a connection resumed on another worker than its full handshake's"
  return 1
}

session_files() {
  start_lucid_server l --cert "$cert" --key "$key" --echo --max-connections 2 || return 1
  printf 'first\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" --sess-out "$work/session.txt" \
    --wait 0.5 >"$work/first.out" 2>"$work/first.err"
  local first=$?
  printf 'second\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" --sess-in "$work/session.txt" \
    --wait 0.5 >"$work/second.out" 2>"$work/second.err"
  local second=$?
  wait_exit l 10
  [ "$first" -eq 0 ] && [ "$second" -eq 0 ] || { echo "  lucid client exited with $first / $second"; return 1; }
  local mode
  mode=$(stat -c %a "$work/session.txt")
  [ "$mode" = 600 ] || { echo "  the session file has mode $mode, expected 600"; return 1; }
  has "$work/session.txt" "^# SECRET" &&
    has "$work/first.err" "session saved to .*it contains the master secret" &&
    has "$work/first.err" "^lucid client: New, " &&
    has "$work/second.err" "^lucid client: Reused, " &&
    has "$work/second.out" "^second\$"
}

fatal_alert_not_resumed() {
  # 1: a clean connection saves the session. 2: it is resumed through a relay that flips a bit of
  # the client's first application data record: the server sends bad_record_mac and forgets the
  # session. 3: offering it again gets a new session. By session ID (--no-ticket): a server cannot
  # take back a ticket it issued (RFC 5077 tickets are stateless); the client side of §7.2.2 (no
  # session saved after the fatal alert) holds either way.
  start_lucid_server l --cert "$cert" --key "$key" --echo --max-connections 3 || return 1
  local server_port=$PORT
  printf 'one\n' | timeout 20 "$lucid" client "localhost:$server_port" --CAfile "$ca" --no-ticket \
    --sess-out "$work/session.txt" --wait 0.5 >"$work/one.out" 2>"$work/one.err"
  start_python_peer relay flip-relay "127.0.0.1:$server_port" c2s 1 || return 1
  printf 'two\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" --no-ticket --sess-in "$work/session.txt" \
    --sess-out "$work/after-alert.txt" --wait 0.5 >"$work/two.out" 2>"$work/two.err"
  local two=$?
  printf 'three\n' | timeout 20 "$lucid" client "localhost:$server_port" --CAfile "$ca" --no-ticket \
    --sess-in "$work/session.txt" --wait 0.5 >"$work/three.out" 2>"$work/three.err"
  local three=$?
  wait_exit l 10
  [ "$two" -eq 1 ] || { echo "  the tampered connection exited with $two, expected 1"; return 1; }
  [ "$three" -eq 0 ] || { echo "  the third connection exited with $three"; return 1; }
  has "$work/two.err" "^lucid client: Reused, " &&
    has "$work/two.err" "\[the server sent fatal alert bad_record_mac\]" &&
    [ ! -e "$work/after-alert.txt" ] &&
    has "$work/l.err" "connection 2 from .*\[we sent fatal alert bad_record_mac\]" &&
    has "$work/three.err" "^lucid client: New, " &&
    has "$work/three.out" "^three\$"
}

for suite in AES128-SHA256 DHE-RSA-AES128-SHA; do
  check "openssl s_client -reconnect -> lucid server, $suite: Reused 5 times" openssl_reconnect_to_lucid "$suite"
  check "lucid client --reconnect -> openssl s_server, $suite: Reused 5 times" lucid_reconnect_to_openssl "$suite"
done
check "openssl s_client -reconnect -> lucid server --workers 2, AES128-SHA: resumed across workers" openssl_reconnect_to_lucid_workers AES128-SHA
check "openssl s_client -reconnect -> lucid server --workers 2, DHE-RSA-AES128-SHA: resumed across workers" openssl_reconnect_to_lucid_workers DHE-RSA-AES128-SHA
check "lucid client --reconnect -> gnutls-serv, AES256-SHA: Reused 5 times" lucid_reconnect_to_gnutls RSA AES-256-CBC SHA1 AES256-SHA
check "lucid client --reconnect -> gnutls-serv, DHE-RSA-AES256-SHA256: Reused 5 times" lucid_reconnect_to_gnutls DHE-RSA AES-256-CBC SHA256 DHE-RSA-AES256-SHA256
check "lucid client --reconnect -> lucid server, DHE-RSA-AES256-SHA256: Reused 5 times" lucid_reconnect_to_lucid
check "gnutls-cli --resume -> lucid server, RSA" gnutls_resume_to_lucid RSA
check "gnutls-cli --resume -> lucid server, DHE-RSA" gnutls_resume_to_lucid DHE-RSA
check "lucid client --sess-out then --sess-in: file mode 0600, session reused" session_files
check "RFC 5246 §7.2.2: a session ended by a fatal alert is not resumed" fatal_alert_not_resumed

finish
