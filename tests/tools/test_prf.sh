#!/usr/bin/env bash
# `lucid prf` against `openssl kdf ... TLS1-PRF`, the reference a student would compare with.
# Usage: test_prf.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/support/cli_assert.sh"

if ! command -v openssl >/dev/null; then
  echo "FAILED: openssl is not installed; it computes the expected values of this test"
  exit 1
fi

# openssl_prf DIGEST SECRET LABEL SEED LENGTH: the hex output of openssl's TLS1-PRF.
openssl_prf() {
  local args=(kdf -keylen "$5" -kdfopt "digest:$1" -kdfopt "hexsecret:$2" -kdfopt "seed:$3")
  [ -n "$4" ] && args+=(-kdfopt "hexseed:$4")
  openssl "${args[@]}" TLS1-PRF | tr -d ':\n' | tr 'A-F' 'a-f'
}

secret=9bbe436ba940f017b17652849a71db35
seed=a0ba9f936cda311827a6f796ffd5198c
premaster=0303$(printf '%02x' $(seq 1 46))
randoms=$(printf '%02x' $(seq 100 163))

expect_output "the published P_SHA256 vector" \
  "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66" \
  "$lucid" prf --hash sha256 --secret "$secret" --label "test label" --seed "$seed" --length 100
expect_output "sha256 master secret matches openssl kdf" "$(openssl_prf SHA256 "$premaster" "master secret" "$randoms" 48)" \
  "$lucid" prf --hash sha256 --secret "$premaster" --label "master secret" --seed "$randoms" --length 48
expect_output "sha384 key block matches openssl kdf" "$(openssl_prf SHA384 "$premaster" "key expansion" "$randoms" 192)" \
  "$lucid" prf --hash sha384 --secret "$premaster" --label "key expansion" --seed "$randoms" --length 192
expect_output "md5-sha1 (TLS 1.0) matches openssl kdf" "$(openssl_prf MD5-SHA1 "${premaster}ab" "client finished" "$seed" 12)" \
  "$lucid" prf --hash md5-sha1 --secret "${premaster}ab" --label "client finished" --seed "$seed" --length 12
expect_output "no --seed means an empty seed" "$(openssl_prf SHA256 "$secret" "label only" "" 20)" \
  "$lucid" prf --hash SHA-256 --secret "$secret" --label "label only" --length 20

expect_stderr "an unknown hash is named" 2 "--hash must be sha256, sha384 or md5-sha1, not 'sha1'" \
  "$lucid" prf --hash sha1 --secret 00 --label x --length 1
expect_stderr "bad hex in --secret is named" 2 "--secret" "$lucid" prf --hash sha256 --secret 0g --label x --length 1
expect_stderr "a missing --label is named" 2 "missing --label" "$lucid" prf --hash sha256 --secret 00 --length 1
expect_stderr "a zero --length is refused" 2 "--length" "$lucid" prf --hash sha256 --secret 00 --label x --length 0
expect_stderr "a non-numeric --length is refused" 2 "--length" "$lucid" prf --hash sha256 --secret 00 --label x --length 12x

finish
