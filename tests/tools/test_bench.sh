#!/usr/bin/env bash
# `lucid bench` prints one line per benchmark in a fixed shape. Only the shape is checked: how
# fast anything runs depends on the machine, so no figure is asserted. The rows checked here are
# the byte-throughput rows (MB/s); rows in ops/s may be added to the table beside them.
# Usage: test_bench.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/support/cli_assert.sh"

rows=("AES-128-CBC encrypt \\(portable, bit-sliced\\)" "AES-128-CBC decrypt \\(portable, bit-sliced\\)"
      "SHA-1" "SHA-256" "HMAC-SHA256")
rows+=("AES-128-GCM seal \\(portable\\)" "ChaCha20-Poly1305 seal")
# The AES-NI rows exist only where the CPU has AES-NI; elsewhere they say so.
if grep -qw aes /proc/cpuinfo 2>/dev/null; then
  rows+=("AES-128-CBC encrypt \\(AES-NI\\)" "AES-128-CBC decrypt \\(AES-NI\\)")
fi
number='[0-9]+\.[0-9]+'

# check_rows NAME OUTPUT PATTERN_AFTER_LUCID_FIGURE: each row appears once, with lucid's figure
# in MB/s followed by the given pattern.
check_rows() {
  local name=$1 out=$2 tail=$3 row
  for row in "${rows[@]}"; do
    if [ "$(printf '%s\n' "$out" | grep -cE "^$row +$number MB/s +$tail\$")" -eq 1 ]; then _ok; else
      _bad "$name: no single line for '$row' ending in /$tail/"; printf '%s\n' "$out" | head -12; fi
  done
}

# --only TEXT: the rows whose name contains TEXT, and no other.
out=$("$lucid" bench --quick --no-openssl --only "RSA-2048 private" 2>&1); status=$?
if [ "$status" -eq 0 ] && printf '%s\n' "$out" | grep -q "^RSA-2048 private" && ! printf '%s\n' "$out" | grep -q "^SHA-256"; then
  _ok; else _bad "bench --only 'RSA-2048 private': status $status or wrong rows"; fi
out=$("$lucid" bench --quick --no-openssl 2>&1); status=$?
if [ "$status" -eq 0 ]; then _ok; else _bad "bench --quick --no-openssl: status $status"; fi
check_rows "without openssl" "$out" "- +-"
if printf '%s\n' "$out" | grep -qE "^openssl: not asked for"; then _ok; else _bad "--no-openssl is not said"; fi

if command -v openssl >/dev/null; then
  out=$("$lucid" bench --quick 2>&1); status=$?
  if [ "$status" -eq 0 ]; then _ok; else _bad "bench --quick: status $status"; fi
  check_rows "beside openssl speed" "$out" "$number MB/s +$number"
  if printf '%s\n' "$out" | grep -qE "^compared with OpenSSL"; then _ok; else _bad "no OpenSSL version line"; fi
fi

# lucid bench --tls, as a smoke run only (one short round, 4 MiB): every row is printed with a
# figure on both sides and a ratio. The real figures come from a manual run (docs/performance.md).
if command -v openssl >/dev/null; then
  out=$("$lucid" bench --tls --quick 2>&1); status=$?
  if [ "$status" -eq 0 ]; then _ok; else _bad "bench --tls --quick: status $status"; printf '%s\n' "$out" | tail -5; fi
  for row in "full RSA handshake, AES128-SHA \\(s_time -new\\): handshakes/s" "resumed by session ID \\(s_time -reuse\\): handshakes/s" \
             "resumed by session ticket \\(RFC 5077\\) \\(s_time -reuse\\): handshakes/s" \
             "full DHE_RSA handshake, ffdhe2048 \\(s_time -new\\): handshakes/s" \
             "full ECDHE_RSA handshake, X25519 \\(s_time -new\\): handshakes/s" "  server CPU per handshake" \
             "upload 4 MiB to the server, AES128-SHA: MB/s" "upload 4 MiB to the server, AES128-SHA --no-etm: MB/s" \
             "upload 4 MiB to the server, AES128-SHA256: MB/s" \
             "upload 4 MiB to the server, ECDHE-RSA-AES128-GCM-SHA256: MB/s" \
             "upload 4 MiB to the server, ECDHE-RSA-CHACHA20-POLY1305: MB/s" \
             "download 4 MiB from the server, AES128-SHA: MB/s" "download 4 MiB from the server, AES128-SHA --no-etm: MB/s" \
             "download 4 MiB from the server, ECDHE-RSA-AES128-GCM-SHA256: MB/s" \
             "full RSA handshake, AES128-SHA: client CPU per process" \
             "full ECDHE_RSA handshake, X25519: client CPU per process" \
             "download 4 MiB from s_server -WWW, AES128-SHA: MB/s" "download 4 MiB from s_server -WWW, AES128-SHA256: MB/s" \
             "download 4 MiB from s_server -WWW, ECDHE-RSA-CHACHA20-POLY1305: MB/s" \
             "upload 4 MiB to s_server, ECDHE-RSA-AES128-GCM-SHA256: MB/s" \
             "  client CPU for the transfer" "  clients' CPU per handshake"; do
    if printf '%s\n' "$out" | grep -qE "^$row +$number [a-zA-Z/]+ +$number [a-zA-Z/]+ +$number\$"; then _ok; else
      _bad "bench --tls: no line for '$row' with both figures and a ratio"; fi
  done
  # Client resumption is a difference of two process CPU times; in one short round it may be 0.
  for how in "session ID" "session ticket \\(RFC 5077\\)"; do
    if printf '%s\n' "$out" | grep -qE "^resumed by $how: client CPU per resumption +$number ms +$number ms +($number|-)\$"; then _ok; else
      _bad "bench --tls: no line for the client resumption by $how"; fi
  done
  # Every resumption row resumed the way it says (s_time's and the clients' Reused counts).
  if printf '%s\n' "$out" | grep -q "^FAILED"; then _bad "bench --tls: a row failed"; else _ok; fi
  expect_stderr "--rounds 0 is a usage error" 2 "--rounds must be 1 to 99" "$lucid" bench --tls --rounds 0
  expect_stderr "--table other is a usage error" 2 "--table must be server, client or workers" "$lucid" bench --tls --table other
  # The workers table compares lucid server --workers 2 with --workers 1 under two clients at once.
  if printf '%s\n' "$out" | grep -qE "^workers: lucid server --workers 2 beside --workers 1"; then _ok; else
    _bad "bench --tls: no workers table"; fi
fi

expect_stderr "an unknown option is a usage error" 2 "unknown option --fast" "$lucid" bench --fast
expect_stderr "a stray argument is a usage error" 2 "unexpected argument 'now'" "$lucid" bench now

finish
