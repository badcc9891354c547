# Art options: the pack's, a target's override, a sticker's own, in that
# order, seen in the pixels; and a sticker limited to some targets.
export STK_PROFILE_DIR="$SRC/assets/profiles"
px=$SRC/tests/cli/cases/resize/pngpix.py
mkdir -p p/art
python3 "$px" p/art/disc.png disc 400 400 150
cp p/art/disc.png p/art/other.png
python3 "$px" p/art/other.png disc 300 300 140
cat >p/stickerpack.json <<'JSON'
{
  "identifier": "discs", "name": "Discs", "publisher": "Me",
  "art": { "margin": 20 },
  "overrides": { "discord": { "margin": 60 } },
  "targets": ["telegram", "discord"],
  "stickers": [
    { "file": "art/disc.png", "emojis": ["🔴"] },
    { "file": "art/other.png", "emojis": ["⭕"], "art": { "margin": 0 }, "targets": ["telegram"] }
  ]
}
JSON
expect_status 0 stickerkit build -C p -j2 -q --report r.json
# telegram: 512 canvas, margin 20 -> the disc spans 472 px
near() { # near GOT WANT WHAT: within 2 pixels (the filter's soft edge)
	[ $(($1 - $2)) -le 2 ] && [ $(($2 - $1)) -le 2 ] || fail "$3: got $1, expected about $2"
}
near "$(python3 "$px" p/dist/telegram/01.png bbox 8 | cut -d' ' -f3)" 472 "pack margin"
# discord: 320 canvas, its override's margin 60 -> 200 px
near "$(python3 "$px" p/dist/discord/01.png bbox 8 | cut -d' ' -f3)" 200 "target override"
# the sticker's own margin 0 -> the whole 512
near "$(python3 "$px" p/dist/telegram/02.png bbox 8 | cut -d' ' -f3)" 512 "sticker option"
expect_eq "$(json r.json '[s["output"] for s in j["stickers"] if s["role"] == "sticker"]')" \
	'["telegram/01.png", "telegram/02.png", "discord/01.png"]' "sticker 2 only in telegram"
# a bad art option is an error at its place
sed -i 's/"margin": 60/"margin": "lots"/' p/stickerpack.json
expect_status 3 stickerkit build -C p
expect_grep 'line 4, column' stderr
