#!/usr/bin/env bash
# Generates tls-prf-openssl.txt: TLS PRF cases computed by OpenSSL, an implementation independent
# of lucidtls, with `openssl kdf ... TLS1-PRF` (OpenSSL 3.x). Run from anywhere:
#   vectors/prf/generate.sh > vectors/prf/tls-prf-openssl.txt
# The inputs are not random: each secret and seed is the first bytes of SHA-256("<tag>-0") ||
# SHA-256("<tag>-1") || ..., so running the script again gives the same file byte for byte (the
# file's sha256 is recorded in vectors/README.md).
#
# For every case the script runs exactly:
#   openssl kdf -keylen N -kdfopt digest:DIGEST -kdfopt hexsecret:SECRET \
#       -kdfopt seed:LABEL -kdfopt hexseed:SEED TLS1-PRF
# OpenSSL concatenates the seed options in order, so its seed is LABEL || SEED, which is
# RFC 5246 §5's PRF(secret, label, seed) = P_hash(secret, label + seed). DIGEST SHA256 and SHA384
# give the TLS 1.2 PRF; DIGEST MD5-SHA1 gives the TLS 1.0/1.1 PRF of RFC 2246 §5.
set -euo pipefail

# hexbytes N TAG: N deterministic bytes, as lower-case hex.
hexbytes() {
  local n=$1 tag=$2 out="" i=0
  while [ ${#out} -lt $((2 * n)) ]; do
    out="$out$(printf '%s-%d' "$tag" "$i" | openssl dgst -sha256 -r | cut -c1-64)"
    i=$((i + 1))
  done
  printf '%s' "${out:0:$((2 * n))}"
}

count=0
# one PRF SECRET_LEN LABEL SEED_LEN OUTPUT_LEN
one() {
  local prf=$1 secret_len=$2 label=$3 seed_len=$4 out_len=$5 digest
  case $prf in
    sha256) digest=SHA256 ;;
    sha384) digest=SHA384 ;;
    md5-sha1) digest=MD5-SHA1 ;;
  esac
  local secret seed output
  secret=$(hexbytes "$secret_len" "secret-$count")
  seed=$(hexbytes "$seed_len" "seed-$count")
  local args=(kdf -keylen "$out_len" -kdfopt "digest:$digest" -kdfopt "hexsecret:$secret" -kdfopt "seed:$label")
  if [ -n "$seed" ]; then args+=(-kdfopt "hexseed:$seed"); fi
  output=$(openssl "${args[@]}" TLS1-PRF | tr -d ':\n' | tr 'A-F' 'a-f')
  printf 'COUNT = %d\nPRF = %s\nSecret = %s\nLabel = %s\nSeed = %s\nOutput = %s\n\n' \
    "$count" "$prf" "$secret" "$label" "$seed" "$output"
  count=$((count + 1))
}

cat <<'HEADER'
# TLS PRF vectors computed by OpenSSL (openssl kdf ... TLS1-PRF), made by generate.sh beside this
# file; see it for the exact commands. One case per block, blocks separated by a blank line:
#   PRF    = sha256 | sha384 (RFC 5246 §5) or md5-sha1 (RFC 2246 §5)
#   Secret = the secret, hex (may be empty)
#   Label  = the label, ASCII, the rest of the line
#   Seed   = the seed without the label, hex (may be empty)
#   Output = PRF(Secret, Label, Seed), hex; its length is the length asked for
HEADER
echo "# $(openssl version)"
echo

# TLS 1.2, SHA-256: the key schedule's own calls, then edges of the 32-byte HMAC output and of the
# 64-byte HMAC block (a longer secret is hashed first, RFC 2104 §2).
one sha256 48 "master secret" 64 48
one sha256 48 "key expansion" 64 104
one sha256 48 "key expansion" 64 160
one sha256 48 "client finished" 32 12
one sha256 48 "server finished" 32 12
one sha256 48 "extended master secret" 32 48
one sha256 0 "test label" 16 32
one sha256 1 "a" 1 1
one sha256 16 "test label" 16 31
one sha256 16 "test label" 16 32
one sha256 16 "test label" 16 33
one sha256 16 "test label" 16 64
one sha256 16 "test label" 0 65
one sha256 64 "block-sized secret" 13 50
one sha256 65 "secret longer than a block" 13 50
one sha256 100 "long secret" 20 200
# TLS 1.2, SHA-384 (RFC 5289 suites): 48-byte HMAC output, 128-byte block.
one sha384 48 "master secret" 64 48
one sha384 48 "key expansion" 64 192
one sha384 48 "client finished" 48 12
one sha384 16 "test label" 16 47
one sha384 16 "test label" 16 49
one sha384 200 "secret longer than a block" 16 100
# TLS 1.0/1.1, MD5 xor SHA-1 over the two halves of the secret; odd lengths share the middle byte.
one md5-sha1 48 "master secret" 64 48
one md5-sha1 48 "key expansion" 64 104
one md5-sha1 48 "client finished" 36 12
one md5-sha1 48 "server finished" 36 12
one md5-sha1 0 "empty secret" 8 20
one md5-sha1 1 "one byte secret" 8 16
one md5-sha1 3 "odd secret" 8 21
one md5-sha1 47 "odd secret" 8 33
one md5-sha1 49 "odd secret" 8 41
one md5-sha1 130 "halves longer than a block" 10 64
one md5-sha1 16 "test label" 16 200
