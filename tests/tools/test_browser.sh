#!/usr/bin/env bash
# The illustrated page as a browser sees it (issue 14), with Debian's headless Chromium:
#   - every published page of docs/connections/ renders, holds every step, and its script runs to
#     the end (no script error stops it: the last line marks <body data-script="ran to the end">);
#   - `lucid server --www` answers the browser (Accept: text/html) with the page of that very
#     connection: the browser's own ClientHello, its GREASE values and TLS 1.3 suites named.
# Chromium runs with no network other than 127.0.0.1 and a throwaway profile.
# Usage: test_browser.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/support/cli_assert.sh"
cd "$src" || exit 1
if ! command -v chromium >/dev/null; then
  echo "FAILED: chromium is not installed (scripts/setup.sh installs it)"
  echo "0 passed, 1 failed"
  exit 1
fi
tmp=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

browse() {  # browse URL: the DOM after load, on stdout
  timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --user-data-dir="$tmp/profile" \
    --ignore-certificate-errors --dump-dom "$1" 2>>"$tmp/chromium.err"
}

for page in docs/connections/*.html; do
  dom=$(browse "file://$src/$page")
  ok=1
  for step in 1 2 3 4 5 6 7 8 9 10 11 12; do
    # The resumption has no Certificate, ServerHelloDone or ClientKeyExchange (RFC 5246 §7.3, Figure 2).
    case "$page:$step" in *resumption.html:3|*resumption.html:4|*resumption.html:5) continue;; esac
    printf '%s' "$dom" | grep -q "id=\"step-$step\"" || { ok=0; _bad "$page: step $step missing in the rendered DOM"; }
  done
  printf '%s' "$dom" | grep -q 'data-script="ran to the end"' || { ok=0; _bad "$page: the script did not run to its end"; }
  printf '%s' "$dom" | grep -q '<svg' || { ok=0; _bad "$page: no sequence diagram"; }
  [ $ok = 1 ] && _ok
done

# The browser sees its own handshake.
rm -f "$tmp/server.out" "$tmp/server.err"  # the last server's ACCEPT line must not be read
"$lucid" server --www --accept 0 --once --cert demo/server.pem --key demo/server.key >"$tmp/server.out" 2>"$tmp/server.err" &
server_pid=$!
for _ in $(seq 50); do [ -s "$tmp/server.out" ] && break; sleep 0.1; done
port=$(head -1 "$tmp/server.out" | sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p')
dom=$(browse "https://127.0.0.1:$port/")
wait "$server_pid" 2>/dev/null
server_pid=
for want in "Your browser" "step 1 of 12: ClientHello" "GREASE (RFC 8701)" "TLS_AES_128_GCM_SHA256 (TLS 1.3, RFC 8446): offered, not used by this TLS 1.2 server" \
            "key_share" 'data-script="ran to the end"' "Secret values"; do
  if printf '%s' "$dom" | grep -qF -- "$want"; then _ok; else
    _bad "the --www page for the browser lacks '$want' (server: $(tail -2 "$tmp/server.err"))"; fi
done
# A browser offers ECDHE with x25519 and AEAD suites first: the server's log names the ECDHE suite
# it chose (RFC 8422; lucidtls's default preference, handshake/cipher_suites.h).
if grep -qE "TLS_ECDHE_RSA_WITH_[A-Z0-9_]+ \([A-Z0-9-]+\).*ECDHE curve x25519" "$tmp/server.err"; then _ok; else
  _bad "the server log does not name an ECDHE suite for the browser: $(tail -2 "$tmp/server.err")"; fi
# curl keeps getting the text page.
rm -f "$tmp/server.out" "$tmp/server.err"  # the last server's ACCEPT line must not be read
"$lucid" server --www --accept 0 --once --cert demo/server.pem --key demo/server.key >"$tmp/server.out" 2>"$tmp/server.err" &
server_pid=$!
for _ in $(seq 50); do [ -s "$tmp/server.out" ] && break; sleep 0.1; done
port=$(head -1 "$tmp/server.out" | sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p')
expect_match "curl still gets the text page" "the TLS session this page came over" \
  curl -sk --tls-max 1.2 "https://127.0.0.1:$port/"
wait "$server_pid" 2>/dev/null
server_pid=
finish
