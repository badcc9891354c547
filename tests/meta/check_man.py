#!/usr/bin/env python3
"""check_man.py STICKERKIT MANDIR - keeps --help and the man pages in step.
For every command the binary lists: a page man/stickerkit-CMD.1.scd
exists, each usage line of `stickerkit CMD --help` stands in its SYNOPSIS,
and every long option of --help is documented in the page.  Prints TAP."""
import re
import subprocess
import sys

stk, mandir = sys.argv[1], sys.argv[2]
n = failed = 0


def case(ok, name, detail=""):
    global n, failed
    n += 1
    print(f"{'ok' if ok else 'not ok'} {n} - {name}")
    if not ok:
        failed += 1
        if detail:
            print(f"#   {detail}")


def plain(text):
    """scdoc markup off, whitespace folded: *bold*, _under_, escapes."""
    text = re.sub(r"[*_\\]", "", text)
    return " ".join(text.split())


commands = subprocess.run([stk, "help", "--list-commands"], capture_output=True, text=True,
                          check=True).stdout.split()
case(len(commands) > 0, "the binary lists its commands")
for cmd in commands:
    path = f"{mandir}/stickerkit-{cmd}.1.scd"
    try:
        page = open(path, encoding="utf-8").read()
    except OSError:
        case(False, f"{cmd}: man page exists", path)
        continue
    case(True, f"{cmd}: man page exists")
    helptext = subprocess.run([stk, cmd, "--help"], capture_output=True, text=True).stdout
    usage = [re.sub(r"^(usage:)?\s+", "", l) for l in helptext.split("\n\n")[0].splitlines()]
    synopsis = page.split("# SYNOPSIS", 1)[-1].split("\n# ", 1)[0]
    missing = [u for u in usage if plain(u) not in plain(synopsis)]
    case(not missing, f"{cmd}: SYNOPSIS has the --help usage lines", f"missing: {missing}")
    options = sorted(set(re.findall(r"--([a-z][a-z0-9-]*)", helptext)) - {"help"})
    undocumented = [o for o in options if f"--{o}" not in plain(page)]
    case(not undocumented, f"{cmd}: every option is in the man page",
         f"undocumented: {undocumented}")
print(f"1..{n}")
sys.exit(1 if failed else 0)
