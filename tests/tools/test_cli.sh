#!/usr/bin/env bash
# The `lucid` command as a student uses it. Usage: test_cli.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/support/cli_assert.sh"

expect_status "no command is a usage error" 2 "$lucid"
expect_match "--help lists the commands" "vectors" "$lucid" --help
expect_stderr "unknown command is named" 2 "unknown command 'frobnicate'" "$lucid" frobnicate
expect_stderr "unknown option is named" 2 "unknown option --bogus" "$lucid" vectors --bogus
expect_stderr "missing vector path is named" 2 "no such file" "$lucid" vectors /nonexistent/file.rsp

# The conformance run over the repository's vectors/: every file runs, nothing fails.
expect_match "lucid vectors runs the whole vectors/ directory with 0 failed" "^[0-9]+ passed, 0 failed$" "$lucid" vectors
# A vector file that yields no case is a failure, never a silent success.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '# CAVS 11.1\n[ENCRYPT]\n' > "$tmp/CBCGFSbox128.rsp"
expect_status "a vector file with zero cases fails the run" 1 "$lucid" vectors "$tmp/CBCGFSbox128.rsp"
if "$lucid" vectors "$tmp/CBCGFSbox128.rsp" 2>&1 | grep -q "ERROR: the file yielded no cases"; then _ok; else
  _bad "the report does not say the file yielded no cases"; fi
# A file whose expected answer is wrong is counted as failed.
sed 's/^CIPHERTEXT = 0336763e966d92595a567cc9ce537f5e/CIPHERTEXT = 0336763e966d92595a567cc9ce537f5f/' \
  "$src/vectors/aes/CBCGFSbox128.rsp" > "$tmp/CBCGFSbox128.rsp"
expect_status "a wrong expected value fails the run" 1 "$lucid" vectors "$tmp/CBCGFSbox128.rsp"

# Issue 10: `lucid vectors` with no argument finds the vectors wherever it is run from.
expect_match "lucid vectors run from / finds the checkout's vectors/" "^[0-9]+ passed, 0 failed$" \
  bash -c "cd / && \"$lucid\" vectors | tail -1"
finish
