#!/usr/bin/env bash
# `lucid chacha20-poly1305` against RFC 8439 §2.8.2 and Python's cryptography ChaCha20Poly1305.
# Usage: test_chacha20_poly1305.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/support/cli_assert.sh"
command=chacha20-poly1305
python_class=ChaCha20Poly1305
. "$src/tests/tools/aead_cli.sh"

# RFC 8439 §2.8.2
key=808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f
sunscreen=$(printf '%s' "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it." | od -An -v -tx1 | tr -d ' \n')
expect_match "RFC 8439 §2.8.2: the tag of the example" "1ae10b594f09e26a7e902ecbd0600691$" \
  "$lucid" chacha20-poly1305 encrypt --key "$key" --iv 070000004041424344454647 --aad 50515253c0c1c2c3c4c5c6c7 --hex "$sunscreen"

if ! python3 -c "import cryptography" 2>/dev/null; then
  echo "FAILED: python3 cryptography is not installed; it computes the expected values of this test"
  exit 1
fi
check_aead "ChaCha20-Poly1305 with AAD" "$key" 070000004041424344454647 50515253c0c1c2c3c4c5c6c7 "$sunscreen"
check_aead "ChaCha20-Poly1305 without AAD" "$key" 000000000000000000000001 "" 00
check_aead "ChaCha20-Poly1305, empty plaintext" "$key" 000000000000000000000002 aabb ""

expect_stderr "an 8-byte nonce is a usage error" 2 "12 bytes" "$lucid" chacha20-poly1305 encrypt --key "$key" --iv 0001020304050607 --hex 00
finish
