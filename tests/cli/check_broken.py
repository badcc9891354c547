#!/usr/bin/env python3
"""check_broken.py STICKERKIT CORPUS - every image file (and frames folder)
in the corpus's broken/ part, given to `stickerkit info`, must exit 3 within
a second with exactly one line on stderr that names the file, and print
nothing on stdout.  Prints TAP: one test case per file."""
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from corpus import run_info, tap  # noqa: E402

stk, corpus = sys.argv[1], sys.argv[2]
broken = os.path.join(corpus, "broken")
# Only image inputs: manifests, archives and TGS belong to other commands.
image_ext = (".png", ".gif", ".webp", ".jpg", ".apng")
cases = sorted(
    name for name in os.listdir(broken)
    if name.endswith(image_ext) or os.path.isdir(os.path.join(broken, name)))
# png_content_named.gif is a valid PNG with the wrong name: it must be read.
expect_ok = {"png_content_named.gif"}


def results():
    for name in cases:
        path = os.path.join(broken, name)
        start = time.monotonic()
        p = run_info(stk, path, timeout=30)
        took = time.monotonic() - start
        problems = []
        if name in expect_ok:
            if p.returncode != 0:
                problems.append(f"exit {p.returncode}, expected 0: {p.stderr.strip()}")
        else:
            lines = p.stderr.splitlines()
            if p.returncode != 3:
                problems.append(f"exit {p.returncode}, expected 3")
            if len(lines) != 1:
                problems.append(f"{len(lines)} stderr lines, expected 1: {p.stderr!r}")
            elif name not in lines[0]:
                problems.append(f"stderr does not name the file: {lines[0]!r}")
            if p.stdout:
                problems.append(f"printed on stdout: {p.stdout[:200]!r}")
            if took > 1.0 and not os.environ.get("STK_SLOW_BUILD"):
                problems.append(f"took {took:.2f} s, more than a second")
        yield name, problems, p.stderr.strip().replace("\n", " ")


sys.exit(tap(results()))
