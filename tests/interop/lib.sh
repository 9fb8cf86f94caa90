# Shared helpers for the interop tests: start peers on ephemeral loopback ports, always bounded by
# `timeout`, always stopped by the EXIT trap. Source it after setting `lucid` and `src`.
#   start_lucid_server NAME ARGS...   runs `lucid server --accept 0 ARGS`, sets PORT and <NAME>_pid,
#                                     logs in $work/NAME.out / NAME.err
#   start_openssl_server NAME ARGS... the same for `openssl s_server -accept 127.0.0.1:0`
#   start_gnutls_server NAME ARGS...  gnutls-serv on a free port (it cannot print the one it got)
#   start_python_peer NAME ARGS...    tests/interop/peers.py, which prints "ACCEPT host:port"
#   check NAME COMMAND...             one test case: passes when COMMAND exits 0
# Every started process is killed at exit; $work is removed.
. "$src/tests/support/cli_assert.sh"

work=$(mktemp -d /tmp/lucid_interop.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

peer_limit=${LUCID_PEER_TIMEOUT:-40}  # seconds any peer may live
ca=$src/demo/ca.pem
cert=$src/demo/server.pem
key=$src/demo/server.key
peers_py=$src/tests/interop/peers.py

# The four AES suites: OpenSSL name, IANA name, GnuTLS cipher, GnuTLS MAC.
suites=(
  "AES128-SHA TLS_RSA_WITH_AES_128_CBC_SHA AES-128-CBC SHA1"
  "AES256-SHA TLS_RSA_WITH_AES_256_CBC_SHA AES-256-CBC SHA1"
  "AES128-SHA256 TLS_RSA_WITH_AES_128_CBC_SHA256 AES-128-CBC SHA256"
  "AES256-SHA256 TLS_RSA_WITH_AES_256_CBC_SHA256 AES-256-CBC SHA256"
)

# require PROGRAM...: skip the whole suite (exit 77, meson's "skipped") if a peer is missing.
require() {
  for p in "$@"; do
    if ! command -v "$p" >/dev/null 2>&1; then
      echo "skipped: $p is not installed (scripts/setup.sh installs it)"
      exit 77
    fi
  done
  for f in "$ca" "$cert" "$key"; do
    if [ ! -f "$f" ]; then echo "FAILED: the demo PKI is missing: $f"; echo "0 passed, 1 failed"; exit 1; fi
  done
}

gnutls_priority() {  # gnutls_priority CIPHER MAC
  echo "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+RSA:-CIPHER-ALL:+$1:-MAC-ALL:+$2"
}

# wait_for_accept FILE PID: waits (at most 10 s) for "ACCEPT host:port" in FILE, sets PORT.
# A name used again must not show the last peer's lines: the shell truncates NAME.out only when
# the new peer's process starts, which on a loaded machine can be after the first look at the
# file, and the old "ACCEPT host:port" line would send the next client to a dead port.
fresh_output() { rm -f "$work/$1.out" "$work/$1.err"; }

wait_for_accept() {
  local file=$1 pid=$2 i line
  PORT=
  # Up to 30 s: the ASan pass runs on a loaded 2-core machine, where a server can take seconds to
  # print its line; a peer that exits early ends the wait at once.
  for i in $(seq 1 600); do
    line=$(grep -m1 -E '^ACCEPT ' "$file" 2>/dev/null)
    if [ -n "$line" ]; then PORT=${line##*:}; return 0; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "FAILED: peer did not start listening: $(head -c 600 "$file" "${file%.out}.err" 2>/dev/null)"
  return 1
}

start_lucid_server() {
  local name=$1; shift
  fresh_output "$name"
  timeout "$peer_limit" "$lucid" server --accept 0 "$@" >"$work/$name.out" 2>"$work/$name.err" </dev/null &
  local pid=$!
  pids+=("$pid"); eval "${name}_pid=$pid"
  wait_for_accept "$work/$name.out" "$pid"
}

start_openssl_server() {
  local name=$1; shift
  fresh_output "$name"
  timeout "$peer_limit" openssl s_server -accept 127.0.0.1:0 "$@" >"$work/$name.out" 2>"$work/$name.err" </dev/null &
  local pid=$!
  pids+=("$pid"); eval "${name}_pid=$pid"
  wait_for_accept "$work/$name.out" "$pid"
}

start_python_peer() {
  local name=$1; shift
  fresh_output "$name"
  timeout "$peer_limit" python3 "$peers_py" "$@" >"$work/$name.out" 2>"$work/$name.err" </dev/null &
  local pid=$!
  pids+=("$pid"); eval "${name}_pid=$pid"
  wait_for_accept "$work/$name.out" "$pid"
}

free_port() { python3 "$peers_py" free-port; }

# gnutls-serv cannot listen on port 0 and report it: pick a free port, retry if it was taken.
start_gnutls_server() {
  local name=$1; shift
  local attempt pid
  for attempt in 1 2 3; do
    fresh_output "$name"
    PORT=$(free_port)
    timeout "$peer_limit" gnutls-serv -p "$PORT" "$@" >"$work/$name.out" 2>"$work/$name.err" </dev/null &
    pid=$!
    pids+=("$pid"); eval "${name}_pid=$pid"
    if python3 "$peers_py" wait-port 127.0.0.1 "$PORT" 10; then return 0; fi
    kill "$pid" 2>/dev/null
  done
  echo "FAILED: gnutls-serv did not start: $(head -c 600 "$work/$name.err")"
  return 1
}

# stop NAME: kills a peer started above (and waits for it).
stop() {
  local pid
  eval "pid=\${${1}_pid:-}"
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  [ -n "$pid" ] && wait "$pid" 2>/dev/null
  return 0
}

# wait_exit NAME SECONDS: waits for a peer to exit by itself; sets STATUS (124 if it did not).
wait_exit() {
  local pid i
  eval "pid=\${${1}_pid:-}"
  STATUS=124
  for i in $(seq 1 $(( $2 * 20 ))); do
    if ! kill -0 "$pid" 2>/dev/null; then wait "$pid"; STATUS=$?; return 0; fi
    sleep 0.05
  done
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return 1
}

# check NAME COMMAND...: a test case that passes when COMMAND succeeds; on failure shows the
# logs of the peers (COMMAND should leave its own output in $work).
check() {
  local name=$1; shift
  if "$@"; then _ok; echo "ok: $name"; else
    _bad "$name"
    for f in "$work"/*.out "$work"/*.err; do
      [ -s "$f" ] && { echo "  --- $(basename "$f"):"; head -c 1500 "$f" | sed 's/^/    /'; }
    done
  fi
  rm -f "$work"/*.out "$work"/*.err
}

# has FILE PATTERN: grep -E with a readable failure.
has() {
  if grep -qE -- "$2" "$1"; then return 0; fi
  echo "  expected /$2/ in $(basename "$1")"
  return 1
}

# same_master_secret FILE_A FILE_B: both key logs hold the same CLIENT_RANDOM line.
same_master_secret() {
  local a b
  a=$(grep -m1 '^CLIENT_RANDOM ' "$1" | tr 'A-F' 'a-f')
  b=$(grep -m1 '^CLIENT_RANDOM ' "$2" | tr 'A-F' 'a-f')
  if [ -n "$a" ] && [ "$a" = "$b" ]; then return 0; fi
  echo "  key logs differ: '$a' vs '$b'"
  return 1
}

# The two GnuTLS exchanges, shared by test_gnutls.sh and test_dhe.sh; each caller adds the checks
# that are its own (which suite, which key exchange) on the logs these leave in $work.
#   exchange_lucid_client_to_gnutls PRIORITY LABEL IANA_NAME: gnutls-serv --echo; the lucid client
#     sends "hello from lucid over LABEL" with --cipher IANA_NAME and must get it back.
#     Leaves $work/client.out and client.err.
#   exchange_gnutls_client_to_lucid PRIORITY: lucid server --www --once; gnutls-cli sends a GET.
#     Both must exit 0. Leaves $work/gnutls-cli.out and the server's $work/l.err.
exchange_lucid_client_to_gnutls() {
  # -a: do not ask for a client certificate.
  start_gnutls_server g --echo -a --x509certfile "$cert" --x509keyfile "$key" --priority "$1" || return 1
  printf 'hello from lucid over %s\n' "$2" | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" \
    --cipher "$3" --wait 0.5 >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop g
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  has "$work/client.out" "^hello from lucid over $2\$"
}

exchange_gnutls_client_to_lucid() {
  start_lucid_server l --cert "$cert" --key "$key" --www --once || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 gnutls-cli --x509cafile "$ca" -p "$PORT" localhost \
    --priority "$1" >"$work/gnutls-cli.out" 2>"$work/gnutls-cli.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  gnutls-cli exited with $status"; return 1; }
  [ "$STATUS" -eq 0 ] || { echo "  lucid server exited with $STATUS"; return 1; }
}
