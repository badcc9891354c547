#!/usr/bin/env python3
"""count-results.py BUILDDIR... - reads meson's testlog.json in each build
folder and prints one closing line `N passed, N failed, N skipped`,
counting the individual test cases: each TAP line of a TAP test (a
"# SKIP" line counts as skipped, not passed), one per other test.
A test that failed without a failing TAP line (a crash, a timeout) counts
as one more failure.  Exits 1 when anything failed or nothing ran."""
import json
import os
import re
import sys

TAP = re.compile(r"^(not )?ok \d+")
SKIP = re.compile(r"#\s*SKIP", re.IGNORECASE)
passed = failed = skipped = 0
for build in sys.argv[1:]:
    log = os.path.join(build, "meson-logs", "testlog.json")
    if not os.path.exists(log):
        print(f"{build}: no test log", file=sys.stderr)
        failed += 1
        continue
    with open(log, encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            ok = t["result"] in ("OK", "EXPECTEDFAIL", "SKIP")
            lines = [l for l in (t.get("stdout") or t.get("stdo") or "").splitlines() if TAP.match(l)]
            skips = [l for l in lines if not l.startswith("not") and SKIP.search(l)]
            skipped += len(skips)
            results = [not l.startswith("not") for l in lines if l not in skips]
            if lines:
                passed += sum(results)
                failed += results.count(False)
                if not ok and all(results):
                    failed += 1
            elif t["result"] == "SKIP":
                skipped += 1
            elif ok:
                passed += 1
            else:
                failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or not passed else 0)
