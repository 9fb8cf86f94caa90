#!/usr/bin/env bash
# The installed library, as a program outside this tree sees it (issue 10, item 7):
#   meson install --destdir D (inside the build directory), then each examples/*.cpp compiled with
#   the system g++ and `pkg-config --cflags --libs lucidtls` from D (PKG_CONFIG_SYSROOT_DIR), and
#   run against OpenSSL on 127.0.0.1 (ephemeral ports, every peer under `timeout`).
#   test_examples.sh BUILD_DIR SOURCE_DIR
# Files named *.out / *.err are removed by each check (lib.sh); the ones read by several checks are *.log.
set -u
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
. "$src/tests/interop/lib.sh"
require openssl pkg-config g++

dest=$build/examples-destdir
rm -rf "$dest"
check "meson install --destdir puts the library, headers, lucidtls.pc and lucid in place" \
  meson install -C "$build" --no-rebuild --quiet --destdir "$dest"
pc=$(find "$dest" -name lucidtls.pc | head -1)
check "the install tree has lucidtls.pc" test -n "$pc"
check "the install tree has the shared library" bash -c "find '$dest' -name 'liblucidtls.so*' | grep -q ."
check "the install tree has the static library" bash -c "find '$dest' -name liblucidtls.a | grep -q ."
check "the install tree has the blocking API header" bash -c "find '$dest' -path '*include/lucidtls/net/tls_stream.h' | grep -q ."
check "the install tree has the engine header" bash -c "find '$dest' -path '*include/lucidtls/handshake/engine.h' | grep -q ."
check "private headers (*_impl.h) are not installed" bash -c "! find '$dest' -name '*_impl.h' | grep -q ."
# The headers use gmpxx (big integers in crypto/bignum.h), so a program needs GMP too: Requires.
check "lucidtls.pc requires GMP (its headers use gmpxx)" grep -qE '^Requires:.*gmpxx' "$pc"

# A sanitizer build (.ci/run's second pass) makes an instrumented library: the examples are then
# compiled by the build's own compiler with the same -fsanitize, or they would not link.
cxx=g++
sanitize=()
san=$(meson introspect "$build" --buildoptions | python3 -c \
  'import json, sys; print(next((o["value"] for o in json.load(sys.stdin) if o["name"] == "b_sanitize"), "none"))')
if [ "$san" != none ]; then
  cxx=$(meson introspect "$build" --targets | python3 -c 'import json, sys
print(next(s["compiler"][0] for t in json.load(sys.stdin) for s in t["target_sources"] if s.get("language") == "cpp"))')
  sanitize=("-fsanitize=$san")
fi

export PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_SYSROOT_DIR=$dest
cflags=$(pkg-config --cflags lucidtls)
libs=$(pkg-config --libs lucidtls)
libdir=$(dirname "$(find "$dest" -name 'liblucidtls.so' | head -1)")
export LD_LIBRARY_PATH=$libdir
for ex in https_get echo_server in_memory; do
  # shellcheck disable=SC2086
  check "examples/$ex.cpp builds with g++ and pkg-config --cflags --libs lucidtls" \
    "$cxx" -std=c++20 "${sanitize[@]}" -o "$work/$ex" "$src/examples/$ex.cpp" $cflags $libs
done
# The static library links on its own too (pkg-config --static adds GMP).
static_libs=$(pkg-config --static --libs lucidtls | sed "s#-llucidtls#$libdir/liblucidtls.a#")
# shellcheck disable=SC2086
check "examples/https_get.cpp links against liblucidtls.a (pkg-config --static)" \
  "$cxx" -std=c++20 "${sanitize[@]}" -o "$work/https_get_static" "$src/examples/https_get.cpp" $cflags $static_libs
check "the static https_get does not need liblucidtls.so" bash -c "! LD_LIBRARY_PATH= ldd '$work/https_get_static' | grep -q liblucidtls"

# https_get against openssl s_server -www: the page comes back, verified against the demo CA.
if start_openssl_server www -www -cert "$cert" -cert_chain "$src/demo/intermediate.pem" -key "$key"; then
  timeout 20 "$work/https_get" localhost "$PORT" / "$ca" >"$work/get.log" 2>"$work/get-err.log"
  check "https_get fetches the page of openssl s_server -www (exit 0)" test $? -eq 0
  check "https_get printed the HTTP status line" grep -q '^HTTP/1.0 200 ok' "$work/get.log"
  check "https_get printed the s_server page (its cipher line)" grep -q 'Ciphers supported in s_server binary' "$work/get.log"
  check "https_get said which suite it got" grep -q '^connected: ' "$work/get-err.log"
  timeout 20 "$work/https_get_static" localhost "$PORT" / "$ca" >"$work/get2.log" 2>/dev/null
  check "the static https_get fetches the page too" grep -q '^HTTP/1.0 200 ok' "$work/get2.log"
  timeout 20 "$work/https_get" localhost "$PORT" / "$src/demo/broken/unknown-ca-root.pem" >/dev/null 2>"$work/get3.log"
  check "https_get refuses the server under another CA (exit 1)" test $? -eq 1
  check "https_get says why (the alert it sent)" grep -q 'we sent unknown_ca' "$work/get3.log"
fi

# echo_server against openssl s_client: what s_client sends comes back.
timeout "$peer_limit" "$work/echo_server" "$cert" "$key" 0 1 >"$work/echo.out" 2>"$work/echo-err.log" &
echo_pid=$!
pids+=("$echo_pid")
if wait_for_accept "$work/echo.out" "$echo_pid"; then
  (printf 'hello through lucidtls\n'; sleep 1) |
    timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost -CAfile "$ca" \
      -verify_return_error -quiet -no_ign_eof >"$work/s_client.log" 2>"$work/s_client-err.log"
  check "openssl s_client gets its line back from echo_server" grep -qx 'hello through lucidtls' "$work/s_client.log"
  wait "$echo_pid"
  check "echo_server ends after its one connection (exit 0)" test $? -eq 0
  check "echo_server echoed the 23 bytes" grep -q 'echoed 23 bytes' "$work/echo-err.log"
fi

# The sans-I/O engine in memory: handshake, data, close.
"$work/in_memory" "$ca" "$cert" "$key" >"$work/mem.log" 2>&1
check "in_memory: client and server engines complete a handshake with no sockets (exit 0)" test $? -eq 0
check "in_memory: the echo came back" grep -q '  hello, engine' "$work/mem.log"

# The installed lucid finds the installed vectors (share/lucidtls/vectors), not the checkout's.
installed_lucid=$(find "$dest" -path '*/bin/lucid' | head -1)
check "the installed share/lucidtls/vectors holds the vectors" bash -c "find '$dest' -path '*share/lucidtls/vectors/*' | grep -q ."
mv "$dest" "$dest.moved"  # relocated: it must still find its own copy
out=$(cd / && "$dest.moved${installed_lucid#"$dest"}" vectors 2>&1 | tail -1)
check "the installed lucid vectors, run from /, finds its vectors and passes: $out" \
  bash -c "[[ '$out' =~ ^[0-9]+\ passed,\ 0\ failed$ ]]"
mv "$dest.moved" "$dest"
finish
