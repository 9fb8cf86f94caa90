#!/usr/bin/env bash
# `lucid server --echo` returns exactly what was sent: SIZE bytes of pseudo-random data each way,
# written in random sizes (1 byte to 64 KiB), through a proxy that cuts the TCP stream into random
# pieces (1 byte to 16 KiB, TCP_NODELAY, so records arrive split anywhere), against `lucid client`
# and `openssl s_client`. SHA-256 and byte counts of what was sent and what came back are compared.
#
# Usage: scripts/echo-integrity.sh [LUCID] [SIZE] [CLIENTS]
#   LUCID    default build/tools/lucid
#   SIZE     bytes each way, with K, M or G (default 64M); 1G is the figure of docs/robustness.md
#   CLIENTS  comma-separated: lucid,openssl (default both)
# Exit status 0 when every client got back exactly what it sent. Loopback only, ephemeral ports,
# every wait bounded (a run may take at most 60 s plus 1 s per MiB); the server is stopped at the end.
set -u
lucid=${1:-build/tools/lucid}
size=${2:-64M}
clients=${3:-lucid,openssl}
src=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$out"' EXIT

"$lucid" server --cert "$src/demo/server.pem" --key "$src/demo/server.key" --accept 127.0.0.1:0 --echo \
  --timeout 120 >"$out/server.out" 2>"$out/server.err" &
server=$!
for _ in $(seq 100); do grep -q ACCEPT "$out/server.out" && break; sleep 0.1; done
port=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$out/server.out")
if [ -z "$port" ]; then echo "echo-integrity: the server did not start"; cat "$out/server.err"; exit 1; fi

python3 - "$port" "$size" "$clients" "$lucid" "$src" "$server" <<'PY'
import hashlib, os, random, socket, subprocess, sys, threading, time

port, size_text, clients, lucid, src, server_pid = sys.argv[1:7]
units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
size = int(size_text[:-1]) * units[size_text[-1].upper()] if size_text[-1].upper() in units else int(size_text)
deadline_s = 60 + size / (1 << 20)

def log_sizes(rng, top):
    """Sizes spread over every order of magnitude from 1 to top."""
    return max(1, int(2 ** rng.uniform(0, top.bit_length() - 1)))

def pump(src_sock, dst_sock, rng):
    """Forwards one direction, cut into random pieces."""
    try:
        while True:
            data = src_sock.recv(1 << 16)
            if not data:
                break
            view = memoryview(data)
            while view:
                n = log_sizes(rng, 1 << 14)
                dst_sock.sendall(view[:n])
                view = view[n:]
    except OSError:
        pass
    try:
        dst_sock.shutdown(socket.SHUT_WR)  # pass the end of the stream on
    except OSError:
        pass

def proxy(listener, seed):
    """Accepts one client and relays it to the server, fragmenting both directions."""
    client, _ = listener.accept()
    upstream = socket.create_connection(("127.0.0.1", int(port)))
    for s in (client, upstream):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    threads = [threading.Thread(target=pump, args=(client, upstream, random.Random(seed))),
               threading.Thread(target=pump, args=(upstream, client, random.Random(seed + 1)))]
    for t in threads: t.start()
    for t in threads: t.join()
    client.close(); upstream.close()

def rss_kib(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS"): return int(line.split()[1])
    except OSError:
        return -1

def run(name, seed):
    listener = socket.socket(); listener.bind(("127.0.0.1", 0)); listener.listen(1)
    proxy_port = listener.getsockname()[1]
    relay = threading.Thread(target=proxy, args=(listener, seed), daemon=True); relay.start()
    if name == "lucid":
        cmd = [lucid, "client", f"127.0.0.1:{proxy_port}", "--CAfile", f"{src}/demo/ca.pem",
               "--servername", "localhost", "--wait", "1", "--timeout", str(int(deadline_s))]
    else:
        cmd = ["openssl", "s_client", "-connect", f"127.0.0.1:{proxy_port}", "-quiet", "-no_ign_eof", "-nocommands",
               "-CAfile", f"{src}/demo/ca.pem", "-servername", "localhost", "-verify_return_error"]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sent, received = hashlib.sha256(), hashlib.sha256()
    counts = {"sent": 0, "received": 0}
    all_back = threading.Event()

    def writer():
        rng = random.Random(seed + 2)
        data_rng = random.Random(seed + 3)
        try:
            while counts["sent"] < size:
                n = min(log_sizes(rng, 1 << 16), size - counts["sent"])
                chunk = data_rng.randbytes(n)
                proc.stdin.write(chunk); proc.stdin.flush()
                sent.update(chunk); counts["sent"] += n
            all_back.wait(deadline_s)  # the client closes at the end of its input: only once all came back
        except (BrokenPipeError, OSError):
            pass
        try:
            proc.stdin.close()
        except OSError:
            pass

    def reader():
        while True:
            chunk = proc.stdout.read1(1 << 20)
            if not chunk:
                break
            received.update(chunk); counts["received"] += len(chunk)
            if counts["received"] >= size:
                all_back.set()
        all_back.set()

    stderr_chunks = []
    err = threading.Thread(target=lambda: stderr_chunks.append(proc.stderr.read()), daemon=True)
    t0 = time.monotonic()
    threads = [threading.Thread(target=writer, daemon=True), threading.Thread(target=reader, daemon=True)]
    for t in threads + [err]: t.start()
    for t in threads: t.join(deadline_s)
    try:
        status = proc.wait(timeout=max(1.0, deadline_s - (time.monotonic() - t0)))
    except subprocess.TimeoutExpired:
        proc.kill(); status = "killed (timeout)"
    elapsed = time.monotonic() - t0
    err.join(5)
    ok = counts["sent"] == size and counts["received"] == size and sent.digest() == received.digest()
    mib = size / (1 << 20)
    print(f"{name:8} {'OK  ' if ok else 'FAIL'} sent {counts['sent']} received {counts['received']} bytes, "
          f"sha256 {'equal' if sent.digest() == received.digest() else 'DIFFERENT'}, exit {status}, "
          f"{elapsed:.1f} s, {mib / elapsed:.1f} MiB/s each way; server RSS {rss_kib(server_pid)} KiB")
    print(f"         sha256 {sent.hexdigest()}")
    if not ok:
        text = (stderr_chunks[0] if stderr_chunks else b"").decode(errors="replace").strip()
        print("         client stderr: " + "\n         ".join(text.splitlines()[-5:]))
    return ok

results = [run(name, 1000 * i + 7) for i, name in enumerate(clients.split(",")) if name]
sys.exit(0 if results and all(results) else 1)
PY
status=$?
if [ $status -ne 0 ]; then echo "echo-integrity: server log:"; tail -5 "$out/server.err"; fi
exit $status
