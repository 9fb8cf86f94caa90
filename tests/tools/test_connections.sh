#!/usr/bin/env bash
# docs/connections/ never goes stale (issue 14): the published traces are regenerated with
# scripts/regen-connections.sh and must equal the committed ones byte for byte. On a failure,
# run scripts/regen-connections.sh and commit the difference (after reading it).
# Usage: test_connections.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/support/cli_assert.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if "$src/scripts/regen-connections.sh" "$lucid" "$tmp" 2>"$tmp/err"; then _ok; else _bad "regen-connections.sh: $(cat "$tmp/err")"; fi
for f in "$tmp"/*.txt "$tmp"/*.html; do
  [ -e "$f" ] || continue
  name=$(basename "$f")
  if cmp -s "$f" "$src/docs/connections/$name"; then _ok; else
    _bad "docs/connections/$name differs from what scripts/regen-connections.sh makes now: $(diff "$src/docs/connections/$name" "$f" 2>&1 | head -5)"
  fi
done
finish
