#!/usr/bin/env python3
"""bench-attacks.py STICKERKIT CRAFT WORK [OLD-STICKERKIT] - the runs of
bench-attacks.sh (see there)."""
import json
import os
import shutil
import subprocess
import sys

stk, craft, work = sys.argv[1:4]
old = sys.argv[4] if len(sys.argv) > 4 else None
LIMIT_S, LIMIT_MIB = 5.0, 1024

# Runs one command in a wrapper process of its own, so RUSAGE_CHILDREN is
# that command's alone: exit status, wall and CPU time, peak RSS, stderr.
WRAP = r"""
import json, resource, subprocess, sys, time
cap_s, cap_mib, fsize = json.loads(sys.argv[1])
def limits():
    if cap_mib:
        resource.setrlimit(resource.RLIMIT_AS, (cap_mib << 20, cap_mib << 20))
    if fsize is not None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
start = time.monotonic()
p = subprocess.Popen(sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                     preexec_fn=limits)
try:
    out, err = p.communicate(timeout=cap_s)
except subprocess.TimeoutExpired:
    p.kill()
    out, err = p.communicate()
wall = time.monotonic() - start
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
unreadable = [l for l in out.decode(errors="replace").splitlines() if "input.unreadable" in l]
print(json.dumps([p.returncode, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024,
                  err.decode(errors="replace").strip().splitlines(), unreadable]))
"""


def measure(binary, argv, cap_s=None, cap_mib=None, fsize=None):
    out = subprocess.run([sys.executable, "-c", WRAP, json.dumps([cap_s, cap_mib, fsize]),
                          binary] + argv, cwd=work, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def make(kind, name, *args):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        subprocess.run([sys.executable, craft, kind, path] + [str(a) for a in args], check=True)
    return path


def files_under():
    found = set()
    for d, _, names in os.walk(work):
        found.update(os.path.join(d, n) for n in names)
    return found


# (title, craft kind, file name, craft args, [(argv, hostile, output)]): a
# hostile input must be refused (3, or 1 for validate with its unreadable
# finding) in one line; `output` is the one file a run may leave.
def attacks():
    def readers(name, hostile=True):
        return [(["info", name], hostile, None),
                (["validate", "-p", "telegram", name], hostile, None),
                (["resize", "--size", "64x64", name, "-o", "out.webp"], hostile, "out.webp"),
                (["convert", "-p", "whatsapp", name, "-o", "out.webp"], hostile, "out.webp")]
    yield ("GIF, 8192x8192 screen, 1000 1x1 frames", "gif-bomb", "bomb.gif", [1000, 8192],
           readers("bomb.gif"))
    yield ("animated WebP, 512x512 canvas, 9999 1x1 frames", "webp-bomb", "bomb.webp",
           [9999, 512], readers("bomb.webp"))
    yield ("PNG 1x1 with 1000 compressed iTXt XMP of 8 MiB (not hostile: kept, one used)",
           "itxt", "itxt.png", [1000, 8], readers("itxt.png", hostile=False))
    yield ("frames folder, 2.png a FIFO", "special", "fifo", [], readers("fifo"))
    yield ("frames folder, 2.png -> /dev/zero", "link-zero", "zero", [], readers("zero"))
    yield ("frames folder, 2.png -> a PNG outside it", "link-out", "linkout", [],
           readers("linkout"))
    yield ("frames folder, 200 MiB timing.json", "timing-big", "timing", [200],
           readers("timing"))
    yield ("frames folder of 20000 1x1 frames (over --max-frames)", "frames", "frames20k",
           [20000], readers("frames20k"))
    yield ("PNG 8x8 (8 KB) whose XMP inflates to 8 MiB (not hostile)", "xmp-big", "xmp.png",
           [8], [(["resize", "--size", "64x64", "xmp.png", "-o", "xmp-out.png"], False,
                  "xmp-out.png"),
                 (["convert", "xmp.png", "-o", "xmp-out.webp"], False, "xmp-out.webp")])
    yield (".wastickers (3 KB), contents.json of 1000000 empty packs", "packs",
           "million.wastickers", [1000000], [(["validate", "million.wastickers"], True, None)])
    yield (".wastickers, one pack of 100001 stickers", "stickers", "stickers.wastickers",
           [100001], [(["validate", "stickers.wastickers"], True, None)])
    yield ("TGS whose layers are numbers", "tgs-numbers", "numbers.tgs", [],
           [(["validate", "-p", "telegram", "numbers.tgs"], True, None)])


def header(title):
    print("\n%s" % title)
    print("  %-50s %4s %7s %7s %7s %3s  %s" % ("command", "exit", "wall s", "cpu s", "RSS MiB",
                                               "err", "verdict: first line of stderr"))


def row(cmd, r, verdict):
    status, wall, cpu, rss, lines, unreadable = r
    first = (unreadable or lines or [""])[0].strip()
    print("  %-50s %4s %7.2f %7.2f %7.0f %3d  %s: %s" % (" ".join(cmd)[:50], status, wall, cpu,
                                                        rss, len(lines), verdict, first[:90]))


def judge(cmd, r, hostile, left, output, caps):
    """Time is judged on CPU time (user + system): the runs are single
    threaded, so on an idle machine wall time is the same, while on a
    loaded one it is not a property of the program."""
    status, wall, cpu, rss, lines, unreadable = r
    validate = cmd[0] == "validate"
    problems = []
    if cpu > LIMIT_S:
        problems.append("over 5 s")
    if rss > LIMIT_MIB:
        problems.append("over 1 GiB")
    if hostile and validate and not (status in (1, 3) and len(unreadable) == 1):
        problems.append("not refused in one finding (%s)" % status)
    elif hostile and not validate and status != 3:
        problems.append("not refused (%s)" % status)
    if not hostile and status != 0 and not (validate and status == 1):
        problems.append("failed (%s)" % status)
    # validate says which profile it picked on stderr; its verdict is on stdout
    if not validate and status == 3 and len(lines) != 1:
        problems.append("%d lines" % len(lines))
    stray = [os.path.basename(f) for f in left
             if not (status == 0 and os.path.basename(f) == output)]
    if stray:
        problems.append("left " + " ".join(stray))
    return "; ".join(problems) or "ok"


def bench(binary, label, caps):
    header("crafted attacks, %s (%s), load average %.1f on %d CPUs" % (
        label, binary, os.getloadavg()[0], os.cpu_count()))
    kept = total = 0
    for title, kind, name, args, runs in attacks():
        print(" %s" % title)
        make(kind, name, *args)
        for cmd, hostile, output in runs:
            before = files_under()
            r = measure(binary, cmd, **caps)
            left = files_under() - before
            for f in left:
                os.unlink(f)
            v = judge(cmd, r, hostile, left, output, caps)
            row(cmd, r, v)
            kept += v == "ok"
            total += 1
    print(" a write cut by the file-size limit (one 512-byte block)")
    make("noise", "noise.png", 256)
    for cmd in (["resize", "noise.png", "-o", "cut.png"],
                ["convert", "--quality", "100", "--max-bytes", "9000000", "noise.png", "-o", "cut.webp"]):
        before = files_under()
        r = measure(binary, cmd, fsize=512, **caps)
        left = files_under() - before
        for f in left:
            os.unlink(f)
        v = "ok" if r[0] == 4 and len(r[4]) == 1 and not left else \
            "exit %s, %d lines, left %s" % (r[0], len(r[4]), [os.path.basename(f) for f in left])
        row(cmd, r, v)
        kept += v == "ok"
        total += 1
    return kept, total


def linear(binary, label, caps):
    print("\nvalidation time against entries, %s" % label)
    print("  %-40s %7s %7s %7s %9s %7s %4s" % ("input", "entries", "wall s", "cpu s",
                                               "cpu us/n", "RSS MiB", "exit"))
    for kind, what in (("packs", "empty packs in one .wastickers"),
                       ("folder", "1x1 PNG stickers in a folder")):
        for n in (2000, 20000, 100000):
            name = "%s-%d%s" % (kind, n, ".wastickers" if kind == "packs" else "")
            path = make(kind, name, n)
            status, wall, cpu, rss, _, _ = measure(binary, ["validate", "-p", "telegram", name],
                                                   **caps)
            print("  %-40s %7d %7.2f %7.2f %9.1f %7.0f %4s" % (what, n, wall, cpu, 1e6 * cpu / n,
                                                               rss, status))
            if kind == "folder":
                shutil.rmtree(path)
            else:
                os.unlink(path)


kept, total = bench(stk, "this build", {})
linear(stk, "this build", {})
if old:
    caps = {"cap_s": 20, "cap_mib": 3072}
    bench(old, "old build, each run capped at 20 s and 3 GiB", caps)
    linear(old, "old build, each run capped at 20 s and 3 GiB", caps)
left = sorted(os.path.basename(f) for f in files_under())
print("\n%d of %d runs kept the promise (<= %g s of CPU, <= %d MiB, hostile input refused in "
      "one line, nothing left on disk)" % (kept, total, LIMIT_S, LIMIT_MIB))
sys.exit(0 if kept == total else 1)
