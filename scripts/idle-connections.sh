#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): `lucid server` holding N idle TCP connections that
# never send a byte, while a good client connects. Prints the server's RSS and descriptors before
# and after, the memory per held connection, and how long the good client's handshake took.
# Usage: scripts/idle-connections.sh [LUCID] [N]   (default build/tools/lucid, 10000)
# Loopback only, ephemeral port; every wait is bounded; the server is stopped at the end.
set -u
lucid=${1:-build/tools/lucid}
n=${2:-10000}
src=$(cd "$(dirname "$0")/.." && pwd)
ulimit -n "$(ulimit -Hn)" 2>/dev/null
out=$(mktemp -d)
trap 'kill "$server" 2>/dev/null; rm -rf "$out"' EXIT
"$lucid" server --cert "$src/demo/server.pem" --key "$src/demo/server.key" --accept 127.0.0.1:0 --echo \
  --timeout 120 >"$out/server.out" 2>"$out/server.err" &
server=$!
for _ in $(seq 100); do grep -q ACCEPT "$out/server.out" && break; sleep 0.1; done
port=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$out/server.out")
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
fds() { ls "/proc/$server/fd" | wc -l; }
echo "server pid $server port $port; before: RSS $(rss) KiB, $(fds) descriptors"
python3 - "$port" "$n" "$server" "$lucid" "$src" <<'PY'
import socket, sys, time, subprocess
port, n, pid, lucid, src = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
held = []
t0 = time.monotonic()
for i in range(n):
    s = socket.socket(); s.settimeout(5)
    try:
        s.connect(("127.0.0.1", port))
    except OSError as e:
        print(f"connect {i}: {e}"); break
    held.append(s)
def status(key):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(key): return int(line.split()[1])
time.sleep(2)  # let the server accept them all
fds = len(__import__("os").listdir(f"/proc/{pid}/fd"))
rss = status("VmRSS")
print(f"{len(held)} idle connections opened in {time.monotonic()-t0:.1f} s; server RSS {rss} KiB, {fds} descriptors")
t = time.monotonic()
# --wait must be above 0 (0 < s <= 86400): "--wait 0" was a usage error, exit status 2.
r = subprocess.run([lucid, "client", f"127.0.0.1:{port}", "--wait", "0.2", "--CAfile", f"{src}/demo/ca.pem",
                    "--servername", "localhost"], input=b"hello\n", capture_output=True, timeout=60)
echoed = "echoed" if r.stdout == b"hello\n" else f"NOT echoed (got {r.stdout[:40]!r})"
print(f"good client: exit {r.returncode}, {echoed}, {time.monotonic()-t:.2f} s")
if r.returncode != 0:
    print(r.stderr.decode(errors="replace").strip())
for s in held: s.close()
PY
sleep 1
echo "after: RSS $(rss) KiB, $(fds) descriptors"
