#!/usr/bin/env python3
"""craft.py KIND OUT [N] - writes one crafted hostile input, made from
nothing (standard library only), so tests and tests/bench/bench-attacks.sh
need no stored attack files.

  gif-bomb OUT [FRAMES [SIDE]]   GIF, SIDE^2 screen (8192), FRAMES 1x1 frames (1000)
  webp-bomb OUT [FRAMES [SIDE]]  animated WebP, SIDE^2 canvas (512), FRAMES 1x1 frames (9999)
  png OUT [SIDE]                 a plain SIDExSIDE RGBA PNG (1)
  noise OUT [SIDE]               a SIDExSIDE RGBA PNG of noise, barely compressible (256)
  itxt OUT [CHUNKS [MIB]]        1x1 PNG, a small XMP then CHUNKS compressed iTXt XMP
                                 packets of MIB MiB each (1000, 8)
  itxt-corrupt OUT               1x1 PNG, a small XMP then a corrupt compressed one
  xmp-big OUT [MIB]              8x8 PNG with one compressed XMP of MIB MiB (8)
  xmp-small OUT [KIB]            8x8 PNG with one compressed XMP of KIB KiB (16)
  packs OUT [N]                  .wastickers whose contents.json lists N empty packs (20000)
  stickers OUT [N]               .wastickers: one pack of N stickers, none in the archive (20000)
  folder DIR [N]                 folder of N 1x1 PNG stickers, hard links of one file (20000)
  frames DIR [N]                 frames folder of N 1x1 frames (hard links) + timing.json
  special DIR                    frames folder: 1.png, 2.png a FIFO (nothing else)
  link-zero DIR                  frames folder: 1.png, 2.png a symlink to /dev/zero
  link-out DIR                   frames folder: 1.png, 2.png a symlink to a PNG outside
  timing-big DIR [MIB]           frames folder whose timing.json is {"fps":24} + MIB MiB of spaces (200)
  tgs-numbers OUT                TGS whose layers are numbers
"""
import gzip
import io
import json
import os
import struct
import sys
import zipfile
import zlib


def png_chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(side=1, extra=b""):
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 6, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\x10\x80\xf0\xff" * side for _ in range(side))
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + extra +
            png_chunk(b"IDAT", zlib.compress(raw, 9)) + png_chunk(b"IEND", b""))


def noise_png(side=256):
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 6, 0, 0, 0)
    raw = b"".join(b"\x00" + os.urandom(4 * side) for _ in range(side))
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) +
            png_chunk(b"IDAT", zlib.compress(raw, 1)) + png_chunk(b"IEND", b""))


def itxt_xmp(text, compressed=True, raw=None):
    head = b"XML:com.adobe.xmp\x00" + (b"\x01\x00" if compressed else b"\x00\x00") + b"\x00\x00"
    body = raw if raw is not None else (zlib.compress(text, 9) if compressed else text)
    return png_chunk(b"iTXt", head + body)


def xmp_packet(size):
    head = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><!-- '
    tail = b" --></x:xmpmeta>"
    return head + b"x" * max(0, size - len(head) - len(tail)) + tail


def gif_bomb(frames=1000, side=8192):
    out = bytearray(b"GIF89a" + struct.pack("<HHBBB", side, side, 0, 0, 0))
    out += b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    for i in range(frames):
        out += b"\x21\xf9\x04\x00\x02\x00\x00\x00"              # 20 ms, no transparency
        out += b"\x2c" + struct.pack("<HHHH", i % side, 0, 1, 1) + b"\x80"
        out += b"\xff\x00\x00\x00\x00\xff"                      # 2-entry local palette
        out += b"\x02\x02\x44\x01\x00"                          # LZW: clear, 0, end
    out += b"\x3b"
    return bytes(out)


class Bits:
    def __init__(self):
        self.v, self.n = 0, 0

    def put(self, value, count):
        self.v |= value << self.n
        self.n += count

    def bytes(self):
        return self.v.to_bytes((self.n + 7) // 8, "little")


def vp8l_1x1():
    b = Bits()
    b.put(0x2F, 8)
    b.put(0, 14)
    b.put(0, 14)
    b.put(1, 1)    # alpha used
    b.put(0, 3)    # version
    b.put(0, 1)    # no transform
    b.put(0, 1)    # no colour cache
    b.put(0, 1)    # no meta prefix codes
    for symbol in (0, 0, 0, 255, 0):   # green, red, blue, alpha, distance: one symbol each
        b.put(1, 1)
        b.put(0, 1)
        if symbol < 2:
            b.put(0, 1)
            b.put(symbol, 1)
        else:
            b.put(1, 1)
            b.put(symbol, 8)
    return b.bytes()


def riff_chunk(kind, data):
    return kind + struct.pack("<I", len(data)) + data + (b"\x00" if len(data) % 2 else b"")


def u24(v):
    return struct.pack("<I", v)[:3]


def webp_bomb(frames=9999, side=512):
    frame = riff_chunk(b"VP8L", vp8l_1x1())
    body = riff_chunk(b"VP8X", bytes([0x12, 0, 0, 0]) + u24(side - 1) + u24(side - 1))
    body += riff_chunk(b"ANIM", b"\x00\x00\x00\x00\x00\x00")
    for i in range(frames):
        x = (i * 2) % side // 2
        head = u24(x) + u24(0) + u24(0) + u24(0) + u24(20) + b"\x00"
        body += riff_chunk(b"ANMF", head + frame)
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def zip_bytes(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in files:
            z.writestr(name, data)
    return buf.getvalue()


def packs(n=20000):
    doc = b'{"sticker_packs":[' + b",".join([b"{}"] * n) + b"]}"
    return zip_bytes([("contents.json", doc)])


def stickers(n=20000):
    item = b'{"image_file":"a.webp","emojis":["x"]}'
    doc = (b'{"sticker_packs":[{"identifier":"p","name":"n","publisher":"p",'
           b'"tray_image_file":"t.png","stickers":[' + b",".join([item] * n) + b"]}]}")
    return zip_bytes([("contents.json", doc)])


def hardlinked(folder, n, name_fmt):
    """N names for a handful of inodes: a new one every 50000 links (ext4
    allows 65000 links to one file)."""
    os.makedirs(folder, exist_ok=True)
    for i in range(1, n + 1):
        path = os.path.join(folder, name_fmt % i)
        if i % 50000 == 1:
            first = path
            with open(first, "wb") as f:
                f.write(png(1))
        else:
            os.link(first, path)


def frames_pair(folder):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "1.png"), "wb") as f:
        f.write(png(1))
    return os.path.join(folder, "2.png")


def tgs_numbers():
    doc = {"v": "5.5.2", "fr": 60, "ip": 0, "op": 180, "w": 512, "h": 512,
           "nm": "numbers", "ddd": 0, "assets": [], "layers": [1, 2, 3]}
    return gzip.compress(json.dumps(doc).encode(), 9)


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    kind, out = sys.argv[1], sys.argv[2]
    args = [int(a) for a in sys.argv[3:]]
    if kind == "gif-bomb":
        write(out, gif_bomb(*args))
    elif kind == "webp-bomb":
        write(out, webp_bomb(*args))
    elif kind == "png":
        write(out, png(*args))
    elif kind == "noise":
        write(out, noise_png(*args))
    elif kind == "itxt":
        chunks, mib = (args + [1000, 8][len(args):])[:2]
        big = itxt_xmp(xmp_packet(mib << 20))
        write(out, png(1, itxt_xmp(xmp_packet(200), compressed=False) + big * chunks))
    elif kind == "itxt-corrupt":
        write(out, png(1, itxt_xmp(xmp_packet(200), compressed=False) +
                       itxt_xmp(b"", raw=b"\x78\x9c\xff\xff\xff\xff not deflate")))
    elif kind == "xmp-big":
        write(out, png(8, itxt_xmp(xmp_packet((args[0] if args else 8) << 20))))
    elif kind == "xmp-small":
        write(out, png(8, itxt_xmp(xmp_packet((args[0] if args else 16) << 10))))
    elif kind == "packs":
        write(out, packs(*args))
    elif kind == "stickers":
        write(out, stickers(*args))
    elif kind == "folder":
        hardlinked(out, args[0] if args else 20000, "%06d.png")
    elif kind == "frames":
        hardlinked(out, args[0] if args else 20000, "%06d.png")
        write(os.path.join(out, "timing.json"), b'{"fps": 24}')
    elif kind == "special":
        os.mkfifo(frames_pair(out))
    elif kind == "link-zero":
        os.symlink("/dev/zero", frames_pair(out))
    elif kind == "link-out":
        outside = os.path.join(os.path.dirname(os.path.abspath(out)), "outside.png")
        write(outside, png(1))
        os.symlink(outside, frames_pair(out))
    elif kind == "timing-big":
        frames_pair(out)
        write(os.path.join(out, "2.png"), png(1))
        with open(os.path.join(out, "timing.json"), "wb") as f:
            f.write(b'{"fps": 24}')
            block = b" " * (1 << 20)
            for _ in range(args[0] if args else 200):
                f.write(block)
    elif kind == "tgs-numbers":
        write(out, tgs_numbers())
    else:
        sys.exit("craft.py: unknown kind " + kind)


if __name__ == "__main__":
    main()
