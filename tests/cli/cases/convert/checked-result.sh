# What convert writes with --profile passes validate with that profile, or
# convert says why: the result is checked before it is written (errors
# write nothing, exit 1; warnings are shown) and --max-bytes never raises
# the store's limit.  Each output is decoded again (info --json) to check it.
export STK_PROFILE_DIR="$SRC/assets/profiles"
PX="$SRC/tests/cli/cases/resize/pngpix.py"
META="--emoji 😀 --pack-name T --publisher Me"

# --max-bytes over WhatsApp's 100,000 bytes for stills: capped, and said.
S=$CORPUS/static/photo_noisy_1024x1024_tiger-face.png
expect_status 0 stickerkit convert -p whatsapp --max-bytes 200000 $META --report r.json \
	"$S" -o big.webp
expect_grep "max-bytes 200000 is over the whatsapp profile's limit for this sticker: capped at its 100000 bytes" stderr
expect_eq "$(json r.json 'j["budget"]')" 100000 "budget capped"
expect_status 0 stickerkit info --json big.webp
cp stdout big.json
expect_eq "$(json big.json 'j["format"] == "webp" and j["width"] == 512 and j["bytes"] <= 100000')" \
	true "a 512x512 WebP within WhatsApp's 100,000 bytes"
expect_status 0 stickerkit validate -p whatsapp big.webp

# A 2500 ms frame for KakaoTalk (frames last 50 ms to 2 s): written, with
# the warning validate gives.
mkdir hold
for n in 1 2 3 4; do python3 "$PX" hold/000$n.png disc 200 200 $((40 + n * 10)); done
echo '{"durations_ms": [100, 2500, 100, 100]}' >hold/timing.json
expect_status 0 stickerkit convert -p kakaotalk hold -o hold.webp
expect_grep "hold.webp: warning kakaotalk.animated.frame-max: frame 2: a frame lasts 2500 ms" stderr
expect_status 0 stickerkit info --json hold.webp
cp stdout hold.json
expect_eq "$(json hold.json 'j["frame_durations_ms"]')" "[100, 2500, 100, 100]" "the hold kept"
expect_status 0 stickerkit validate -p kakaotalk hold.webp
expect_grep "kakaotalk.animated.frame-max" stdout

# A blank first frame for WhatsApp: written, with the warning.
mkdir blank
python3 "$PX" blank/0001.png disc 200 200 0
for n in 2 3 4 5 6; do python3 "$PX" blank/000$n.png disc 200 200 $((40 + n * 5)); done
expect_status 0 stickerkit convert -p whatsapp $META blank -o blank.webp
expect_grep "blank.webp: warning whatsapp.art.first-frame" stderr
expect_status 0 stickerkit info --json blank.webp
cp stdout blank.json
expect_eq "$(json blank.json 'j["animated"] and j["metadata"]["exif"]')" true "written"
# -q: errors only.
expect_status 0 stickerkit convert -q -p whatsapp $META blank -o quiet.webp
[ ! -s stderr ] || fail "-q printed: $(cat stderr)"

# An animation with everything WhatsApp asks for: no warning at all, and
# validate agrees (keyframes, one frame rate, metadata).
H=$CORPUS/animated/frames_bounce_hamster
expect_status 0 stickerkit convert -p whatsapp $META "$H" -o ham.webp
if grep -q "warning\|error" stderr; then cat stderr; fail "convert warned on its own output"; fi
expect_status 0 stickerkit validate -p whatsapp ham.webp
expect_grep "no problems found" stdout

# An error under the profile: nothing written, exit 1, the rule named.
python3 - "$SRC/assets/profiles/whatsapp.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
for role in p["roles"]:
    for r in role["rules"]:
        if r["id"] == "whatsapp.art.background":
            r["severity"] = "error"
json.dump(p, open("strict.json", "w"))
PY
python3 "$PX" square.png disc 400 400 120 '#ffffff'
expect_status 1 stickerkit convert -p ./strict.json $META square.png -o sq.webp
expect_grep "sq.webp: error whatsapp.art.background" stderr
expect_grep "sq.webp: not written" stderr
[ ! -e sq.webp ] || fail "written although it breaks the profile"
