# Telegram: a TGS is checked from its Lottie JSON (size, frame rate, length,
# bytes, forbidden features), a folder of TGS files picks the profile
# itself, and custom emoji are checked with --role.
export STK_PROFILE_DIR="$SRC/assets/profiles"
mkdir set
python3 - <<'PY'
import gzip, json
def tgs(path, fr, op, layers, w=512):
    doc = {"tgs": 1, "v": "5.5.2", "fr": fr, "ip": 0, "op": op, "w": w, "h": w, "layers": layers}
    with gzip.open(path, "wb") as f:
        f.write(json.dumps(doc).encode())
shape = {"ty": 4, "ks": {}, "shapes": []}
tgs("set/good.tgs", 60, 180, [shape])
tgs("set/slow.tgs", 30, 90, [shape])
tgs("set/long.tgs", 60, 240, [shape])
tgs("set/bad.tgs", 60, 60, [{"ty": 5, "ks": {}}, {"ty": 4, "ks": {}, "ddd": 1}], w=256)
PY
expect_status 1 stickerkit validate --format json set
expect_grep "using the telegram profile" stderr
cp stdout r.json
rules_of() { json r.json "sorted(set(x['rule'] for x in j['findings'] if x['file'].endswith('/$1')))"; }
expect_eq "$(rules_of good.tgs)" '[]' "good.tgs"
expect_eq "$(rules_of slow.tgs)" '["telegram.tgs.fps-60"]' "30 fps is a warning"
expect_eq "$(rules_of long.tgs)" '["telegram.tgs.duration", "telegram.tgs.max-frames"]' "4 s"
expect_eq "$(rules_of bad.tgs)" '["telegram.tgs.features", "telegram.tgs.height", "telegram.tgs.width"]' "256 px, text layer, 3D"
expect_eq "$(json r.json "len([x for x in j['findings'] if x['rule'] == 'telegram.tgs.features'])")" 2 "one finding per feature"
expect_eq "$(json r.json 'j["errors"]')" 6 "errors"
expect_eq "$(json r.json 'j["warnings"]')" 1 "warnings"
f="$CORPUS/static/rgba_64x64_tiny_penguin.png"
expect_status 1 stickerkit validate --profile telegram --role emoji.static "$f"
expect_grep "telegram.emoji.width: the custom emoji is 64 px wide" stdout
