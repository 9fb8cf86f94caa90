#!/usr/bin/env bash
# The README main command. Until the handshake exists, the main job is the conformance run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
[ -f build/build.ninja ] || meson setup build >/dev/null
meson compile -C build lucid >/dev/null
build/tools/lucid vectors
