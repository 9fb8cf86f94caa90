#!/usr/bin/env bash
# The README main command: a real TLS 1.2 handshake, explained byte by byte.
#   1. installs what is missing (scripts/setup.sh) and builds everything;
#   2. starts `lucid server --www` on the demo PKI (demo/) on a free localhost port;
#   3. runs `lucid client --trace --CAfile demo/ca.pem --cipher AES128-SHA256` against it, sending
#      an HTTP GET: the walkthrough's RSA handshake (docs/handshake.md); the trace shows every
#      record, every handshake message field by field, and every derivation;
#   4. shows the HTTP exchange, then one more handshake with the default first choice,
#      ECDHE-RSA-AES128-GCM-SHA256 (X25519 key exchange, AES-GCM records; docs/aead.md), stops the
#      server (always: a trap), and ends with the conformance run over vectors/.
# Bounded in time: the server lives at most 60 s, the client at most 30 s.
#   LUCID_BUILD_DIR=build-x scripts/demo.sh     use another build directory (default build)
#   LUCID_DEMO_FLAGS=--show-secrets scripts/demo.sh   also show premaster, master secret, keys
set -euo pipefail
cd "$(dirname "$0")/.."
build=${LUCID_BUILD_DIR:-build}

scripts/setup.sh
[ -f "$build/build.ninja" ] || meson setup "$build" >/dev/null
echo "== building lucidtls in $build/"
meson compile -C "$build" -j 2 >/dev/null || { meson compile -C "$build" -j 1 | tail -30; exit 1; }
lucid=$build/tools/lucid

work=$(mktemp -d /tmp/lucid_demo.XXXXXX)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== starting: lucid server --www --cert demo/server.pem --key demo/server.key --accept 0 --max-connections 2"
timeout 60 "$lucid" server --www --cert demo/server.pem --key demo/server.key --accept 0 --max-connections 2 \
  >"$work/server.out" 2>"$work/server.err" </dev/null &
server_pid=$!
port=
for _ in $(seq 1 200); do
  port=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$work/server.out")
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.05
done
if [ -z "$port" ]; then
  echo "the server did not start:"; cat "$work/server.err"; exit 1
fi
echo "   listening on 127.0.0.1:$port"

request=$'GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: lucid-demo\r\nConnection: close\r\n\r\n'
echo "== running: lucid client localhost:$port --CAfile demo/ca.pem --cipher AES128-SHA256 --trace ${LUCID_DEMO_FLAGS:-}"
echo "   (lines '--' are records on the wire, '==' handshake messages and derivations;"
echo "    +0004 is a byte offset in hex; the RFC section is on the right)"
status=0
# shellcheck disable=SC2086  # LUCID_DEMO_FLAGS is a list of flags
printf '%s' "$request" | timeout 30 "$lucid" client "localhost:$port" --CAfile demo/ca.pem --cipher AES128-SHA256 --trace \
  ${LUCID_DEMO_FLAGS:-} >"$work/response.txt" 2>"$work/trace.txt" || status=$?
cat "$work/trace.txt"

echo
echo "== the HTTP exchange, inside TLS"
echo "-- request sent by lucid client:"
printf '%s' "$request" | sed 's/\r$//; s/^/   > /'
echo "-- response received:"
sed 's/\r$//; s/^/   < /' "$work/response.txt"
if [ "$status" -ne 0 ]; then
  echo "== the handshake FAILED (lucid client exit status $status)"
  exit 1
fi
echo "== handshake and HTTP exchange OK"

echo
echo "== one more: lucid client localhost:$port --CAfile demo/ca.pem --cipher ECDHE-RSA-AES128-GCM-SHA256 --trace ${LUCID_DEMO_FLAGS:-}"
echo "   (the suite both sides prefer by default: an ephemeral X25519 key exchange signed with the"
echo "    server's key, RFC 8422, then AES-128-GCM records with nonce, additional data and tag, RFC 5288)"
status=0
# shellcheck disable=SC2086  # LUCID_DEMO_FLAGS is a list of flags
printf '%s' "$request" | timeout 30 "$lucid" client "localhost:$port" --CAfile demo/ca.pem \
  --cipher ECDHE-RSA-AES128-GCM-SHA256 --trace ${LUCID_DEMO_FLAGS:-} >"$work/response2.txt" 2>"$work/trace2.txt" || status=$?
cat "$work/trace2.txt"
echo "-- response received:"
sed 's/\r$//; s/^/   < /' "$work/response2.txt"

for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.05; done
echo "-- server log:"
sed 's/^/   /' "$work/server.err"
if [ "$status" -ne 0 ]; then
  echo "== the ECDHE handshake FAILED (lucid client exit status $status)"
  exit 1
fi
echo "== ECDHE-RSA-AES128-GCM-SHA256 handshake and HTTP exchange OK"

echo
echo "== conformance run: lucid vectors"
"$lucid" vectors
