#!/usr/bin/env bash
# lucid server --files DIR (as openssl s_server -WWW): curl and openssl s_client download a 24 MiB
# random file over each kind of record protection and get exactly its bytes (SHA-256 compared);
# the server streams it in records as the client reads (net::Session::send_more), so a client that
# reads slowly still gets every byte. Requests for anything outside DIR are refused.
# Usage: test_files.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/interop/lib.sh"
require curl openssl

root=$work/root
mkdir -p "$root/sub"
head -c $((24 << 20)) /dev/urandom >"$root/big.bin"
want=$(sha256sum <"$root/big.bin" | cut -d' ' -f1)
echo "a small file" >"$root/sub/small.txt"
ln -s /etc/passwd "$root/outside"
printf 'GET /big.bin HTTP/1.0\r\n\r\n' >"$work/request"

start_lucid_server l --cert "$cert" --key "$key" --files "$root" --max-connections 13 --workers 1 || exit 1

curl_get() {  # curl_get PATH [CURL FLAGS...]: the body into $work/body, the status into CODE
  local path=$1; shift
  CODE=$(timeout 30 curl -sS --max-time 25 --cacert "$ca" --resolve "localhost:$PORT:127.0.0.1" --tlsv1.2 \
    -o "$work/body" -w '%{http_code}' "$@" "https://localhost:$PORT$path" 2>"$work/curl.err")
}

curl_download() {  # OPENSSL_CIPHER
  curl_get /big.bin --tls-max 1.2 --ciphers "$1" || { cat "$work/curl.err"; return 1; }
  [ "$CODE" = 200 ] || { echo "  HTTP status $CODE"; return 1; }
  local got
  got=$(sha256sum <"$work/body" | cut -d' ' -f1)
  [ "$got" = "$want" ] || { echo "  $(stat -c %s "$work/body") bytes, SHA-256 $got"; return 1; }
}

# s_client prints the response (header and body) on stdout; the body is what follows the header.
s_client_download() {  # OPENSSL_CIPHER [S_CLIENT FLAGS...] ; SLOW=1 reads through a slow pipe
  local cipher=$1; shift
  local reader=(cat)
  [ "${SLOW:-0}" = 1 ] && reader=(python3 -c '
import sys, time
while True:
    b = sys.stdin.buffer.read(1 << 20)
    if not b: break
    sys.stdout.buffer.write(b); time.sleep(0.05)')
  timeout 60 openssl s_client -connect "127.0.0.1:$PORT" -cipher "$cipher" -tls1_2 -quiet "$@" \
    <"$work/request" 2>"$work/s_client.err" | "${reader[@]}" >"$work/response"
  local size=$((24 << 20)) total
  total=$(stat -c %s "$work/response")
  head -c 200 "$work/response" | grep -q "^HTTP/1.0 200 OK" || { echo "  no 200: $(head -c 200 "$work/response")"; return 1; }
  head -c 200 "$work/response" | grep -q "Content-Length: $size" || { echo "  no Content-Length: $size"; return 1; }
  local got
  got=$(tail -c "$size" "$work/response" | sha256sum | cut -d' ' -f1)
  [ "$got" = "$want" ] && [ "$total" -lt $((size + 200)) ] ||
    { echo "  $total bytes in the response, last $size with SHA-256 $got"; return 1; }
}

check "curl downloads 24 MiB, AES128-SHA (encrypt-then-MAC)" curl_download AES128-SHA
check "curl downloads 24 MiB, ECDHE-RSA-AES128-GCM-SHA256" curl_download ECDHE-RSA-AES128-GCM-SHA256
check "curl downloads 24 MiB, ECDHE-RSA-CHACHA20-POLY1305" curl_download ECDHE-RSA-CHACHA20-POLY1305
check "s_client downloads 24 MiB, AES128-SHA256" s_client_download AES128-SHA256
check "s_client downloads 24 MiB, AES128-SHA -no_etm (MAC-then-encrypt)" s_client_download AES128-SHA -no_etm
SLOW=1 check "s_client downloads 24 MiB through a slow reader, every byte" s_client_download ECDHE-RSA-AES128-GCM-SHA256

expect_code() {  # PATH CODE TEXT [CURL FLAGS...]
  local path=$1 code=$2 text=$3; shift 3
  curl_get "$path" "$@" || { cat "$work/curl.err"; return 1; }
  [ "$CODE" = "$code" ] || { echo "  HTTP status $CODE, not $code"; return 1; }
  grep -q -- "$text" "$work/body" || { echo "  body: $(head -c 300 "$work/body")"; return 1; }
}
check "a file in a subdirectory is served" expect_code /sub/small.txt 200 "a small file"
check "'..' in the path is refused (403)" expect_code /../../etc/passwd 403 "only files under" --path-as-is
check "a symbolic link leading outside is refused (403)" expect_code /outside 403 "outside the served directory"
check "a missing file is 404" expect_code /nothing-here 404 "no file /nothing-here"
check "a directory is not a file (404)" expect_code /sub 404 "not a readable file"
check "a percent-escape is refused (400)" expect_code /%2e%2e/etc/passwd 400 "percent-escapes"
check "POST is refused (405)" expect_code /big.bin 405 "only GET" -X POST

server_ends_ok() { wait_exit l 20 && [ "$STATUS" -eq 0 ] || { echo "  lucid server: exit status $STATUS"; return 1; }; }
check "the server ends after its 13 connections, all of them successful (exit 0)" server_ends_ok
finish
