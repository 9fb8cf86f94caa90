#!/usr/bin/env bash
# `lucid hash` and `lucid hmac` against `openssl dgst` and `sha256sum`, whose answers are computed
# here, in the script, on the same bytes. Usage: test_hash.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/support/cli_assert.sh"

if ! command -v openssl >/dev/null; then
  echo "FAILED: openssl is not installed; it computes the expected values of this test"
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'The quick brown fox jumps over the lazy dog' > "$tmp/fox"
: > "$tmp/empty"
seq 1 40000 > "$tmp/big"   # 228,894 bytes: more than one 64 KiB read chunk

# reference ALG FILE [openssl dgst options...]: the hex digest openssl computes.
reference() {
  local alg=$1 file=$2; shift 2
  openssl dgst "-$alg" "$@" -r < "$file" | cut -d' ' -f1
}
hex_of() { od -An -v -tx1 "$1" | tr -d ' \n'; }
from_stdin() { local file=$1; shift; "$lucid" "$@" - < "$file"; }

for alg in md5 sha1 sha224 sha256 sha384 sha512; do
  expect_output "hash $alg of a file matches openssl dgst" "$(reference $alg "$tmp/fox")" \
    "$lucid" hash $alg "$tmp/fox"
  expect_output "hash $alg of the empty file" "$(reference $alg "$tmp/empty")" "$lucid" hash $alg "$tmp/empty"
  expect_output "hash $alg of --hex" "$(reference $alg "$tmp/fox")" "$lucid" hash $alg --hex "$(hex_of "$tmp/fox")"
  expect_output "hash $alg of standard input" "$(reference $alg "$tmp/fox")" from_stdin "$tmp/fox" hash $alg
  expect_output "hash $alg of a file read in several chunks" "$(reference $alg "$tmp/big")" "$lucid" hash $alg "$tmp/big"

  expect_output "hmac $alg matches openssl dgst -mac HMAC" \
    "$(reference $alg "$tmp/fox" -mac HMAC -macopt hexkey:6b6579)" \
    "$lucid" hmac $alg --key 6b6579 "$tmp/fox"
  expect_output "hmac $alg of the empty message from standard input" \
    "$(reference $alg "$tmp/empty" -mac HMAC -macopt hexkey:6b6579)" \
    from_stdin "$tmp/empty" hmac $alg --key 6b6579
done

long_key=$(printf 'ab%.0s' $(seq 1 200))   # 200 bytes of 0xab
for alg in sha256 sha512; do
  expect_output "hmac $alg with a key longer than the block (RFC 2104 §2)" \
    "$(reference $alg "$tmp/big" -mac HMAC -macopt hexkey:$long_key)" \
    "$lucid" hmac $alg --key "$long_key" "$tmp/big"
done

expect_output "hash sha256 agrees with sha256sum" "$(sha256sum < "$tmp/big" | cut -d' ' -f1)" \
  "$lucid" hash sha256 "$tmp/big"
expect_output "hash of --hex with no digits is the empty message" "$(reference sha1 "$tmp/empty")" \
  "$lucid" hash sha1 --hex ""
expect_output "hash of empty standard input" "$(reference sha256 "$tmp/empty")" from_stdin "$tmp/empty" hash sha256
expect_output "upper-case hex and SHA-256 spelling are accepted" "$(reference sha256 "$tmp/fox")" \
  "$lucid" hash SHA-256 --hex "$(hex_of "$tmp/fox" | tr a-f A-F)"

expect_stderr "bad hex is a usage error naming the character" 2 "'g' at position 1 is not a hex digit" \
  "$lucid" hash sha256 --hex 0g
expect_stderr "odd hex is a usage error" 2 "odd number of digits" "$lucid" hash sha256 --hex abc
expect_stderr "unknown algorithm is a usage error naming it" 2 "unknown hash algorithm 'sha3'" \
  "$lucid" hash sha3 --hex 00
expect_stderr "hmac with an unknown algorithm" 2 "unknown hash algorithm 'blake2'" \
  "$lucid" hmac blake2 --key 00 --hex 00
expect_stderr "no algorithm at all" 2 "name the hash algorithm" "$lucid" hash --hex 00
expect_stderr "no message" 2 "no message" "$lucid" hash sha256
expect_stderr "two messages" 2 "only one message" "$lucid" hash sha256 --hex 00 "$tmp/fox"
expect_stderr "a missing file is named" 2 "cannot open $tmp/missing" "$lucid" hash sha256 "$tmp/missing"
expect_stderr "hmac without --key" 2 "missing --key" "$lucid" hmac sha256 --hex 00
expect_stderr "hmac with a bad key" 2 "--key: hex" "$lucid" hmac sha256 --key xyz --hex 00

# Issue 10: hex as the trace prints it (spaced, colon-separated, over several lines) is accepted.
spaced=$(od -An -v -tx1 "$tmp/fox")   # "54 68 65 20 ..." on several lines
expect_output "hash sha256 of --hex with spaces and line breaks, as the trace prints it" \
  "$(reference sha256 "$tmp/fox")" "$lucid" hash sha256 --hex "$spaced"
expect_output "hash sha256 of --hex with colons, as openssl x509 -text prints it" \
  "$(reference sha256 "$tmp/fox")" "$lucid" hash sha256 --hex "$(hex_of "$tmp/fox" | sed 's/../&:/g; s/:$//')"
expect_stderr "a separator inside a byte is refused with its position" 2 "position 1 splits a byte" \
  "$lucid" hash sha256 --hex "5 468"
finish
