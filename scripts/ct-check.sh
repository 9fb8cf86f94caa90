#!/usr/bin/env bash
# The constant-time check (docs/robustness.md): tests/ct/ct_check.cpp under Valgrind's memcheck,
# with secrets marked undefined. Every case must have 0 errors, except the self-check that leaks
# on purpose, which must be caught. Exemptions (GMP calls on blinded values) are in
# tests/ct/gmp.supp, each with its reason.
#   scripts/ct-check.sh [BUILD_DIR]      (default: build, the folder of scripts/test.sh)
#   scripts/ct-check.sh --timing [SAMPLES] [BUILD_DIR]
#                                        the dudect-style timing benchmark instead: Welch's t for
#                                        the Lucky Thirteen and premaster paths (prints, never fails)
set -uo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--timing" ]; then
  samples=${2:-20000}
  build=${3:-build}
  if [ ! -f "$build/build.ninja" ]; then meson setup "$build" >/dev/null || exit 1; fi
  meson compile -C "$build" tests/ct/ct_timing >/dev/null || { echo "ct-check: build failed"; exit 1; }
  exec "$build/tests/ct/ct_timing" "$samples"
fi
build=${1:-build}
scripts/setup.sh || exit 1
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" >/dev/null || { echo "ct-check: meson setup failed"; exit 1; }
fi
meson compile -C "$build" tests/ct/ct_check >/dev/null || { echo "ct-check: build failed"; exit 1; }
log="$build/ct-check-valgrind.log"
valgrind --tool=memcheck --error-exitcode=0 --track-origins=yes --num-callers=30 \
  --suppressions=tests/ct/gmp.supp --log-file="$log" "$build/tests/ct/ct_check"
status=$?
if [ $status -ne 0 ]; then
  echo "ct-check: FAILED; memcheck's reports (secret-dependent branches and indexes):"
  grep -vE "^==[0-9]+== *$" "$log" | grep -A25 -E "Conditional jump|Use of uninitialised|Syscall param|Invalid" | head -n 150
fi
exit $status
