#!/usr/bin/env bash
# The README test command: installs what is missing, builds, runs every test (unit tests,
# published vectors, command-line tests, interop against real peers), and ends with a line
# "N passed, M failed" that sums the test cases of every suite.
#   scripts/test.sh [BUILD_DIR] [extra meson setup options...]
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
scripts/setup.sh || exit 1
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$@" >/dev/null || { echo "meson setup failed"; exit 1; }
fi
meson compile -C "$build" || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
meson test -C "$build" --print-errorlogs --timeout-multiplier "${LUCID_TIMEOUT_MULTIPLIER:-1}"
status=$?
# Sum the case counts each suite printed: doctest's "[doctest] test cases: N | P passed | F failed"
# and the shell suites' "P passed, F failed".
python3 - "$build/meson-logs/testlog.txt" <<'PY'
import re, sys
passed = failed = 0
for line in open(sys.argv[1], errors="replace"):
    m = re.search(r"\[doctest\] test cases:\s*\d+\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed", line)
    if not m:
        m = re.fullmatch(r"\s*(\d+) passed, (\d+) failed\s*", line)
    if m:
        passed += int(m.group(1)); failed += int(m.group(2))
print(f"{passed} passed, {failed} failed")
PY
exit $status
