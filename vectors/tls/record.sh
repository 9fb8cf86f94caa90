#!/usr/bin/env bash
# Records real TLS sessions between `openssl s_client` and `openssl s_server`, for
# conformance/tls_recording.cpp to decrypt with lucidtls's PRF, key schedule and record layer.
#
#   vectors/tls/record.sh [OUTDIR]        (default OUTDIR: the directory of this script)
#
# For each (protocol version, cipher) below:
#   1. s_server listens on 127.0.0.1 (ephemeral port) with a throw-away RSA certificate;
#   2. a small TCP relay (python3, below) listens on another ephemeral port, forwards the client's
#      connection to s_server and saves every byte it forwards, in each direction;
#   3. s_client connects to the relay with -keylogfile (NSS key log: CLIENT_RANDOM <client random>
#      <master secret>), sends a known plaintext, reads the server's known plaintext, and closes
#      with close_notify when its input ends.
# Both sides get -no_etm, so that records are MAC-then-encrypt (RFC 5246 §6.2.3.2) and not
# encrypt-then-MAC (RFC 7366, which OpenSSL negotiates by default); the extended master secret
# (RFC 7627) stays on, as OpenSSL does by default: the master secret comes from the key log anyway.
# "@SECLEVEL=0" lets OpenSSL 3 use RSA key transport, SHA-1 MACs, TLS 1.0/1.1 and NULL-SHA256.
#
# The output file, NAME.txt, is one block of "Key = value" lines (read by conformance/rsp_reader.h):
#   Version          the s_client/s_server flag: tls1, tls1_1 or tls1_2
#   Cipher           the OpenSSL cipher name given to both sides
#   Keylog           the line s_client wrote to its key log file
#   ClientPlaintext  hex of the application data the client sent
#   ServerPlaintext  hex of the application data the server sent
#   ClientToServer   hex of every byte the relay forwarded from client to server
#   ServerToClient   hex of every byte the relay forwarded from server to client
# Every run makes new randoms, keys and certificates, so re-recording changes the files and their
# sha256 in vectors/README.md; the case counts stay the same unless OpenSSL splits records
# differently.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

for tool in openssl python3 xxd; do
  command -v "$tool" >/dev/null || { echo "record.sh: $tool is needed" >&2; exit 1; }
done

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" \
  -subj /CN=lucidtls-recording -days 2 2>/dev/null

# The known plaintexts. The client's is longer than 2^14 bytes, so it needs two records.
printf 'GET / HTTP/1.0\r\nHost: lucidtls.test\r\n\r\n' > "$work/client.txt"
for i in $(seq 1 260); do printf 'line %03d of the client text, which spans more than one record.\n' "$i"; done \
  >> "$work/client.txt"
printf 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nHello from openssl s_server.\n' > "$work/server.txt"

cat > "$work/relay.py" <<'PY'
# A TCP relay that saves what it forwards: relay.py SERVER_PORT PORT_FILE C2S_FILE S2C_FILE
import selectors, socket, sys
server_port, port_file, c2s_file, s2c_file = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(1)
listener.settimeout(20)
with open(port_file + ".tmp", "w") as f:
    f.write(str(listener.getsockname()[1]))
import os
os.rename(port_file + ".tmp", port_file)
client, _ = listener.accept()
server = socket.create_connection(("127.0.0.1", server_port), timeout=20)
saved = {client: bytearray(), server: bytearray()}
peer = {client: server, server: client}
open_sides = {client, server}
sel = selectors.DefaultSelector()
for s in open_sides:
    sel.register(s, selectors.EVENT_READ)
while open_sides:
    events = sel.select(timeout=20)
    if not events:
        break
    for key, _ in events:
        s = key.fileobj
        data = s.recv(65536)
        if data:
            saved[s] += data
            peer[s].sendall(data)
        else:
            sel.unregister(s)
            open_sides.discard(s)
            try:
                peer[s].shutdown(socket.SHUT_WR)
            except OSError:
                pass
with open(c2s_file, "wb") as f:
    f.write(saved[client])
with open(s2c_file, "wb") as f:
    f.write(saved[server])
PY

hex() { xxd -p "$1" | tr -d '\n'; }

# wait_for FILE PATTERN: up to 10 s for a line matching PATTERN to appear in FILE.
wait_for() {
  for _ in $(seq 1 100); do
    if grep -qE "$2" "$1" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "record.sh: timed out waiting for '$2' in $1" >&2
  return 1
}

record() {
  local name=$1 version=$2 cipher=$3
  local d="$work/$name"
  mkdir -p "$d"
  local flags=("-$version" -cipher "$cipher:@SECLEVEL=0" -no_etm)

  # The server sends its text a moment after the client connected; it stops after one connection.
  # (Not -quiet: it would hide the ACCEPT line that gives the port. The text must not start with
  # q, Q or r, which s_server reads as commands.)
  ( sleep 1; cat "$work/server.txt"; sleep 6 ) |
    timeout 20 openssl s_server -accept 127.0.0.1:0 -naccept 1 -cert "$work/cert.pem" \
      -key "$work/key.pem" "${flags[@]}" > "$d/server.out" 2> "$d/server.err" &
  pids+=($!)
  wait_for "$d/server.out" '^ACCEPT'
  local server_port
  server_port=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$d/server.out")

  timeout 25 python3 "$work/relay.py" "$server_port" "$d/relay.port" "$d/c2s.bin" "$d/s2c.bin" &
  local relay_pid=$!
  pids+=($relay_pid)
  for _ in $(seq 1 100); do [ -s "$d/relay.port" ] && break; sleep 0.1; done
  local relay_port
  relay_port=$(cat "$d/relay.port")

  # The client sends its text after the handshake, then closes (close_notify) when its input ends.
  ( sleep 2; cat "$work/client.txt"; sleep 1 ) |
    timeout 20 openssl s_client -connect "127.0.0.1:$relay_port" -quiet -no_ign_eof \
      -keylogfile "$d/keylog.txt" "${flags[@]}" > "$d/client.out" 2> "$d/client.err" || true
  wait "$relay_pid"

  # The plaintext must have arrived as sent, or the recording is worthless.
  cmp -s "$d/client.out" "$work/server.txt" || { echo "record.sh: $name: the client did not receive the server's text" >&2; cat "$d/client.err" >&2; exit 1; }
  grep -q 'line 260 of the client text' "$d/server.out" || { echo "record.sh: $name: the server did not receive the client's text" >&2; cat "$d/server.err" >&2; exit 1; }
  local keylog
  keylog=$(grep '^CLIENT_RANDOM ' "$d/keylog.txt")

  {
    echo "# A TLS session between openssl s_client and openssl s_server ($(openssl version | cut -d' ' -f1-2)),"
    echo "# recorded on 127.0.0.1 by record.sh beside this file, which describes the format."
    echo "# s_client and s_server flags: -$version -cipher $cipher:@SECLEVEL=0 -no_etm"
    echo
    echo "Version = $version"
    echo "Cipher = $cipher"
    echo "Keylog = $keylog"
    echo "ClientPlaintext = $(hex "$work/client.txt")"
    echo "ServerPlaintext = $(hex "$work/server.txt")"
    echo "ClientToServer = $(hex "$d/c2s.bin")"
    echo "ServerToClient = $(hex "$d/s2c.bin")"
  } > "$out/$name.txt"
  echo "recorded $out/$name.txt: $(stat -c %s "$d/c2s.bin") bytes client->server, $(stat -c %s "$d/s2c.bin") bytes server->client"
}

record openssl-tls12-aes128-sha256 tls1_2 AES128-SHA256
record openssl-tls12-aes256-sha256 tls1_2 AES256-SHA256
record openssl-tls12-aes256-sha tls1_2 AES256-SHA
record openssl-tls12-aes128-sha tls1_2 AES128-SHA
record openssl-tls12-null-sha256 tls1_2 NULL-SHA256
record openssl-tls11-aes128-sha tls1_1 AES128-SHA
record openssl-tls10-aes256-sha tls1 AES256-SHA
