# Small assertion helpers for the shell tests of the `lucid` command. Source it; call
# expect_output / expect_status / expect_stderr; end with `finish`, which prints
# "N passed, M failed" and sets the exit status.
passed=0
failed=0
_ok() { passed=$((passed + 1)); }
_bad() { failed=$((failed + 1)); echo "FAILED: $*"; }

# expect_output NAME EXPECTED CMD...: stdout (trailing newline removed) equals EXPECTED, status 0.
expect_output() {
  local name=$1 expected=$2; shift 2
  local out status
  out=$("$@" 2>/tmp/lucid_cli_err.$$); status=$?
  if [ "$status" -eq 0 ] && [ "$out" = "$expected" ]; then _ok; else
    _bad "$name: status $status, output '$out', expected '$expected'; stderr: $(cat /tmp/lucid_cli_err.$$)"; fi
}

# expect_status NAME STATUS CMD...: the exit status.
expect_status() {
  local name=$1 want=$2; shift 2
  "$@" >/dev/null 2>&1; local status=$?
  if [ "$status" -eq "$want" ]; then _ok; else _bad "$name: status $status, expected $want"; fi
}

# expect_stderr NAME STATUS PATTERN CMD...: exit status and a grep -E pattern on stderr.
expect_stderr() {
  local name=$1 want=$2 pattern=$3; shift 3
  local err status
  err=$("$@" 2>&1 >/dev/null); status=$?
  if [ "$status" -eq "$want" ] && printf '%s' "$err" | grep -qE -- "$pattern"; then _ok; else
    _bad "$name: status $status (expected $want), stderr '$err' does not match /$pattern/"; fi
}

# expect_match NAME PATTERN CMD...: status 0 and stdout matches a grep -E pattern.
expect_match() {
  local name=$1 pattern=$2; shift 2
  local out status
  out=$("$@" 2>&1); status=$?
  if [ "$status" -eq 0 ] && printf '%s' "$out" | grep -qE -- "$pattern"; then _ok; else
    _bad "$name: status $status, output does not match /$pattern/: $(printf '%s' "$out" | head -5)"; fi
}

finish() {
  rm -f /tmp/lucid_cli_err.$$
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}
