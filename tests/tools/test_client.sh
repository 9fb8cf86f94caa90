#!/usr/bin/env bash
# `lucid client` as a user runs it: usage errors (exit 2, one sentence), a refused connection
# (exit 1), and a real connection to `lucid server` (exit 0). Usage: test_client.sh LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/support/cli_assert.sh"
ca=$src/demo/ca.pem

expect_stderr "no HOST:PORT" 2 "expected one HOST:PORT" "$lucid" client
expect_stderr "a port is required" 2 "expected HOST:PORT" "$lucid" client localhost
expect_stderr "a bad port is named" 2 "bad port '99999'" "$lucid" client localhost:99999
expect_stderr "an unknown cipher suite is named" 2 "--cipher: unknown cipher suite 'RC4-MD5'" \
  "$lucid" client localhost:1 --cipher RC4-MD5
expect_stderr "an empty cipher list" 2 "--cipher: empty cipher suite list" "$lucid" client localhost:1 --cipher ,
expect_stderr "--renegotiate with --no-renegotiation" 2 "cannot be used together" \
  "$lucid" client localhost:1 --renegotiate --no-renegotiation
expect_stderr "an empty ALPN name" 2 "--alpn: each protocol name" "$lucid" client localhost:1 --alpn h2,,x
expect_stderr "bad --seed hex" 2 "--seed" "$lucid" client localhost:1 --seed xyz
expect_stderr "bad --timeout" 2 "--timeout: expected a number of seconds" "$lucid" client localhost:1 --timeout -3
expect_stderr "an unreadable --CAfile is named" 2 "cannot read --CAfile /nonexistent/ca.pem" \
  "$lucid" client localhost:1 --CAfile /nonexistent/ca.pem
expect_stderr "--insecure contradicts --CAfile" 2 "--insecure and --CAfile" \
  "$lucid" client localhost:1 --insecure --CAfile "$ca"
expect_stderr "an unknown option is named" 2 "unknown option --frobnicate" "$lucid" client localhost:1 --frobnicate
expect_match "--help lists --servername and --keylog" "--servername.*" "$lucid" client --help
# The variants' flags (docs/handshake.md).
expect_stderr "--cert without --key" 2 "--cert and --key go together" \
  "$lucid" client localhost:1 --CAfile "$ca" --cert "$src/demo/client.pem"
expect_stderr "a --cert whose key does not match" 2 "--cert .* / --key .*: .*does not match" \
  "$lucid" client localhost:1 --CAfile "$ca" --cert "$src/demo/client.pem" --key "$src/demo/server.key"
expect_stderr "an unreadable --sess-in" 2 "--sess-in: cannot open /nonexistent/session" \
  "$lucid" client localhost:1 --CAfile "$ca" --sess-in /nonexistent/session
printf 'Format = something-else\n' >"/tmp/lucid_cli_session.$$"
expect_stderr "a malformed --sess-in names the line" 2 "--sess-in .*line 1: unknown format" \
  "$lucid" client localhost:1 --CAfile "$ca" --sess-in "/tmp/lucid_cli_session.$$"
rm -f "/tmp/lucid_cli_session.$$"
expect_match "--help says --allow-weak-dh is insecure" "allow-weak-dh.*INSECURE" "$lucid" client --help
expect_match "--help says the --sess-out file is secret" "sess-out.*SECRET" "$lucid" client --help

port=$(python3 "$src/tests/interop/peers.py" free-port)
expect_stderr "a refused connection is exit 1, naming the address" 1 "cannot connect to 127.0.0.1:$port" \
  timeout 20 "$lucid" client "127.0.0.1:$port" --CAfile "$ca"
expect_stderr "--insecure warns on stderr" 1 "WARNING: --insecure" \
  timeout 20 "$lucid" client "127.0.0.1:$port" --insecure

# Real round trips with `lucid server --echo --once`, in deterministic mode: the same seeds on
# both sides give the same client random and master secret, run after run.
work=$(mktemp -d /tmp/lucid_cli_client.XXXXXX)
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
seeded_round_trip() {  # N: runs a seeded server and client; the client's key log goes to keys.N
  timeout 30 "$lucid" server --accept 0 --cert "$src/demo/server.pem" --key "$src/demo/server.key" --echo \
    --once --seed 5eed >"$work/server.$1.out" 2>"$work/server.$1.err" </dev/null &
  server_pid=$!
  local port=
  for _ in $(seq 1 200); do
    port=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$work/server.$1.out")
    [ -n "$port" ] && break
    sleep 0.05
  done
  printf 'echo me' | timeout 20 "$lucid" client "localhost:$port" --CAfile "$ca" --seed c0ffee --wait 0.3 \
    --keylog "$work/keys.$1"
  local status=$?
  [ "$status" -eq 0 ] || kill "$server_pid" 2>/dev/null
  wait "$server_pid"
  server_pid=
  return $status
}
expect_output "lucid client <-> lucid server --echo: what we send comes back" "echo me" seeded_round_trip 1
expect_output "a second seeded run" "echo me" seeded_round_trip 2
expect_match "the key log holds one CLIENT_RANDOM line" "^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}$" cat "$work/keys.1"
expect_status "same seeds, same peer: the same client random and master secret" 0 cmp "$work/keys.1" "$work/keys.2"

# An IP address as HOST: no server_name is sent (RFC 6066 §3), the certificate's IP address is
# checked; ALPN (RFC 7301): the server picks the one protocol it knows.
www_page_over_ip() {
  timeout 30 "$lucid" server --accept 0 --cert "$src/demo/server.pem" --key "$src/demo/server.key" --www \
    --once --alpn http/1.1 >"$work/www.out" 2>"$work/www.err" </dev/null &
  server_pid=$!
  local port=
  for _ in $(seq 1 200); do
    port=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$work/www.out")
    [ -n "$port" ] && break
    sleep 0.05
  done
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 "$lucid" client "127.0.0.1:$port" --CAfile "$ca" --alpn h2,http/1.1 2>&1
  local status=$?
  [ "$status" -eq 0 ] || kill "$server_pid" 2>/dev/null
  wait "$server_pid"
  server_pid=
  return $status
}
expect_match "HOST 127.0.0.1: verified by its IP address, no SNI sent" "Server name \(SNI\) *: \(none sent\)" www_page_over_ip
expect_match "--alpn h2,http/1.1 against a server that knows http/1.1" "handshake complete: .*ALPN http/1.1" www_page_over_ip
finish
