#!/usr/bin/env bash
# The layer rule (README.md, "Layout"): crypto/ uses nothing of ours; x509/ and record/ use only
# crypto/; handshake/ uses record/, x509/ and crypto/; net/ (sockets, the blocking API) uses
# handshake/ and below; conformance/ and tools/ use anything; no library includes tools/, and the
# installed library (crypto, x509, record, handshake, net) includes neither tools/ nor conformance/. Each forbidden include found is printed and counted as a failure.
set -u
root=${1:-.}
cd "$root" || exit 1
passed=0
failed=0
check() { # folder, forbidden folders (regex alternation)
  local dir=$1 pat=$2 hits
  hits=$(grep -rnE "#include[[:space:]]*[\"<](\.\./)?($pat)/" "$dir" 2>/dev/null)
  if [ -n "$hits" ]; then
    echo "layer rule broken in $dir/ (may not include $pat):"
    echo "$hits"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
}
check crypto 'x509|record|handshake|net|conformance|tools'
check x509 'record|handshake|net|conformance|tools'
check record 'x509|handshake|net|conformance|tools'
check handshake 'net|conformance|tools'
check net 'conformance|tools'
check conformance 'tools'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
