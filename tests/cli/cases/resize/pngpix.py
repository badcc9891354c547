#!/usr/bin/env python3
"""pngpix.py - a tiny PNG reader and writer for the resize CLI cases, so they
can look at the pixels of what `stickerkit resize` wrote (first image only,
8-bit and palette PNGs, no interlace).

  pngpix.py FILE size            -> "W H"
  pngpix.py FILE bbox [T]        -> "X Y W H" of pixels with alpha > T (default 0)
  pngpix.py FILE pixel X Y       -> "R G B A"
  pngpix.py FILE run X Y DX DY   -> pixels stepping from (X,Y) by (DX,DY), one "R G B A" a line
  pngpix.py OUT disc W H R [BG]  -> writes a W x H RGBA PNG: a red disc of radius R
                                    (anti-aliased) on transparent, or on colour BG (#rrggbb)
"""
import struct
import sys
import zlib


def chunks(data):
    pos = 8
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        yield kind, data[pos + 8:pos + 8 + n]
        pos += 12 + n


def unfilter(raw, h, stride, bpp):
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return rows


def read(path):
    data = open(path, "rb").read()
    idat, plte, trns = b"", b"", b""
    for kind, body in chunks(data):
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            plte = body
        elif kind == b"tRNS":
            trns = body
        elif kind == b"IDAT":
            idat += body
    assert interlace == 0, "interlaced PNGs are not read here"
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
    bits = channels * depth
    stride = (w * bits + 7) // 8
    rows = unfilter(zlib.decompress(idat), h, stride, max(1, bits // 8))
    px = []
    for line in rows:
        out = []
        for x in range(w):
            if depth < 8:
                v = (line[x * depth // 8] >> (8 - depth - (x * depth) % 8)) & ((1 << depth) - 1)
                s = [v if ctype == 3 else v * 255 // ((1 << depth) - 1)]
            else:
                s = list(line[x * channels:(x + 1) * channels])
            if ctype == 3:
                i = s[0]
                out.append(tuple(plte[i * 3:i * 3 + 3]) + (trns[i] if i < len(trns) else 255,))
            elif ctype == 0:
                out.append((s[0], s[0], s[0], 255))
            elif ctype == 4:
                out.append((s[0], s[0], s[0], s[1]))
            elif ctype == 2:
                out.append(tuple(s) + (255,))
            else:
                out.append(tuple(s))
        px.append(out)
    return w, h, px


def write_disc(path, w, h, r, bg):
    rows = b""
    for y in range(h):
        rows += b"\0"
        for x in range(w):
            inside = sum(((x + (i % 4 + 0.5) / 4 - w / 2) ** 2 + (y + (i // 4 + 0.5) / 4 - h / 2) ** 2)
                         <= r * r for i in range(16)) / 16
            if bg is None:
                rows += bytes((255, 0, 0, round(inside * 255)))
            else:
                mix = [round(255 * inside + c * (1 - inside)) if k == 0 else round(c * (1 - inside))
                       for k, c in enumerate(bg)]
                rows += bytes(mix + [255])

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    open(path, "wb").write(png)


def main(argv):
    path, cmd, args = argv[1], argv[2], argv[3:]
    if cmd == "disc":
        bg = None
        if len(args) > 3:
            bg = [int(args[3][i:i + 2], 16) for i in (1, 3, 5)]
        write_disc(path, int(args[0]), int(args[1]), float(args[2]), bg)
        return
    w, h, px = read(path)
    if cmd == "size":
        print(w, h)
    elif cmd == "bbox":
        t = int(args[0]) if args else 0
        pts = [(x, y) for y in range(h) for x in range(w) if px[y][x][3] > t]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        print(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1) if pts else print("none")
    elif cmd == "pixel":
        print(*px[int(args[1])][int(args[0])])
    elif cmd == "run":
        x, y, dx, dy = map(int, args)
        while 0 <= x < w and 0 <= y < h:
            print(*px[y][x])
            x, y = x + dx, y + dy


if __name__ == "__main__":
    main(sys.argv)
