#!/usr/bin/env bash
# `lucid aes-gcm` against Python's cryptography AESGCM (OpenSSL underneath).
# Usage: test_aes_gcm.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/support/cli_assert.sh"
command=aes-gcm
python_class=AESGCM
. "$src/tests/tools/aead_cli.sh"

if ! python3 -c "import cryptography" 2>/dev/null; then
  echo "FAILED: python3 cryptography is not installed; it computes the expected values of this test"
  exit 1
fi

text37=54686520717569636b2062726f776e20666f78206a756d7073206f76657220746865206c61
check_aead "AES-128-GCM, 12-byte IV, AAD" 2b7e151628aed2a6abf7158809cf4f3c cafebabefacedbaddecaf888 feedfacedeadbeef "$text37"
check_aead "AES-192-GCM, no AAD" 8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b 000102030405060708090a0b "" "$text37"
check_aead "AES-256-GCM, 8-byte IV" 603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4 0001020304050607 aa "$text37"
check_aead "AES-128-GCM, empty plaintext" 2b7e151628aed2a6abf7158809cf4f3c cafebabefacedbaddecaf888 feedface ""

expect_stderr "a 15-byte key is a usage error" 2 "16, 24 or 32" "$lucid" aes-gcm encrypt --key 000102030405060708090a0b0c0d0e --iv 00 --hex 00
expect_stderr "decrypt without --tag is a usage error" 2 "--tag" "$lucid" aes-gcm decrypt --key 2b7e151628aed2a6abf7158809cf4f3c --iv 00 --hex 00
expect_status "no encrypt/decrypt word is a usage error" 2 "$lucid" aes-gcm --key 2b7e151628aed2a6abf7158809cf4f3c --iv 00 --hex 00

# The portable GCM (bit-sliced AES, constant-time GHASH) selected from the environment, as a user
# would, on a whole CAVP file; then the default (AES-NI and PCLMULQDQ where the CPU has them).
expect_match "LUCID_AES=portable: gcmDecrypt128.rsp passes, FAIL cases refused" "^7875 passed, 0 failed$" \
  env LUCID_AES=portable "$lucid" vectors "$src/vectors/gcm/gcmDecrypt128.rsp"
expect_match "default path: gcmEncryptExtIV256.rsp passes" "^7875 passed, 0 failed$" \
  "$lucid" vectors "$src/vectors/gcm/gcmEncryptExtIV256.rsp"
finish
