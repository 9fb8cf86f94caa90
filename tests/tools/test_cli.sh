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

finish
