#!/usr/bin/env python3
"""check_layers.py LIBDIR - holds lib/src/ to the layers lib/README.md draws.

Reads the "may use" column of the layer table in LIBDIR/README.md and every
`#include "..."` of the sources under LIBDIR/src/<folder>/, and fails on an
include of another folder's header that the table does not allow, on an
internal header that no folder holds, on a source file directly in src/ and
on two headers with one basename.  It then proves it can fail: a copy of the
tree with one deliberately bad include (codec/ using convert/) must be
refused.  Prints TAP."""
import os
import re
import shutil
import sys
import tempfile

GENERATED = {"stk-version.h"}  # configure_file() outputs, not in a folder
n = failed = 0


def case(ok, name, detail=""):
    global n, failed
    n += 1
    print(f"{'ok' if ok else 'not ok'} {n} - {name}")
    if not ok:
        failed += 1
        for line in detail.splitlines():
            print(f"#   {line}")


def layer_table(readme):
    """{folder: set of folders it may use} from the README's table rows
    of the form | `folder/` | job | a, b, c |."""
    rules = {}
    for line in open(readme, encoding="utf-8"):
        m = re.match(r"\|\s*`(\w+)/`\s*\|[^|]*\|([^|]*)\|\s*$", line)
        if m:
            rules[m.group(1)] = {w.strip() for w in m.group(2).split(",") if w.strip()}
    return rules


def violations(libdir):
    """Every breach of the layer rules in libdir, as one line each."""
    src = os.path.join(libdir, "src")
    rules = layer_table(os.path.join(libdir, "README.md"))
    problems = []
    if not rules:
        return ["no layer table found in README.md"]
    home = {}  # header basename -> folder
    for entry in sorted(os.listdir(src)):
        path = os.path.join(src, entry)
        if os.path.isfile(path):
            problems.append(f"src/{entry}: a file directly in src/ (it belongs in a layer folder)")
        elif entry not in rules:
            problems.append(f"src/{entry}/: a folder the layer table does not name")
    for folder in rules:
        for root, _, files in os.walk(os.path.join(src, folder)):
            for f in files:
                if f.endswith(".h"):
                    if f in home:
                        problems.append(f"{f}: in both {home[f]}/ and {folder}/")
                    home[f] = folder
    for folder, allowed in rules.items():
        for root, _, files in os.walk(os.path.join(src, folder)):
            for f in sorted(files):
                if not f.endswith((".c", ".h")):
                    continue
                rel = os.path.relpath(os.path.join(root, f), src)
                text = open(os.path.join(root, f), encoding="utf-8", errors="replace").read()
                for lineno, line in enumerate(text.splitlines(), 1):
                    m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
                    if not m:
                        continue
                    name = m.group(1)
                    if name.startswith("stk/") or name in GENERATED:
                        continue
                    target = home.get(os.path.basename(name))
                    if target is None:
                        problems.append(f"{rel}:{lineno}: includes {name}, which no layer holds")
                    elif target != folder and target != "core" and target not in allowed:
                        problems.append(f"{rel}:{lineno}: {folder}/ may not use {target}/ "
                                        f"(includes {name})")
    return problems


def main():
    libdir = sys.argv[1]
    rules = layer_table(os.path.join(libdir, "README.md"))
    case(len(rules) >= 8, "lib/README.md draws the layer table",
         f"found {sorted(rules)}")
    problems = violations(libdir)
    case(not problems, "every #include under lib/src/ keeps to the layers", "\n".join(problems))

    # The check must be able to fail: a codec file that includes convert/.
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "lib")
        shutil.copytree(libdir, copy, ignore=shutil.ignore_patterns("*.o"))
        codec = os.path.join(copy, "src", "codec")
        victim = sorted(f for f in os.listdir(codec) if f.endswith(".c"))[0]
        with open(os.path.join(codec, victim), "a", encoding="utf-8") as fh:
            fh.write('\n#include "convert_internal.h"\n')
        bad = violations(copy)
        case(any("codec/ may not use convert/" in p for p in bad),
             "a deliberately bad include (codec/ using convert/) is refused", "\n".join(bad))
        open(os.path.join(copy, "src", "stray.c"), "w").close()
        case(any("stray.c" in p for p in violations(copy)),
             "a source file directly in src/ is refused")
    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
