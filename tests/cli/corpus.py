"""corpus.py - what check_manifest.py and check_broken.py share: reading
MANIFEST.tsv, running `stickerkit info`, and printing TAP with one test
case per input."""
import os
import subprocess


def manifest_rows(corpus):
    """The rows of CORPUS/MANIFEST.tsv as dicts keyed by its header line."""
    with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f]


def run_info(stk, *args, timeout):
    """`stickerkit info ARGS`, its stdout and stderr captured as text."""
    return subprocess.run([stk, "info", *args], capture_output=True, text=True,
                          timeout=timeout)


def tap(results):
    """Prints one TAP case per (name, problems, note) of RESULTS, as they
    come, then the plan; returns the exit status (1 when any case failed).
    A case passes when it has no problems; its note, if any, follows '#'."""
    n = failed = 0
    for name, problems, note in results:
        n += 1
        if problems:
            failed += 1
            print(f"not ok {n} - {name}")
            for problem in problems:
                print(f"#   {problem}")
        else:
            print(f"ok {n} - {name} # {note}" if note else f"ok {n} - {name}")
    print(f"1..{n}")
    return 1 if failed else 0
