# GIFs whose frames last unequal times (a long final hold) become Telegram
# WEBMs that play for the time the report says: a WEBM states one frame
# duration for the whole track (FFmpeg writes no per-block durations), so
# the last frame lasts that, and a hold must be repeated frames.  Checked
# with ffprobe (frames counted by decoding, the packets' durations summed,
# the last frame's end) and with stickerkit's own read-back and validate.
# yahoo_pray.gif: 34 frames of 150 ms and a 5 s hold, sped up to 3 s;
# QIP af.gif: 120..1000 ms frames with 0 ms ones, sped up, at 6 fps, and
# with frames dropped to fit.
pray="$CORPUS/animated/emote_dmogdotorg_yahoo_pray.gif"
af="$CORPUS/animated/emote_QIP-pidgin_af.gif"
check() { # NAME: NAME.webm against NAME.rep.json
	expect_status 0 stickerkit validate -p telegram $1.webm
	ffprobe -v error -count_frames -show_entries stream=nb_read_frames \
		-of default=noprint_wrappers=1:nokey=1 $1.webm >frames.txt
	ffprobe -v error -show_entries packet=pts_time,duration_time -of csv=p=0 $1.webm \
		>packets.txt
	expect_status 0 stickerkit info --json $1.webm
	cp stdout $1.info.json
	python3 - $1 <<'PY' || fail "$1: the WEBM's timing is not the report's"
import json, sys
name = sys.argv[1]
rep = json.load(open(name + ".rep.json"))
info = json.load(open(name + ".info.json"))
frames = int(open("frames.txt").read())
pk = [[float(x) * 1000 for x in l.split(",")[:2]] for l in open("packets.txt") if l.strip()]
total = sum(d for _, d in pk)
end = pk[-1][0] + pk[-1][1]
n, ms = rep["frames"], rep["duration_ms"]
bad = []
if frames != n or len(pk) != n:
    bad.append("ffprobe decodes %d frames in %d packets, the report says %d" % (frames, len(pk), n))
# whole-millisecond frames: ffprobe sums them exactly
if abs(total - ms) > 1:
    bad.append("ffprobe's durations sum to %.0f ms, the report says %d" % (total, ms))
if abs(end - ms) > 1:
    bad.append("the last frame ends at %.0f ms, the report says %d" % (end, ms))
if info["frames"] != n or info["duration_ms"] != ms:
    bad.append("read back: %d frames, %d ms" % (info["frames"], info["duration_ms"]))
if not 0 < ms <= 3000 or n * 1000 > 30 * ms + 30:
    bad.append("%d frames in %d ms: over 3 s or 30 fps" % (n, ms))
for b in bad:
    print(name + ": " + b)
sys.exit(1 if bad else 0)
PY
}
expect_status 0 stickerkit convert -p telegram --duration-policy speedup \
	--report pray.rep.json "$pray" -o pray.webm
# whole-millisecond frames: 3 s, or less by under a frame
expect_eq "$(json pray.rep.json '3000 - 3000 / j["frames"] < j["duration_ms"] <= 3000')" true \
	"yahoo_pray sped up to 3 s"
check pray
expect_status 0 stickerkit convert -p telegram --duration-policy speedup --fps 6 \
	--report af.rep.json "$af" -o af.webm
expect_eq "$(json af.rep.json 'j["fps"] <= 6.001')" true "af.gif at --fps 6"
check af
# drop-frames keeps close to 3 s: the 400 ms pose and the 1 s final hold
# are kept, short frames dropped instead (it used to leave 2100 ms)
expect_status 0 stickerkit convert -p telegram --duration-policy drop-frames \
	--report drop.rep.json "$af" -o drop.webm
expect_eq "$(json drop.rep.json '2880 <= j["duration_ms"] <= 3000')" true "af.gif dropped to near 3 s"
check drop
