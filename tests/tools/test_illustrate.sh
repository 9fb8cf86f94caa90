#!/usr/bin/env bash
# `lucid illustrate` and `lucid decrypt` as a user runs them (issue 14): every recording of
# vectors/tls/ as a page and as text; captures written by the test itself (the recordings wrapped
# as pcap, and as pcapng), opened with the server's key and with a key log; the forward-secrecy
# lesson (docs/forward-secrecy.md); truncated and corrupted captures.
# Usage: test_illustrate.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/support/cli_assert.sh"
cd "$src" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# is_html FILE: python's parser reads it, it ends with </html>, and every step anchor it links to exists.
is_html() {
  python3 - "$1" <<'PY'
import sys, html.parser
text = open(sys.argv[1], encoding="utf-8").read()
ids, hrefs = set(), set()
class P(html.parser.HTMLParser):
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a: ids.add(a["id"])
        if tag == "a" and a.get("href", "").startswith("#"): hrefs.add(a["href"][1:])
        if tag in ("script", "img", "link", "iframe") and ("src" in a or "href" in a):
            sys.exit("external resource: <%s %s>" % (tag, a))
P().feed(text)
missing = hrefs - ids
if missing: sys.exit("links to missing ids: %s" % sorted(missing)[:5])
if not text.rstrip().endswith("</html>"): sys.exit("no </html>")
PY
}

for f in vectors/tls/*.txt; do
  name=$(basename "$f" .txt)
  if "$lucid" illustrate "$f" --output "$tmp/$name.html" 2>"$tmp/err" && is_html "$tmp/$name.html"; then _ok; else
    _bad "illustrate $f: $(cat "$tmp/err")"; fi
  expect_match "$name: the page names step 1" 'id="step-1"' cat "$tmp/$name.html"
done
expect_match "a lucid recording replays into the text trace" "step 1 of 12: ClientHello" \
  "$lucid" illustrate vectors/tls/lucid-aes128-sha256.txt --text
expect_match "and from the server's side" "server computes" \
  "$lucid" illustrate vectors/tls/lucid-aes128-sha256.txt --text --side server
expect_match "an OpenSSL recording: both Finished verified with its key log" "server Finished verified" \
  "$lucid" illustrate vectors/tls/openssl-tls12-aes128-sha256.txt --text
expect_match "the page of an OpenSSL TLS 1.0 recording uses MD5-SHA1 in its commands" "digest:MD5-SHA1" \
  "$lucid" illustrate vectors/tls/openssl-tls10-aes256-sha.txt --show-secrets
expect_match "without --show-secrets, the page says secrets are hidden" "Secret values .* are hidden" \
  "$lucid" illustrate vectors/tls/lucid-aes128-sha256.txt
expect_stderr "illustrate without a file is a usage error" 2 "name a recording" "$lucid" illustrate

# --html on a live client and server (loopback, demo PKI, deterministic mode).
"$lucid" server --accept 0 --once --www --cert demo/server.pem --key demo/server.key --seed 01 \
  --html "$tmp/server.html" >"$tmp/server.out" 2>"$tmp/server.err" &
server_pid=$!
for _ in $(seq 50); do [ -s "$tmp/server.out" ] && break; sleep 0.1; done
port=$(head -1 "$tmp/server.out" | sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p')
printf 'GET / HTTP/1.0\r\n\r\n' | "$lucid" client "localhost:$port" --CAfile demo/ca.pem --seed 02 --wait 1 \
  --html "$tmp/client.html" --show-secrets >"$tmp/client.out" 2>"$tmp/client.err"
wait "$server_pid"
if is_html "$tmp/client.html" && grep -q "This page shows every secret" "$tmp/client.html" && grep -q "client computes" "$tmp/client.html"; then
  _ok; else _bad "lucid client --html --show-secrets: $(tail -3 "$tmp/client.err")"; fi
if is_html "$tmp/server.html" && grep -q "Secret values .* are hidden" "$tmp/server.html" && grep -q "server computes" "$tmp/server.html"; then
  _ok; else _bad "lucid server --html: $(tail -3 "$tmp/server.err")"; fi
if grep -q "step 1 of 12" "$tmp/client.err"; then _bad "--html --show-secrets must not also print the text trace"; else _ok; fi

# The forward-secrecy capture: an RSA and a DHE connection to the same server (10.0.0.2:443, key
# vectors/tls/data/lucid-server.key), as docs/forward-secrecy.md walks it.
rsa=vectors/tls/lucid-aes128-sha256.txt
dhe=vectors/tls/lucid-dhe-rsa-aes128-sha256.txt
key=vectors/tls/data/lucid-server.key
expect_status "the recordings become one capture" 0 "$lucid" illustrate "$rsa" "$dhe" --pcap "$tmp/fs.pcap"
expect_status "and their key log" 0 "$lucid" illustrate "$rsa" "$dhe" --write-keylog "$tmp/keys.txt"
expect_match "the capture holds two TLS connections" "fs.pcap: 2 TLS connections" "$lucid" decrypt "$tmp/fs.pcap"
out=$("$lucid" decrypt "$tmp/fs.pcap" --key "$key" 2>&1)
conn1=$(printf '%s\n' "$out" | sed -n '/^connection 1/,/^connection 2/p')
conn2=$(printf '%s\n' "$out" | sed -n '/^connection 2/,$p')
if printf '%s' "$conn1" | grep -q "| GET / HTTP/1.0"; then _ok; else _bad "RSA with --key shows the HTTP request: $conn1"; fi
if printf '%s' "$conn2" | grep -q "forward secrecy" && ! printf '%s' "$conn2" | grep -q "| GET /"; then _ok; else
  _bad "DHE with --key explains and shows nothing: $conn2"; fi
out=$("$lucid" decrypt "$tmp/fs.pcap" --keylog "$tmp/keys.txt" 2>&1)
if [ "$(printf '%s\n' "$out" | grep -c "| GET / HTTP/1.0")" = 2 ]; then _ok; else _bad "both with --keylog show the data: $out"; fi
expect_match "--trace explains every record of the capture" "step 5 of 12: ClientKeyExchange" \
  "$lucid" decrypt "$tmp/fs.pcap" --key "$key" --trace
expect_status "--html writes a page per connection" 0 "$lucid" decrypt "$tmp/fs.pcap" --keylog "$tmp/keys.txt" --html "$tmp/fs.html"
if is_html "$tmp/fs.html" && is_html "$tmp/fs-2.html"; then _ok; else _bad "decrypt --html pages are not well formed"; fi

# The same capture as pcapng (written here, independently of lucid's pcap writer).
python3 - "$tmp/fs.pcap" "$tmp/fs.pcapng" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
out = bytearray()
def block(kind, body):
    body += b"\0" * (-len(body) % 4)
    n = len(body) + 12
    out.extend(struct.pack("<II", kind, n) + body + struct.pack("<I", n))
block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
block(1, struct.pack("<HHI", 1, 0, 65535))
at = 24
while at < len(data):
    sec, usec, incl, orig = struct.unpack_from("<IIII", data, at)
    ts = sec * 1000000 + usec
    block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xffffffff, incl, orig) + data[at + 16:at + 16 + incl])
    at += 16 + incl
open(sys.argv[2], "wb").write(out)
PY
out=$("$lucid" decrypt "$tmp/fs.pcapng" --keylog "$tmp/keys.txt" 2>&1)
if [ "$(printf '%s\n' "$out" | grep -c "| GET / HTTP/1.0")" = 2 ]; then _ok; else _bad "pcapng: both decrypted: $out"; fi

# Broken captures: a clear sentence and exit 1, never a crash.
head -c 1000 "$tmp/fs.pcap" >"$tmp/cut.pcap"
expect_stderr "a truncated capture is named as such" 1 "truncated capture" "$lucid" decrypt "$tmp/cut.pcap" --key "$key"
head -c 1000 "$tmp/fs.pcapng" >"$tmp/cut.pcapng"
expect_stderr "a truncated pcapng too" 1 "truncated capture" "$lucid" decrypt "$tmp/cut.pcapng"
printf 'this is not a capture at all' >"$tmp/junk.pcap"
expect_stderr "a file that is not a capture" 1 "not a pcap or pcapng" "$lucid" decrypt "$tmp/junk.pcap"
python3 - "$tmp/fs.pcap" "$tmp/corrupt.pcap" <<'PY'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
d[24 + 8:24 + 12] = b"\xff\xff\xff\x7f"   # the first packet claims 2 GB
open(sys.argv[2], "wb").write(d)
PY
expect_stderr "a corrupted packet length" 1 "corrupted capture" "$lucid" decrypt "$tmp/corrupt.pcap"
# Flip bytes inside the TLS payloads: the decoder reports problems, and the command still ends.
python3 - "$tmp/fs.pcap" "$tmp/flipped.pcap" <<'PY'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
for i in range(400, len(d), 97): d[i] ^= 0x5a
open(sys.argv[2], "wb").write(d)
PY
"$lucid" decrypt "$tmp/flipped.pcap" --key "$key" >/dev/null 2>&1; status=$?
if [ "$status" -le 1 ]; then _ok; else _bad "a capture with flipped bytes: status $status (a crash?)"; fi
expect_stderr "decrypt needs a capture" 2 "name one capture" "$lucid" decrypt

finish
