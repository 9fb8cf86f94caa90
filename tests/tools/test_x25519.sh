#!/usr/bin/env bash
# `lucid x25519` against RFC 7748 §6.1 and against Python's cryptography (OpenSSL) on other keys.
# Usage: test_x25519.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/support/cli_assert.sh"

alice=77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a
bob=5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb
alice_public=8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a
bob_public=de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f
shared=4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742

expect_output "RFC 7748 §6.1: Alice's public value" "$alice_public" "$lucid" x25519 --private "$alice"
expect_output "RFC 7748 §6.1: Bob's public value" "$bob_public" "$lucid" x25519 --private "$bob"
expect_output "RFC 7748 §6.1: Alice's shared secret" "$shared" "$lucid" x25519 --private "$alice" --public "$bob_public"
expect_output "RFC 7748 §6.1: Bob's shared secret" "$shared" "$lucid" x25519 --private "$bob" --public "$alice_public"
expect_stderr "RFC 8422 §5.11: an all-zero shared secret is an error with a sentence" 1 "all zeros" \
  "$lucid" x25519 --private "$alice" --public 0000000000000000000000000000000000000000000000000000000000000000
expect_stderr "a private key that is not 32 bytes is a usage error" 2 "32 bytes" "$lucid" x25519 --private 0102
expect_status "--private is required" 2 "$lucid" x25519 --public "$bob_public"

# Other keys, against an independent implementation, when Python's cryptography is installed.
if python3 -c "import cryptography" 2>/dev/null; then
  for seed in 1 2 3; do
    a=$(python3 -c "import hashlib; print(hashlib.sha256(b'a$seed').hexdigest())")
    b=$(python3 -c "import hashlib; print(hashlib.sha256(b'b$seed').hexdigest())")
    read -r want_public want_shared < <(python3 - "$a" "$b" <<'PY'
import sys
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives import serialization as s
a = X25519PrivateKey.from_private_bytes(bytes.fromhex(sys.argv[1]))
b = X25519PrivateKey.from_private_bytes(bytes.fromhex(sys.argv[2]))
raw = lambda k: k.public_key().public_bytes(s.Encoding.Raw, s.PublicFormat.Raw)
print(raw(a).hex(), a.exchange(b.public_key()).hex())
PY
)
    b_public=$("$lucid" x25519 --private "$b")
    expect_output "public value $seed matches Python cryptography" "$want_public" "$lucid" x25519 --private "$a"
    expect_output "shared secret $seed matches Python cryptography" "$want_shared" "$lucid" x25519 --private "$a" --public "$b_public"
  done
else
  echo "note: python3 cryptography is not installed; the comparison with it is skipped"
fi
finish
