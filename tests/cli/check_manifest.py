#!/usr/bin/env python3
"""check_manifest.py STICKERKIT CORPUS - runs `stickerkit info --json` on
every file and frames folder of the corpus's static/ and animated/ parts and
checks width, height, frame count and total duration against MANIFEST.tsv.
Prints TAP: one test case per file."""
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from corpus import manifest_rows, run_info, tap  # noqa: E402

stk, corpus = sys.argv[1], sys.argv[2]
rows = [row for row in manifest_rows(corpus) if row["kind"] in ("static", "animated")]


def results():
    for row in rows:
        path = os.path.join(corpus, row["path"].rstrip("/"))
        p = run_info(stk, "--json", path, timeout=60)
        problems = []
        if p.returncode != 0:
            problems.append(f"exit {p.returncode}: {p.stderr.strip()}")
        else:
            info = json.loads(p.stdout)
            w, h = (int(x) for x in row["width_x_height"].split("x"))
            want = {"width": w, "height": h, "frames": int(row["frames"])}
            if row["duration_ms"] not in ("-", ""):
                want["duration_ms"] = int(row["duration_ms"])
            fmt = {"png-sequence": "frames-folder"}.get(row["format"], row["format"])
            want["format"] = fmt
            for key, value in want.items():
                if info.get(key) != value:
                    problems.append(f"{key} is {info.get(key)!r}, manifest says {value!r}")
            if sum(info["frame_durations_ms"]) != info["duration_ms"]:
                problems.append("frame durations do not add up to duration_ms")
        yield row["path"], problems, ""


sys.exit(tap(results()))
