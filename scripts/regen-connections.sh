#!/usr/bin/env bash
# Regenerates the published traces of docs/connections/ from the recorded connections of
# vectors/tls/ (made with --seed, so every byte is fixed): for each, the text trace and the
# illustrated page, both with every secret shown (they are demo keys; never real ones).
#   scripts/regen-connections.sh [LUCID] [OUT_DIR]     (defaults: build/tools/lucid docs/connections)
# tests/tools/test_connections.sh runs it into a temporary folder and fails on any difference, so
# when the engine's trace changes (a step renumbered, a note reworded) this is the one command to
# run, and `git diff docs/connections` shows what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
lucid=${1:-build/tools/lucid}
out=${2:-docs/connections}
mkdir -p "$out"
# name: the recording it is made from
connections=(
  "rsa:vectors/tls/lucid-aes128-sha256.txt"
  "dhe:vectors/tls/lucid-dhe-rsa-aes128-sha256.txt"
  "resumption:vectors/tls/lucid-resumed-aes128-sha256.txt"
  "client-certificate:vectors/tls/lucid-client-cert-aes128-sha256.txt"
  "ecdhe-gcm:vectors/tls/lucid-ecdhe-rsa-aes128-gcm-sha256.txt"
  "tls11:vectors/tls/lucid-tls11-aes128-sha.txt"
)
for entry in "${connections[@]}"; do
  name=${entry%%:*}
  recording=${entry#*:}
  "$lucid" illustrate "$recording" --show-secrets --text >"$out/$name.txt"
  "$lucid" illustrate "$recording" --show-secrets --output "$out/$name.html"
done
