#!/usr/bin/env bash
# `lucid aes-cbc` against `openssl enc`, the reference a student would compare with.
# Usage: test_aes_cbc.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/support/cli_assert.sh"

if ! command -v openssl >/dev/null; then
  echo "FAILED: openssl is not installed; it computes the expected values of this test"
  exit 1
fi

# openssl enc CIPHER KEY IV HEX [OPTIONS...]: the hex output of openssl enc on the bytes of HEX.
openssl_enc() {
  local cipher=$1 key=$2 iv=$3 hex=$4; shift 4
  printf '%s' "$hex" | xxd -r -p | openssl enc "-$cipher" -K "$key" -iv "$iv" "$@" | od -An -v -tx1 | tr -d ' \n'
}

iv=f0e1d2c3b4a5968778695a4b3c2d1e0f
key128=2b7e151628aed2a6abf7158809cf4f3c
key192=8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b
key256=603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4
text37=54686520717569636b2062726f776e20666f78206a756d7073206f76657220746865206c61  # 37 bytes
text48=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f

for bits in 128 192 256; do
  keyvar=key$bits; key=${!keyvar}
  want=$(openssl_enc aes-$bits-cbc "$key" "$iv" "$text37")
  expect_output "AES-$bits-CBC with PKCS#7 padding (default) matches openssl enc" "$want" \
    "$lucid" aes-cbc encrypt --key "$key" --iv "$iv" --hex "$text37"
  expect_output "AES-$bits-CBC decrypts openssl enc output and removes the padding" "$text37" \
    "$lucid" aes-cbc decrypt --key "$key" --iv "$iv" --hex "$want"

  want=$(openssl_enc aes-$bits-cbc "$key" "$iv" "$text48" -nopad)
  expect_output "AES-$bits-CBC --padding none matches openssl enc -nopad" "$want" \
    "$lucid" aes-cbc encrypt --key "$key" --iv "$iv" --hex "$text48" --padding none
  expect_output "AES-$bits-CBC --padding none decrypts openssl enc -nopad output" "$text48" \
    "$lucid" aes-cbc decrypt --key "$key" --iv "$iv" --hex "$want" --padding none
done

want=$(openssl_enc aes-128-cbc "$key128" "$iv" "")
expect_output "empty input with PKCS#7 is one block of padding, as openssl enc" "$want" \
  "$lucid" aes-cbc encrypt --key "$key128" --iv "$iv" --hex ""
expect_output "upper-case hex is accepted, output is lower case" \
  "$(openssl_enc aes-128-cbc "$key128" "$iv" "$text48" -nopad)" \
  "$lucid" aes-cbc encrypt --key "${key128^^}" --iv "${iv^^}" --hex "${text48^^}" --padding=none

# Errors: one line naming the problem, exit status 2.
expect_stderr "bad hex is named with its position" 2 "^lucid aes-cbc: --hex: hex: 'z' at position 3 is not a hex digit$" \
  "$lucid" aes-cbc encrypt --key "$key128" --iv "$iv" --hex 001z
expect_stderr "a key of the wrong length is named" 2 "^lucid aes-cbc: AES: key must be 16, 24 or 32 bytes, got 20$" \
  "$lucid" aes-cbc encrypt --key 0001020304050607080910111213141516171819 --iv "$iv" --hex "$text48"
expect_stderr "an IV of the wrong length is named" 2 "^lucid aes-cbc: CBC: IV must be 16 bytes, got 8$" \
  "$lucid" aes-cbc encrypt --key "$key128" --iv 0001020304050607 --hex "$text48"
expect_stderr "unaligned input with --padding none is named" 2 \
  "^lucid aes-cbc: CBC: input length 37 is not a whole number of 16-byte blocks$" \
  "$lucid" aes-cbc encrypt --key "$key128" --iv "$iv" --hex "$text37" --padding none
expect_stderr "unaligned ciphertext is named" 2 \
  "^lucid aes-cbc: CBC: input length 17 is not a whole number of 16-byte blocks$" \
  "$lucid" aes-cbc decrypt --key "$key128" --iv "$iv" --hex "${text48:0:34}"
# Sixteen zero bytes encrypted without padding: on decryption the last byte, 0, is no PKCS#7 padding.
zeros=$(openssl_enc aes-128-cbc "$key128" "$iv" 00000000000000000000000000000000 -nopad)
expect_stderr "bad padding on decrypt is reported" 2 \
  "^lucid aes-cbc: PKCS#7: bad padding: the last byte is 0, but a pad length is 1 to 16$" \
  "$lucid" aes-cbc decrypt --key "$key128" --iv "$iv" --hex "$zeros"
expect_stderr "empty ciphertext has no padding to remove" 2 "^lucid aes-cbc: PKCS#7: bad padding: the input is empty" \
  "$lucid" aes-cbc decrypt --key "$key128" --iv "$iv" --hex ""
expect_stderr "an unknown --padding is named" 2 "^lucid aes-cbc: --padding must be 'none' or 'pkcs7', not 'zeros'$" \
  "$lucid" aes-cbc encrypt --key "$key128" --iv "$iv" --hex "$text48" --padding zeros
expect_stderr "a missing direction is a usage error" 2 "^lucid aes-cbc: say what to do" \
  "$lucid" aes-cbc --key "$key128" --iv "$iv" --hex "$text48"
expect_stderr "a missing key is named" 2 "^lucid aes-cbc: missing --key$" \
  "$lucid" aes-cbc encrypt --iv "$iv" --hex "$text48"

finish
