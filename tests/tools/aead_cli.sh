# Shared by test_aes_gcm.sh and test_chacha20_poly1305.sh: `lucid COMMAND` against Python's
# cryptography (OpenSSL underneath), an independent implementation. Source it after cli_assert.sh
# with lucid, command (aes-gcm | chacha20-poly1305) and python_class (AESGCM | ChaCha20Poly1305) set.

# python_seal KEY IV AAD PLAINTEXT: ciphertext || tag in hex, from Python's cryptography.
python_seal() {
  python3 - "$python_class" "$@" <<'PY'
import sys
from cryptography.hazmat.primitives.ciphers import aead
cls, key, iv, aad, pt = sys.argv[1:6]
print(getattr(aead, cls)(bytes.fromhex(key)).encrypt(bytes.fromhex(iv), bytes.fromhex(pt), bytes.fromhex(aad) or None).hex())
PY
}

# check_aead NAME KEY IV AAD PLAINTEXT: encrypt matches Python; decrypt gives the plaintext back;
# a flipped tag bit is refused with status 1 and no output.
check_aead() {
  local name=$1 key=$2 iv=$3 aad=$4 pt=$5
  local want ct tag aad_flag=()
  [ -n "$aad" ] && aad_flag=(--aad "$aad")
  want=$(python_seal "$key" "$iv" "$aad" "$pt")
  ct=${want:0:$((${#want} - 32))}
  tag=${want: -32}
  expect_output "$name: encrypt gives Python's ciphertext || tag" "$want" \
    "$lucid" "$command" encrypt --key "$key" --iv "$iv" "${aad_flag[@]}" --hex "$pt"
  expect_output "$name: decrypt gives the plaintext back" "$pt" \
    "$lucid" "$command" decrypt --key "$key" --iv "$iv" "${aad_flag[@]}" --hex "$ct" --tag "$tag"
  local bad_tag
  bad_tag=$(printf '%s' "$tag" | sed 's/^./f/'); [ "$bad_tag" = "$tag" ] && bad_tag=$(printf '%s' "$tag" | sed 's/^./0/')
  expect_stderr "$name: a wrong tag exits 1 saying the tag does not match" 1 "tag does not match" \
    "$lucid" "$command" decrypt --key "$key" --iv "$iv" "${aad_flag[@]}" --hex "$ct" --tag "$bad_tag"
  local out
  out=$("$lucid" "$command" decrypt --key "$key" --iv "$iv" "${aad_flag[@]}" --hex "$ct" --tag "$bad_tag" 2>/dev/null)
  if [ -z "$out" ]; then _ok; else _bad "$name: a wrong tag printed '$out'"; fi
}
