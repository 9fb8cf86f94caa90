#!/usr/bin/env bash
# `lucid rsa`, `lucid genrsa` and `lucid dh` against OpenSSL as the independent peer: what one
# encrypts or signs, the other decrypts or verifies, and deterministic outputs agree byte for byte.
# Usage: test_rsa.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/support/cli_assert.sh"

if ! command -v openssl >/dev/null; then
  echo "FAILED: openssl is not installed; it is the peer of this test"
  exit 1
fi

work=$(mktemp -d /tmp/lucid_test_rsa.XXXXXX)
trap 'rm -rf "$work"' EXIT

hex_of() { od -An -v -tx1 | tr -d ' \n'; }
bytes_of() { xxd -r -p; }

# One field of `openssl rsa -text` / `openssl pkey -text` output ("modulus:", "prime1:" ...), as hex
# without leading zeros or colons.
openssl_field() {
  local file=$1 field=$2
  awk -v f="$field:" '$1 == f {on = 1; next} on && /^ / {printf "%s", $0; next} on {exit}' "$file" |
    tr -d ' :\n' | sed 's/^0*//'
}

# --- A key made by OpenSSL, given to lucid as hex components ----------------------------------
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$work/key.pem" 2>/dev/null
openssl rsa -in "$work/key.pem" -text -noout > "$work/key.txt" 2>/dev/null
openssl rsa -in "$work/key.pem" -pubout -out "$work/pub.pem" 2>/dev/null
n=$(openssl_field "$work/key.txt" modulus)
d=$(openssl_field "$work/key.txt" privateExponent)
p=$(openssl_field "$work/key.txt" prime1)
q=$(openssl_field "$work/key.txt" prime2)
dp=$(openssl_field "$work/key.txt" exponent1)
dq=$(openssl_field "$work/key.txt" exponent2)
qinv=$(openssl_field "$work/key.txt" coefficient)
pub=(--n "$n" --e 10001)
priv=(--n "$n" --e 10001 --d "$d" --p "$p" --q "$q" --dp "$dp" --dq "$dq" --qinv "$qinv")

message=54686973206973206120746573742c206e6f7420612073656372657421  # "This is a test, not a secret!"

# RFC 8017 §7.2: lucid encrypts, openssl decrypts; openssl encrypts, lucid decrypts.
c=$("$lucid" rsa encrypt "${pub[@]}" --hex "$message")
got=$(printf '%s' "$c" | bytes_of | openssl pkeyutl -decrypt -inkey "$work/key.pem" -pkeyopt rsa_padding_mode:pkcs1 2>/dev/null | hex_of)
expect_output "RFC 8017 §7.2.1: openssl pkeyutl decrypts what lucid rsa encrypt made" "$message" echo "$got"
c=$(printf '%s' "$message" | bytes_of | openssl pkeyutl -encrypt -pubin -inkey "$work/pub.pem" -pkeyopt rsa_padding_mode:pkcs1 | hex_of)
expect_output "RFC 8017 §7.2.2: lucid rsa decrypt (all eight components) decrypts openssl's ciphertext" "$message" \
  "$lucid" rsa decrypt "${priv[@]}" --hex "$c"
expect_output "a private key from --p --q --e alone decrypts the same" "$message" \
  "$lucid" rsa decrypt --p "$p" --q "$q" --e 10001 --hex "$c"
expect_output "a private key from --n --e --d alone (p and q recovered) decrypts the same" "$message" \
  "$lucid" rsa decrypt --n "$n" --e 10001 --d "$d" --hex "$c"
expect_output "--key FILE (PEM from openssl) decrypts the same" "$message" \
  "$lucid" rsa decrypt --key "$work/key.pem" --hex "$c"

c=$("$lucid" rsa encrypt --key "$work/pub.pem" --hex "$message")
got=$(printf '%s' "$c" | bytes_of | openssl pkeyutl -decrypt -inkey "$work/key.pem" -pkeyopt rsa_padding_mode:pkcs1 2>/dev/null | hex_of)
expect_output "--key FILE with a PUBLIC KEY PEM encrypts" "$message" echo "$got"

# RFC 8017 §8.2 with every DigestInfo hash: both directions, and identical signatures (v1.5 is deterministic).
for hash in md5 sha1 sha224 sha256 sha384 sha512; do
  s=$("$lucid" rsa sign "${priv[@]}" --hash $hash --hex "$message")
  printf '%s' "$s" | bytes_of > "$work/sig.bin"
  printf '%s' "$message" | bytes_of > "$work/msg.bin"
  expect_match "RFC 8017 §8.2.1: openssl dgst -$hash -verify accepts lucid's signature" "Verified OK" \
    openssl dgst -$hash -verify "$work/pub.pem" -signature "$work/sig.bin" "$work/msg.bin"
  want=$(openssl dgst -$hash -sign "$work/key.pem" "$work/msg.bin" | hex_of)
  expect_output "RFC 8017 §8.2.1: lucid's $hash signature equals openssl's byte for byte" "$want" echo "$s"
  expect_output "RFC 8017 §8.2.2: lucid rsa verify accepts openssl's $hash signature" "OK" \
    "$lucid" rsa verify "${pub[@]}" --hash $hash --sig "$want" --hex "$message"
done

expect_output "--key FILE (a private key file) verifies with its public part" "OK" \
  "$lucid" rsa verify --key "$work/key.pem" --hash sha256 --sig "$("$lucid" rsa sign --key "$work/key.pem" --hash sha256 --hex "$message")" --hex "$message"

# RFC 4346 §7.4.3: the TLS 1.0/1.1 form, MD5||SHA-1 without DigestInfo, as OpenSSL's md5-sha1 does it.
printf '%s' "$message" | bytes_of | openssl dgst -md5 -binary > "$work/both.bin"
printf '%s' "$message" | bytes_of | openssl dgst -sha1 -binary >> "$work/both.bin"
want=$(openssl pkeyutl -sign -inkey "$work/key.pem" -pkeyopt digest:md5-sha1 -in "$work/both.bin" 2>/dev/null | hex_of)
expect_output "RFC 4346 §7.4.3: the md5-sha1 signature equals openssl pkeyutl's (digest:md5-sha1)" "$want" \
  "$lucid" rsa sign "${priv[@]}" --hash md5-sha1 --hex "$message"
expect_output "the md5-sha1 signature verifies" "OK" \
  "$lucid" rsa verify "${pub[@]}" --hash md5-sha1 --sig "$want" --hex "$message"

# Failures say why, with exit status 1 (a verdict) or 2 (bad usage).
s=$("$lucid" rsa sign "${priv[@]}" --hash sha256 --hex "$message")
expect_status "RFC 8017 §8.2.2: a changed message does not verify (exit 1)" 1 \
  "$lucid" rsa verify "${pub[@]}" --hash sha256 --sig "$s" --hex "${message}00"
expect_match "the verdict names the problem" "invalid signature: .*not the expected" \
  bash -c "\"$lucid\" rsa verify --n $n --e 10001 --hash sha1 --sig $s --hex $message; true"
expect_match "a signature of the wrong length is named as such" "invalid signature: signature is 127 bytes" \
  bash -c "\"$lucid\" rsa verify --n $n --e 10001 --hash sha256 --sig ${s:2} --hex $message; true"
expect_stderr "RFC 8017 §7.2.2: a block that is not type 2 is 'decryption error' (exit 1)" 1 "decryption error" \
  "$lucid" rsa decrypt "${priv[@]}" --hex "$s"
expect_stderr "a wrong dP is refused, and named" 2 "dP is not d mod \(p-1\)" \
  "$lucid" rsa decrypt --n "$n" --e 10001 --d "$d" --p "$p" --q "$q" --dp "${dp}1" --hex "$c"
expect_stderr "a message longer than k - 11 is refused" 2 "message too long" \
  "$lucid" rsa encrypt "${pub[@]}" --hex "$(printf '%0236d' 0)"
expect_stderr "an unknown operation is named" 2 "unknown operation 'frobnicate'" "$lucid" rsa frobnicate
expect_stderr "an unknown hash is named" 2 "unknown --hash 'sha3'" \
  "$lucid" rsa sign "${priv[@]}" --hash sha3 --hex 00

# RFC 5246 §7.4.7.1: the premaster path returns 48 bytes whatever comes in.
premaster=0303$(printf '%s' "$message" | cut -c1-58)$(printf '%s' "$message" | cut -c1-34)
c=$(printf '%s' "$premaster" | bytes_of | openssl pkeyutl -encrypt -pubin -inkey "$work/pub.pem" -pkeyopt rsa_padding_mode:pkcs1 | hex_of)
expect_output "RFC 5246 §7.4.7.1: a good EncryptedPreMasterSecret gives the client's premaster" "$premaster" \
  "$lucid" rsa decrypt "${priv[@]}" --tls-premaster 0303 --hex "$c"
got=$("$lucid" rsa decrypt "${priv[@]}" --tls-premaster 0301 --hex "$c"); status=$?
expect_status "RFC 5246 §7.4.7.1: a version mismatch is not an error (exit 0)" 0 test "$status" -eq 0
expect_output "... and gives 48 other bytes" "96 different" \
  bash -c '[ "$1" != "$2" ] && echo "${#1} different"' _ "$got" "$premaster"
got=$("$lucid" rsa decrypt "${priv[@]}" --tls-premaster 0303 --hex "$s")
expect_output "RFC 5246 §7.4.7.1: a block of the wrong type gives 48 random bytes, no error" "96" \
  bash -c "echo \${#1}" _ "$got"

# --- FIPS 186-5 A.1.3: lucid genrsa, checked by openssl --------------------------------------
"$lucid" genrsa --bits 1024 --text > "$work/gen.txt"
expect_output "genrsa prints the eight components of RFC 8017 A.1.2" "n e d p q dp dq qinv" \
  bash -c "awk '{printf \"%s%s\", sep, \$1; sep=\" \"}' '$work/gen.txt'"
get() { awk -v k="$1" '$1 == k {print $3}' "$work/gen.txt"; }
# A DER RSAPrivateKey for openssl, from the components (openssl asn1parse -genconf).
cat > "$work/gen.cnf" <<CNF
asn1=SEQUENCE:rsa_key
[rsa_key]
version=INTEGER:0
n=INTEGER:0x$(get n)
e=INTEGER:0x$(get e)
d=INTEGER:0x$(get d)
p=INTEGER:0x$(get p)
q=INTEGER:0x$(get q)
dp=INTEGER:0x$(get dp)
dq=INTEGER:0x$(get dq)
qinv=INTEGER:0x$(get qinv)
CNF
openssl asn1parse -genconf "$work/gen.cnf" -out "$work/gen.der" >/dev/null 2>&1
expect_match "openssl rsa -check accepts the key lucid generated" "RSA key ok" \
  openssl rsa -inform DER -in "$work/gen.der" -check -noout
expect_output "the modulus has 1024 bits" "1024" \
  bash -c "openssl rsa -inform DER -in '$work/gen.der' -text -noout 2>/dev/null | sed -n 's/.*Private-Key: (\([0-9]*\) bit.*/\1/p'"
c=$("$lucid" rsa encrypt --n "$(get n)" --e "$(get e)" --hex "$message")
got=$(printf '%s' "$c" | bytes_of | openssl pkeyutl -decrypt -keyform DER -inkey "$work/gen.der" -pkeyopt rsa_padding_mode:pkcs1 2>/dev/null | hex_of)
expect_output "openssl decrypts with the generated key what lucid encrypted to it" "$message" echo "$got"
expect_output "--seed makes genrsa repeatable" "$("$lucid" genrsa --bits 512 --text --seed 0102 | head -1)" \
  bash -c "\"$lucid\" genrsa --bits 512 --text --seed 0102 | head -1"
expect_stderr "genrsa refuses an odd size" 2 "even number of bits" "$lucid" genrsa --bits 1023

# --- RFC 7919 ffdhe2048: lucid dh against openssl's DH ----------------------------------------
openssl genpkey -algorithm DH -pkeyopt group:ffdhe2048 -out "$work/dh_a.pem" 2>/dev/null
openssl genpkey -algorithm DH -pkeyopt group:ffdhe2048 -out "$work/dh_b.pem" 2>/dev/null
openssl pkey -in "$work/dh_a.pem" -text -noout > "$work/dh_a.txt" 2>/dev/null
openssl pkey -in "$work/dh_b.pem" -text -noout > "$work/dh_b.txt" 2>/dev/null
openssl pkey -in "$work/dh_b.pem" -pubout -out "$work/dh_b_pub.pem" 2>/dev/null
xa=$(openssl_field "$work/dh_a.txt" private-key)
ya=$(openssl_field "$work/dh_a.txt" public-key)
yb=$(openssl_field "$work/dh_b.txt" public-key)
expect_match "RFC 7919: Y = g^x mod p in ffdhe2048 agrees with openssl for openssl's x" "^public: 0*$ya\$" \
  bash -c "\"$lucid\" dh --group ffdhe2048 --private $xa | grep '^public'"
want=$(openssl pkeyutl -derive -inkey "$work/dh_a.pem" -peerkey "$work/dh_b_pub.pem" 2>/dev/null | hex_of | sed 's/^\(00\)*//')
expect_match "RFC 5246 §8.1.2: the shared secret agrees with openssl pkeyutl -derive" "^shared: $want\$" \
  bash -c "\"$lucid\" dh --group ffdhe2048 --private $xa --peer $yb | grep '^shared'"
yb_even=$yb; [ $(( ${#yb} % 2 )) -eq 1 ] && yb_even=0$yb
expect_match "the peer value may be given colon-separated, as the trace prints it" "^shared: $want\$" \
  bash -c "\"$lucid\" dh --group ffdhe2048 --private $xa --peer $(printf '%s' "$yb_even" | sed 's/../&:/g; s/:$//') | grep '^shared'"
expect_stderr "RFC 7919 §5.1: a peer value of 1 is refused" 2 "1 < Y < p-1" \
  "$lucid" dh --group ffdhe2048 --private $xa --peer 1
expect_match "a fresh key pair prints its private part only with --show-secrets" "^private: " \
  "$lucid" dh --group ffdhe3072 --show-secrets
expect_status "... and not without" 1 bash -c "\"$lucid\" dh --group ffdhe3072 | grep -q '^private'"
p1024=$(openssl prime -generate -bits 1024 -hex)
expect_stderr "Logjam: a 1024-bit group of one's own is refused by default" 2 "Logjam" \
  "$lucid" dh --p "$p1024" --g 2
expect_match "... and accepted for a lab with --min-bits 1024" "1024 bits" \
  "$lucid" dh --p "$p1024" --g 2 --min-bits 1024
expect_stderr "an unknown group is named" 2 "unknown --group 'ffdhe1024'" "$lucid" dh --group ffdhe1024

finish
