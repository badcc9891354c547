#!/usr/bin/env python3
"""check_manifest.py STICKERKIT CORPUS - runs `stickerkit info --json` on
every file and frames folder of the corpus's static/ and animated/ parts and
checks width, height, frame count and total duration against MANIFEST.tsv.
Prints TAP: one test case per file."""
import json
import os
import subprocess
import sys

stk, corpus = sys.argv[1], sys.argv[2]
rows = []
with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8") as f:
    header = f.readline().rstrip("\n").split("\t")
    for line in f:
        row = dict(zip(header, line.rstrip("\n").split("\t")))
        if row["kind"] in ("static", "animated"):
            rows.append(row)

n = failed = 0
for row in rows:
    n += 1
    path = os.path.join(corpus, row["path"].rstrip("/"))
    p = subprocess.run([stk, "info", "--json", path], capture_output=True, text=True,
                       timeout=60)
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
    if problems:
        failed += 1
        print(f"not ok {n} - {row['path']}")
        for problem in problems:
            print(f"#   {problem}")
    else:
        print(f"ok {n} - {row['path']}")
print(f"1..{n}")
sys.exit(1 if failed else 0)
