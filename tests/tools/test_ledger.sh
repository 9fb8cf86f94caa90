#!/usr/bin/env bash
# The calculation ledger (issue 14): every command printed in the published pages of
# docs/connections/ is run, and its output must equal the value the page shows. The openssl
# commands are an independent check of every calculation (PRF, RSA decryption, CBC, HMAC); the
# lucid commands check that what the page tells a student to type works.
# Usage: test_ledger.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
cd "$src" || exit 1
PATH="$(dirname "$lucid"):$PATH" python3 - docs/connections/*.html <<'PY'
import html.parser, re, subprocess, sys
passed = failed = 0
class Commands(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.found = []; self.current = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "pre" and a.get("class") == "cmd": self.current = [a, ""]
    def handle_data(self, data):
        if self.current is not None: self.current[1] += data
    def handle_endtag(self, tag):
        if tag == "pre" and self.current is not None: self.found.append(self.current); self.current = None
def normalise(out):
    if "= " in out: out = out[out.rfind("= ") + 2:]
    return re.sub(r"[:\s]", "", out).lower()
for page in sys.argv[1:]:
    p = Commands(); p.feed(open(page, encoding="utf-8").read())
    runnable = [c for c in p.found if c[0].get("data-runnable") == "yes" and c[0].get("data-expect")]
    if not runnable:
        failed += 1; print(f"FAILED: {page}: no runnable command with an expected value"); continue
    for attrs, command in runnable:
        expect = attrs["data-expect"]
        r = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, timeout=60)
        if attrs["data-tool"] == "openssl":
            ok = r.returncode == 0 and normalise(r.stdout) == expect
        else:  # lucid prints its own forms ("shared: ..."): the value must be there
            ok = r.returncode == 0 and expect in normalise(r.stdout.replace("shared:", ""))
        if ok: passed += 1
        else:
            failed += 1
            print(f"FAILED: {page}: {command[:160]}...\n  expected {expect[:64]}...\n  got {r.stdout.strip()[:64]!r} {r.stderr.strip()[:200]!r}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
PY
