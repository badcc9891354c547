"""png_rgba.py - a small PNG reader for the CLI tests (python3 and zlib
only): 8-bit greyscale, RGB, palette, grey+alpha and RGBA, not interlaced,
which covers the sheets stickerkit writes and Chromium's screenshots.

    w, h, px = read(path)     # px: bytes, RGBA, w*4 per row
"""
import struct
import zlib


def _unfilter(raw, w, h, bpp):
    stride = w * bpp
    out = bytearray(h * stride)
    prev = bytearray(stride)
    pos = 0
    for y in range(h):
        ft = raw[pos]
        line = bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ft == 1:
                line[i] = (line[i] + a) & 255
            elif ft == 2:
                line[i] = (line[i] + b) & 255
            elif ft == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
        out[y * stride:(y + 1) * stride] = line
        prev = line
    return out


def read(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    pos, idat, plte, trns = 8, b"", b"", b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            plte = body
        elif kind == b"tRNS":
            trns = body
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    if depth != 8 or interlace:
        raise ValueError(f"{path}: depth {depth}, interlace {interlace} not handled")
    bpp = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
    px = _unfilter(zlib.decompress(idat), w, h, bpp)
    if ctype == 6:
        return w, h, bytes(px)
    out = bytearray(w * h * 4)
    for i in range(w * h):
        if ctype == 2:
            out[i * 4:i * 4 + 4] = px[i * 3:i * 3 + 3] + b"\xff"
        elif ctype == 0:
            out[i * 4:i * 4 + 4] = bytes((px[i],) * 3) + b"\xff"
        elif ctype == 4:
            out[i * 4:i * 4 + 4] = bytes((px[i * 2],) * 3) + px[i * 2 + 1:i * 2 + 2]
        else:
            k = px[i]
            a = trns[k] if k < len(trns) else 255
            out[i * 4:i * 4 + 4] = plte[k * 3:k * 3 + 3] + bytes((a,))
    return w, h, bytes(out)
