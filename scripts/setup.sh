#!/usr/bin/env bash
# Installs what lucidtls needs to build and test, on Debian 12, when it is missing. Idempotent:
# does nothing (and needs no network) when everything is already there.
set -euo pipefail
packages=(g++ meson ninja-build pkg-config libgmp-dev doctest-dev python3
          openssl gnutls-bin curl xxd python3-cryptography-vectors
          chromium   # headless, for tests/tools/test_browser.sh (the illustrated page as a browser sees it)
          tshark)    # tests/interop/test_ecdhe.sh: Wireshark decrypts an ECDHE-GCM capture with our key log
# Robustness (docs/robustness.md): clang with the libFuzzer runtime for scripts/fuzz.sh, Valgrind
# (with its memcheck.h client requests) for scripts/ct-check.sh.
packages+=(clang libclang-rt-14-dev valgrind)
# The soak's hostile client under real keys (scripts/hostile_tls.py, docs/robustness.md).
packages+=(python3-cryptography)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
