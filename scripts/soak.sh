#!/usr/bin/env bash
# Soak: `lucid server --echo` for a bounded time under good clients and hostile ones at once.
#
#   good      full handshakes with bulk echo (256 KiB, checked byte for byte), and resumed ones
#             (Python's ssl module, that is OpenSSL, TLS 1.2)
#   hostile   stalled (connect, say nothing), half-open (half a record, then nothing), mutated
#             ClientHellos, floods in the clear (warning alerts, broken ChangeCipherSpecs, a
#             handshake header announcing 16 MiB, HelloRequests), floods under the real keys
#             after a real handshake (scripts/hostile_tls.py: empty records, warning alerts,
#             ClientHellos) and renegotiation requests in a loop (`openssl s_client` sending "R"
#             lines): the cases of docs/robustness.md, each must end in its fatal alert or a timeout
#
# Prints, every few seconds and at the end: handshakes served, failures by cause, the server's
# RSS and open descriptors. Exit status 0 when every good client was served, no hostile client
# hung the server, and the descriptors came back to where they were (memory is reported).
#
# Usage: scripts/soak.sh [LUCID] [SECONDS]   (default build/tools/lucid, 300)
# Loopback only, ephemeral port, every wait bounded; the server is stopped at the end.
set -u
lucid=${1:-build/tools/lucid}
seconds=${2:-300}
src=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$out"' EXIT

# --timeout 2: a stalled client is cut after 2 s (handshake and idle timeouts, net/connection.h).
"$lucid" server --cert "$src/demo/server.pem" --key "$src/demo/server.key" --accept 127.0.0.1:0 --echo \
  --timeout 2 >"$out/server.out" 2>"$out/server.err" &
server=$!
for _ in $(seq 100); do grep -q ACCEPT "$out/server.out" && break; sleep 0.1; done
port=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$out/server.out")
if [ -z "$port" ]; then echo "soak: the server did not start"; cat "$out/server.err"; exit 1; fi

python3 - "$port" "$seconds" "$server" "$src" "$out/server.err" <<'PY'
import collections, os, random, socket, ssl, subprocess, sys, threading, time
sys.path.insert(0, os.path.join(sys.argv[4], "scripts"))
try:
    import hostile_tls  # needs the cryptography package (python3-cryptography, scripts/setup.sh)
except ImportError as e:
    hostile_tls = None
    print(f"soak: note: no floods under real keys ({e})")

port, seconds, pid, src, server_log = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
stop = threading.Event()
lock = threading.Lock()
counts = collections.Counter()

def count(key, n=1):
    with lock:
        counts[key] += n

def rss_kib():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS"): return int(line.split()[1])

def descriptors():
    return len(os.listdir(f"/proc/{pid}/fd"))

def connect(timeout=10):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s

def context():
    c = ssl.create_default_context(cafile=f"{src}/demo/ca.pem")
    c.maximum_version = ssl.TLSVersion.TLSv1_2
    return c

def read_until_closed(s, limit=1 << 16):
    """What the server says before it closes (its alert), bounded by the socket timeout."""
    got = b""
    try:
        while len(got) < limit:
            chunk = s.recv(4096)
            if not chunk: break
            got += chunk
    except OSError:
        pass
    return got

def alert_of(reply):
    """'alert unexpected_message': the first alert record in the clear among the server's records."""
    names = {10: "unexpected_message", 20: "bad_record_mac", 22: "record_overflow", 40: "handshake_failure",
             47: "illegal_parameter", 50: "decode_error", 70: "protocol_version",
             90: "user_canceled (the handshake timeout)"}
    at = 0
    while at + 7 <= len(reply):
        if reply[at] == 21:
            return f"alert {names.get(reply[at + 6], reply[at + 6])}"
        at += 5 + int.from_bytes(reply[at + 3:at + 5], "big")
    return "closed without alert" if not reply else f"{len(reply)} bytes, no alert"

# --- good clients ---------------------------------------------------------------------------

def good(resume):
    ctx = context()
    session = None
    rng = random.Random(os.getpid() ^ threading.get_ident())
    while not stop.is_set():
        try:
            with connect() as raw, ctx.wrap_socket(raw, server_hostname="localhost", session=session) as s:
                if resume: count("good resumed" if s.session_reused else "good full (resuming client)")
                else: count("good full")
                payload = rng.randbytes(256 * 1024 if not resume else 4096)
                s.sendall(payload)
                back = b""
                while len(back) < len(payload):
                    chunk = s.recv(65536)
                    if not chunk: break
                    back += chunk
                if back != payload:
                    count("FAILURE good: echo differs"); continue
                count("good bytes echoed", len(payload))
                if resume: session = s.session
                s.unwrap()
        except Exception as e:  # every failure of a good client is a finding
            count(f"FAILURE good: {type(e).__name__}: {e}"[:120])
            time.sleep(0.2)

# --- hostile clients ------------------------------------------------------------------------

def client_hello_bytes():
    """A real ClientHello (OpenSSL's), taken from a memory BIO."""
    ctx = context()
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = ctx.wrap_bio(incoming, outgoing, server_hostname="localhost")
    try:
        obj.do_handshake()
    except ssl.SSLWantReadError:
        pass
    return outgoing.read()

HELLO = client_hello_bytes()

def record(content_type, body, version=b"\x03\x03"):
    return bytes([content_type]) + version + len(body).to_bytes(2, "big") + body

FLOODS = {
    "warning alerts": record(21, b"\x01\x5a") * 50,                  # user_canceled, warning
    "CCS of value 2": record(20, b"\x02"),
    "CCS of two bytes": record(20, b"\x01\x01"),
    "early CCS": HELLO + record(20, b"\x01"),
    "16 MiB handshake header": record(22, b"\x01\xff\xff\xff"),
    "HelloRequests": record(22, b"\x00\x00\x00\x00" * 200),
    "empty handshake record": record(22, b""),
}

def hostile_once(kind, rng):
    with connect(timeout=8) as s:
        if kind == "stalled":
            reply = read_until_closed(s)
        elif kind == "half-open":
            s.sendall(HELLO[: rng.randrange(1, len(HELLO))])
            reply = read_until_closed(s)
        elif kind == "mutated":
            hello = bytearray(HELLO)
            for _ in range(rng.randrange(1, 6)):
                hello[rng.randrange(len(hello))] = rng.randrange(256)
            s.sendall(bytes(hello))
            reply = read_until_closed(s)
        else:
            try:
                s.sendall(FLOODS[kind])
            except OSError:
                pass
            reply = read_until_closed(s)
    return reply

def hostile(kinds, pause):
    rng = random.Random(threading.get_ident())
    while not stop.is_set():
        kind = rng.choice(kinds)
        t0 = time.monotonic()
        try:
            reply = hostile_once(kind, rng)
            what = alert_of(reply) if kind not in ("stalled", "half-open") or reply else "closed by the server"
        except socket.timeout:
            what = "HUNG (no answer in 8 s)"
        except OSError as e:
            what = type(e).__name__
        count(f"hostile {kind}: {what}")
        if time.monotonic() - t0 > 7.5: count("FAILURE hostile client held past the timeout")
        stop.wait(pause)

# What each flood under the real keys must end with (docs/robustness.md).
EXPECTED = {
    "empty-records": [("fatal", "unexpected_message")],
    "warning-alerts": [("fatal", "unexpected_message")],
    "renegotiation": [("warning", "no_renegotiation")] * 3 + [("fatal", "unexpected_message")],
}

def encrypted_floods(pause):
    rng = random.Random(threading.get_ident())
    while not stop.is_set():
        case = rng.choice(list(EXPECTED))
        try:
            alerts = hostile_tls.attack("127.0.0.1", port, case)
            if alerts == EXPECTED[case]:
                count(f"hostile {case} (encrypted): ended by " + " ".join(f"{l} {n}" for l, n in alerts[-1:]))
            else:
                count(f"FAILURE hostile {case} (encrypted): alerts {alerts}")
        except Exception as e:
            count(f"FAILURE hostile {case} (encrypted): {type(e).__name__}: {e}"[:120])
        stop.wait(pause)

def renegotiation_loop():
    """openssl s_client asks to renegotiate (an "R" line) again and again after the handshake."""
    while not stop.is_set():
        p = subprocess.Popen(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-tls1_2",
                              "-CAfile", f"{src}/demo/ca.pem", "-servername", "localhost"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            out, _ = p.communicate(b"hello\n" + b"R\n" * 8, timeout=10)
            text = out.decode(errors="replace")
            cause = ("refused, then closed" if "alert" in text or "errno" in text or "closed" in text.lower()
                     else "ended")
            count(f"hostile renegotiation loop: {cause}")
        except subprocess.TimeoutExpired:
            p.kill(); p.communicate()
            count("FAILURE hostile renegotiation loop: s_client still connected after 10 s")
        stop.wait(0.5)

# --- the run --------------------------------------------------------------------------------

time.sleep(0.3)
baseline_fds, baseline_rss = descriptors(), rss_kib()
print(f"soak: {seconds:.0f} s against pid {pid} port {port}; at start RSS {baseline_rss} KiB, {baseline_fds} descriptors")
threads = [threading.Thread(target=good, args=(False,)), threading.Thread(target=good, args=(True,)),
           threading.Thread(target=hostile, args=(["stalled", "half-open"], 0.05)),
           threading.Thread(target=hostile, args=(["stalled", "half-open"], 0.05)),
           threading.Thread(target=hostile, args=(["mutated"] + list(FLOODS), 0.02)),
           threading.Thread(target=renegotiation_loop)]
if hostile_tls: threads.append(threading.Thread(target=encrypted_floods, args=(0.05,)))
for t in threads: t.daemon = True; t.start()
t0 = time.monotonic()
samples = []
interval = max(2.0, seconds / 10)
while time.monotonic() - t0 < seconds:
    time.sleep(min(interval, seconds - (time.monotonic() - t0)))
    with lock:
        good_n = counts["good full"] + counts["good resumed"] + counts["good full (resuming client)"]
        hostile_n = sum(v for k, v in counts.items() if k.startswith("hostile"))
    samples.append((time.monotonic() - t0, rss_kib(), descriptors()))
    print(f"  t={samples[-1][0]:6.1f} s  handshakes served {good_n:6}  hostile {hostile_n:6}  "
          f"RSS {samples[-1][1]} KiB  descriptors {samples[-1][2]}", flush=True)
stop.set()
for t in threads: t.join(15)
time.sleep(3)  # stalled connections reach their 2 s timeout
end_fds, end_rss = descriptors(), rss_kib()

print("counts:")
for key, value in sorted(counts.items()):
    print(f"  {value:10}  {key}")
failures = sum(v for k, v in counts.items() if k.startswith("FAILURE"))
served = counts["good full"] + counts["good resumed"]
rss_values = [r for _, r, _ in samples]
print(f"good handshakes: {served} ({counts['good resumed']} resumed), failures of good clients or hangs: {failures}")
print(f"server RSS: start {baseline_rss} KiB, min {min(rss_values)}, max {max(rss_values)}, end {end_rss} KiB")
print(f"server descriptors: start {baseline_fds}, max {max(d for _, _, d in samples)}, end {end_fds}")
ok = failures == 0 and served > 0 and counts["good resumed"] > 0 and end_fds <= baseline_fds + 1
print("soak: " + ("OK" if ok else "FAILED"))
sys.exit(0 if ok else 1)
PY
status=$?
echo "server log (last lines):"; tail -4 "$out/server.err"
exit $status
