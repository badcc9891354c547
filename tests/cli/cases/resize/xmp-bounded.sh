# resize copied XMP uncompressed into its output: an 8 KB PNG became an
# 8 MB one.  XMP carried over is now compressed, and dropped past 64 KiB.
chunks() { # FILE: "TYPE LENGTH COMPRESSED" for each iTXt chunk
	python3 - "$1" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
i = 8
while i + 8 <= len(d):
    n, t = struct.unpack(">I4s", d[i:i + 8])
    body = d[i + 8:i + 8 + n]
    if t == b"iTXt":
        k = body.index(b"\0")
        print(body[:k].decode(), n, body[k + 1])
    i += 12 + n
PY
}
craft xmp-big big.png 8
[ "$(wc -c <big.png)" -lt 20000 ] || fail "big.png is not small"
expect_status 0 stickerkit resize --size 64x64 big.png -o big-out.png
[ "$(wc -c <big-out.png)" -lt 65536 ] || fail "output is $(wc -c <big-out.png) bytes"
expect_eq "$(chunks big-out.png)" "" "8 MiB XMP dropped"
craft xmp-small small.png 16
expect_status 0 stickerkit resize --size 64x64 small.png -o small-out.png
set -- $(chunks small-out.png)
expect_eq "$1 $3" "XML:com.adobe.xmp 1" "16 KiB XMP kept, compressed"
[ "$2" -lt 4096 ] || fail "XMP chunk is $2 bytes"
